using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Data;
using RescueTracker.Features.Webhooks;
using RescueTracker.Tests.Features.History;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Webhooks;

/// <summary>Nothing of the dispatcher lives only in memory: a delivery that failed before a restart is sent after it, under the ids it had.</summary>
public class WebhookRestartTests
{
    [Fact]
    public async Task A_delivery_pending_when_the_app_stops_is_delivered_by_the_next_start_with_the_same_delivery_and_event_ids()
    {
        var clock = new ManualClock(Hooks.Start);
        using var database = new TempSqliteFile();
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 503;
        WebhookDelivery before;
        await using (var first = Hooks.App(clock, database: database))
        {
            await first.RegisterAsync(receiver.Url);
            await first.ChangeStatusAsync("EtherFi Foundation", "committed");
            before = (await first.WaitForDeliveriesAsync(d => d.Count == 1 && d[0].Attempts == 1))[0];
        }

        receiver.Answer = _ => 200;
        clock.Advance(TimeSpan.FromMinutes(1));
        await using var second = Hooks.App(clock, database: database);
        var after = (await second.WaitForDeliveriesAsync(d => d.Count == 1 && d[0].Status == WebhookDeliveryStatus.Delivered))[0];

        Assert.Equal((before.Id, before.DeliveryKey, 2), (after.Id, after.DeliveryKey, after.Attempts));
        Assert.Equal([503, 200], receiver.Received.Select(r => r.Answered));
        Assert.Single(receiver.Received.Select(r => (r.Header(WebhookSignature.DeliveryHeader), r.Header(WebhookSignature.EventHeader), r.Text)).Distinct());
        Assert.Equal(before.DeliveryKey.ToString("D"), receiver.Received[1].Header(WebhookSignature.DeliveryHeader));
        Assert.Equal(Hooks.ExpectedSignature(receiver.Received[1].Body), receiver.Received[1].Header(WebhookSignature.Header));
    }

    [Fact]
    public async Task Enqueueing_again_makes_no_second_delivery_and_the_database_refuses_one_for_the_same_subscription_and_event()
    {
        var clock = new ManualClock(Hooks.Start);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = Hooks.App(clock, loop: false);
        var subscription = await app.RegisterAsync(receiver.Url);
        var dispatcher = app.Services.GetRequiredService<WebhookDispatcher>();
        Assert.Equal(0, await dispatcher.EnqueueAsync(CancellationToken.None));

        await app.ChangeStatusAsync("Mantle", "committed");
        Assert.Equal(1, await dispatcher.EnqueueAsync(CancellationToken.None));
        Assert.Equal(0, await dispatcher.EnqueueAsync(CancellationToken.None));
        // Even with the subscription's cursor moved back before the event, the pair already queued is not queued again.
        var delivery = Assert.Single(await app.DeliveriesAsync());
        await using (var db = app.Db())
            await db.WebhookSubscriptions.Where(s => s.Id == subscription.Id).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastEventId, delivery.EventId - 1));
        Assert.Equal(0, await dispatcher.EnqueueAsync(CancellationToken.None));
        Assert.Single(await app.DeliveriesAsync());
        await using (var db = app.Db())
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                SubscriptionId = subscription.Id, EventId = delivery.EventId, DeliveryKey = Guid.NewGuid(), Status = WebhookDeliveryStatus.Pending,
                CreatedAt = clock.Now, NextAttemptAt = clock.Now, Deadline = clock.Now.AddDays(1),
            });
            var refused = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            Assert.Contains(app.Database.Provider == RescueTracker.Data.DatabaseProvider.PostgreSql
                ? "duplicate key value violates unique constraint \"IX_WebhookDeliveries_SubscriptionId_EventId\""
                : "UNIQUE constraint failed: WebhookDeliveries.SubscriptionId, WebhookDeliveries.EventId", refused.InnerException!.Message);
        }

        await dispatcher.DeliverDueAsync(CancellationToken.None);
        Assert.Single(receiver.Received);
        Assert.Equal(WebhookDeliveryStatus.Delivered, Assert.Single(await app.DeliveriesAsync()).Status);
    }
}
