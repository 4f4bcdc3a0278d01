using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Data;
using RescueTracker.Features.Webhooks;
using RescueTracker.Tests.Features.History;
using RescueTracker.Tests.Features.Sharing;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Webhooks;

/// <summary>
/// Webhooks against a real receiver on loopback, with the dispatcher's own loop running and a clock only the test
/// moves: signed bodies whose id is the /feed.atom entry id, nothing from before registration, a receiver that is down
/// and then failing that gets the event once it is back (same ids, once), a receiver too slow to answer, the retry schedule
/// with Retry-After, refusals that are not retried, and abandonment after a day.
/// </summary>
public class WebhookDeliveryTests
{
    [Fact]
    public async Task A_status_change_through_the_admin_api_arrives_once_signed_with_the_secret_and_carrying_the_feed_entry_id()
    {
        var clock = new ManualClock(Hooks.Start);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = Hooks.App(clock);
        await app.RegisterAsync(receiver.Url);

        clock.Advance(TimeSpan.FromMinutes(5));
        await app.ChangeStatusAsync("Mantle", "committed");
        var hook = await receiver.WaitForAsync(_ => true);

        Assert.Equal(Hooks.ExpectedSignature(hook.Body), hook.Header(WebhookSignature.Header));
        Assert.Matches("^sha256=[0-9a-f]{64}$", hook.Header(WebhookSignature.Header));
        Assert.StartsWith("application/json", hook.Header("Content-Type"));
        var feed = await FeedParser.ParseAsync(await (await app.CreateClient().GetAsync("/feed.atom")).Content.ReadAsByteArrayAsync());
        var newest = feed.Entries[0];
        using var json = JsonDocument.Parse(hook.Body);
        var body = json.RootElement;
        var mantle = await app.PledgeIdAsync("Mantle");
        Assert.Equal(newest.Id, body.GetProperty("id").GetString());
        Assert.StartsWith("urn:rescuetracker:status-change:", newest.Id);
        Assert.Equal(newest.Id, hook.Header(WebhookSignature.EventHeader));
        Assert.Equal(newest.Title, body.GetProperty("title").GetString());
        Assert.Equal("Mantle: proposed to committed", body.GetProperty("title").GetString());
        Assert.Equal("statusChanged", body.GetProperty("type").GetString());
        Assert.Equal(mantle, body.GetProperty("pledgeId").GetInt32());
        Assert.Equal($"https://tracker.example/pledges/{mantle}", body.GetProperty("link").GetString());
        Assert.Equal("2026-05-01T09:05:00Z", body.GetProperty("at").GetString());
        Assert.Contains("changed from proposed to committed", body.GetProperty("summary").GetString());
        Assert.Equal(["https://governance.example.org/t/mantle/9"], body.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("href").GetString()));
        Assert.True(Guid.TryParse(hook.Header(WebhookSignature.DeliveryHeader), out _));

        // More rounds, and the clock a day on: the seed's events (older than the subscription) and this one are never sent again.
        var dispatcher = app.Services.GetRequiredService<WebhookDispatcher>();
        clock.Advance(TimeSpan.FromDays(1));
        await dispatcher.RunOnceAsync(CancellationToken.None);
        await Task.Delay(300);
        Assert.Single(receiver.Received);
        var delivery = Assert.Single(await app.DeliveriesAsync());
        Assert.Equal((WebhookDeliveryStatus.Delivered, 1, 200), (delivery.Status, delivery.Attempts, delivery.LastStatusCode));
        Assert.Equal(hook.Header(WebhookSignature.DeliveryHeader), delivery.DeliveryKey.ToString("D"));
    }

    [Fact]
    public async Task A_receiver_that_is_down_and_then_failing_gets_the_event_once_it_is_back_under_the_same_ids()
    {
        var clock = new ManualClock(Hooks.Start);
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = Hooks.App(clock);
        await app.RegisterAsync(receiver.Url);
        await receiver.StopAsync();

        await app.ChangeStatusAsync("Lido Finance", "withdrawn");
        // Port closed: the connection is refused, and the error is recorded.
        var refused = await app.WaitForDeliveriesAsync(d => d.Count == 1 && d[0].Attempts == 1);
        Assert.Equal(WebhookDeliveryStatus.Pending, refused[0].Status);
        Assert.Null(refused[0].LastStatusCode);
        Assert.Contains("refused", refused[0].LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Hooks.Start + TimeSpan.FromSeconds(30), refused[0].NextAttemptAt);

        // Back, but failing with 503s.
        receiver.Answer = _ => 503;
        await receiver.StartAgainAsync();
        clock.Advance(TimeSpan.FromSeconds(30));
        await app.WaitForDeliveriesAsync(d => d[0].Attempts == 2);
        clock.Advance(TimeSpan.FromSeconds(60));
        var failing = await app.WaitForDeliveriesAsync(d => d[0].Attempts == 3);
        Assert.Equal((503, Hooks.Start + TimeSpan.FromSeconds(90 + 120)), (failing[0].LastStatusCode, failing[0].NextAttemptAt));

        // Healthy again: the next attempt is delivered, and nothing is sent after it.
        receiver.Answer = _ => 200;
        clock.Advance(TimeSpan.FromSeconds(120));
        var delivered = await app.WaitForDeliveriesAsync(d => d[0].Status == WebhookDeliveryStatus.Delivered);
        clock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(300);

        Assert.Equal([503, 503, 200], receiver.Received.Select(r => r.Answered));
        var accepted = Assert.Single(receiver.Accepted);
        Assert.Single(receiver.Received.Select(r => r.Header(WebhookSignature.DeliveryHeader)).Distinct());
        Assert.Single(receiver.Received.Select(r => r.Text).Distinct());
        using var json = JsonDocument.Parse(accepted.Body);
        Assert.Equal(delivered[0].Event!.EntryId, json.RootElement.GetProperty("id").GetString());
        Assert.Equal(Hooks.ExpectedSignature(accepted.Body), accepted.Header(WebhookSignature.Header));
        Assert.Equal((4, Hooks.Start + TimeSpan.FromSeconds(210)), (delivered[0].Attempts, delivered[0].DeliveredAt));
        Assert.Equal([null, 503, 503, 200], delivered[0].AttemptLog.OrderBy(a => a.Number).Select(a => a.StatusCode));
        Assert.Equal([1, 2, 3, 4], delivered[0].AttemptLog.OrderBy(a => a.Number).Select(a => a.Number));
    }

    [Fact]
    public async Task A_delivery_still_failing_a_day_after_the_event_is_abandoned_with_its_last_answer_recorded()
    {
        var clock = new ManualClock(Hooks.Start);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 500;
        await using var app = Hooks.App(clock);
        await app.RegisterAsync(receiver.Url);

        await app.ChangeStatusAsync("Golem Foundation", "withdrawn");
        await app.WaitForDeliveriesAsync(d => d.Count == 1 && d[0].Attempts == 1);
        clock.Advance(TimeSpan.FromHours(23));
        // Still within the day: retried (the second wait is 60 s), not abandoned.
        var retried = await app.WaitForDeliveriesAsync(d => d[0].Attempts == 2);
        Assert.Equal((WebhookDeliveryStatus.Pending, Hooks.Start + TimeSpan.FromHours(23) + TimeSpan.FromSeconds(60)), (retried[0].Status, retried[0].NextAttemptAt));
        clock.Advance(TimeSpan.FromHours(2));
        var abandoned = await app.WaitForDeliveriesAsync(d => d[0].Status == WebhookDeliveryStatus.Abandoned);

        Assert.Equal((3, 500, (DateTimeOffset?)null), (abandoned[0].Attempts, abandoned[0].LastStatusCode, abandoned[0].NextAttemptAt));
        Assert.StartsWith("500 Internal Server Error", abandoned[0].LastError);
        clock.Advance(TimeSpan.FromDays(2));
        await Task.Delay(300);
        Assert.Equal(3, receiver.Received.Count);
        Assert.Contains(app.Logs.Entries.Select(e => e.Message), m => m.Contains("abandoned after attempt 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_429_is_retried_after_the_wait_its_Retry_After_asks_for_and_a_404_is_not_retried()
    {
        var clock = new ManualClock(Hooks.Start);
        await using var limited = await WebhookReceiver.StartAsync();
        limited.Answer = response =>
        {
            response.Headers.RetryAfter = "600";
            return 429;
        };
        await using var missing = await WebhookReceiver.StartAsync();
        missing.Answer = _ => 404;
        await using var app = Hooks.App(clock);
        await app.RegisterAsync(limited.Url);
        await app.RegisterAsync(missing.Url);

        await app.ChangeStatusAsync("Mantle", "withdrawn");
        var deliveries = await app.WaitForDeliveriesAsync(d => d.Count == 2 && d.All(x => x.Attempts == 1));

        var throttled = deliveries.Single(d => d.LastStatusCode == 429);
        Assert.Equal((WebhookDeliveryStatus.Pending, Hooks.Start + TimeSpan.FromMinutes(10)), (throttled.Status, throttled.NextAttemptAt));
        var refused = deliveries.Single(d => d.LastStatusCode == 404);
        Assert.Equal(WebhookDeliveryStatus.Abandoned, refused.Status);
        Assert.Contains("not retried", refused.LastError);
        Assert.Equal(throttled.EventId, refused.EventId);
    }

    [Fact]
    public async Task A_receiver_slower_than_the_timeout_is_a_failed_attempt_retried_later()
    {
        var clock = new ManualClock(Hooks.Start);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ =>
        {
            Thread.Sleep(TimeSpan.FromSeconds(2));
            return 200;
        };
        await using var app = Hooks.App(clock, timeout: "00:00:00.5");
        await app.RegisterAsync(receiver.Url);

        await app.ChangeStatusAsync("Stani Kulechov (personal)", "withdrawn");
        var timedOut = (await app.WaitForDeliveriesAsync(d => d.Count == 1 && d[0].Attempts == 1))[0];

        Assert.Equal((WebhookDeliveryStatus.Pending, null, "No answer within 0.5 s"), (timedOut.Status, timedOut.LastStatusCode, timedOut.LastError));
        // At least the timeout; that it gave up before the answer came is the status above (no 200, still pending).
        Assert.True(Assert.Single(timedOut.AttemptLog).DurationMs >= 450, $"{timedOut.AttemptLog[0].DurationMs} ms");
        Assert.Equal(Hooks.Start + TimeSpan.FromSeconds(30), timedOut.NextAttemptAt);
        receiver.Answer = _ => 200;
        clock.Advance(TimeSpan.FromSeconds(30));
        var delivered = (await app.WaitForDeliveriesAsync(d => d[0].Status == WebhookDeliveryStatus.Delivered))[0];
        Assert.Equal(2, delivered.Attempts);
        // The receiver saw both POSTs (it answered the first too late): the same delivery id, for it to tell them apart from two events.
        await receiver.WaitForAsync(_ => receiver.Received.Count == 2);
        Assert.Single(receiver.Received.Select(r => r.Header(WebhookSignature.DeliveryHeader)).Distinct());
    }
}
