using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Chains;
using RescueTracker.Features.Ledger;
using RescueTracker.Features.Sharing;
using RescueTracker.Features.Webhooks;
using RescueTracker.Features.Webhooks.Pages;
using RescueTracker.Tests.Features.History;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Webhooks;

/// <summary>
/// The webhooks page in the circuit, on a seeded database with the app's own webhook services: registration with its
/// refusals, the secret shown once, and the deliveries a real dispatcher made to real loopback receivers.
/// </summary>
public class WebhooksPageTests : AdminComponentTest
{
    private const string UrlLabel = "URL (http or https)";
    private const string SecretLabel = "Secret (at least 16 characters)";
    private readonly ManualClock _clock = new(Hooks.Start);

    public WebhooksPageTests()
    {
        Auth.SetRoles(AdminRoles.Admin);
        Services.AddSingleton<TimeProvider>(_clock);
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddOptions<ChainsOptions>();
        Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        Services.AddSharing();
        Services.AddWebhooks();
    }

    [Fact]
    public async Task A_bad_registration_shows_messages_beside_the_fields_and_saves_nothing_a_good_one_shows_the_secret_once()
    {
        var page = this.RenderPage<WebhooksPage>();

        await page.FillAsync(UrlLabel, "receiver.example/hooks");
        await page.FillAsync(SecretLabel, "too short");
        await page.ClickButtonAsync("Register");

        Assert.Contains("is not an absolute http or https URL", page.ErrorBeside(UrlLabel));
        Assert.Contains("at least 16 characters", page.ErrorBeside(SecretLabel));
        await using (var db = Database.File.CreateContext()) Assert.Equal(0, await db.WebhookSubscriptions.CountAsync());

        await page.FillAsync(UrlLabel, "https://receiver.example/hooks");
        await page.FillAsync(SecretLabel, Hooks.Secret);
        await page.ClickButtonAsync("Register");

        Assert.Null(page.ErrorBeside(UrlLabel));
        Assert.Equal(Hooks.Secret, page.Find("#new-webhook-secret").GetAttribute("value"));
        var row = Assert.Single(SubscriptionRows(page));
        Assert.Equal("https://receiver.example/hooks", Cell(row, "URL"));
        Assert.Equal("active", Cell(row, "State"));
        Assert.DoesNotContain(Hooks.Secret, row.TextContent);

        var again = this.RenderPage<WebhooksPage>();
        again.WaitForAssertion(() => Assert.Single(SubscriptionRows(again)));
        Assert.Empty(again.FindAll("#new-webhook-secret"));
        Assert.DoesNotContain(Hooks.Secret, again.Markup);
    }

    [Fact]
    public async Task Deliveries_show_their_event_status_attempts_last_answer_and_times_delivered_and_abandoned_alike()
    {
        await using var healthy = await WebhookReceiver.StartAsync();
        await using var failing = await WebhookReceiver.StartAsync();
        failing.Answer = _ => 503;
        var commands = Services.GetRequiredService<WebhookCommands>();
        foreach (var url in new[] { healthy.Url, failing.Url })
            Assert.Equal(CommandOutcome.Ok, (await commands.RegisterAsync(url.ToString(), Hooks.Secret, Hooks.Admin, default)).Outcome);
        var mantle = await Database.File.CreateContext().Pledges.Where(p => p.Pledger!.Name == "Mantle").Select(p => new { p.Id, p.Version }).SingleAsync();
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(CommandOutcome.Ok, (await Services.GetRequiredService<PledgeCommands>().ChangeStatusAsync(mantle.Id,
            new StatusChangeInput("committed", "Vote passed.", "https://vote.example/mantle"), mantle.Version, Hooks.Admin, default)).Outcome);
        var dispatcher = Services.GetRequiredService<WebhookDispatcher>();
        await dispatcher.RunOnceAsync(default);
        _clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await dispatcher.RunOnceAsync(default);
        string eventId;
        await using (var db = Database.File.CreateContext()) eventId = (await db.WebhookDeliveries.Select(d => d.Event!.EntryId).Distinct().ToListAsync()).Single();
        Assert.StartsWith("urn:rescuetracker:status-change:", eventId);

        var page = this.RenderPage<WebhooksPage>();

        page.WaitForAssertion(() => Assert.Equal(2, DeliveryRows(page).Count));
        var rows = DeliveryRows(page);
        var delivered = rows.Single(r => Cell(r, "URL") == healthy.Url.ToString());
        Assert.Equal((eventId, "statusChanged", "delivered", "1", "HTTP 200", "", "2026-05-01 09:01:00"),
            (Cell(delivered, "Event id"), Cell(delivered, "Type"), Cell(delivered, "Status"), Cell(delivered, "Attempts"), Cell(delivered, "Last answer"),
                Cell(delivered, "Next attempt"), Cell(delivered, "Delivered at")));
        var abandoned = rows.Single(r => Cell(r, "URL") == failing.Url.ToString());
        Assert.Equal((eventId, "abandoned", "2", "503 Service Unavailable", "", ""),
            (Cell(abandoned, "Event id"), Cell(abandoned, "Status"), Cell(abandoned, "Attempts"), Cell(abandoned, "Last answer"),
                Cell(abandoned, "Next attempt"), Cell(abandoned, "Delivered at")));
        Assert.Equal(Cell(delivered, "Delivery id"), healthy.Received.Single().Header(WebhookSignature.DeliveryHeader));
        var counts = SubscriptionRows(page).Select(r => (Cell(r, "Pending"), Cell(r, "Delivered"), Cell(r, "Abandoned"))).ToList();
        Assert.Equal([("0", "1", "0"), ("0", "0", "1")], counts);
    }

    [Fact]
    public async Task Disabling_asks_first_then_abandons_the_pending_deliveries_and_is_audited()
    {
        await using var down = await WebhookReceiver.StartAsync();
        await down.StopAsync();
        var commands = Services.GetRequiredService<WebhookCommands>();
        Assert.Equal(CommandOutcome.Ok, (await commands.RegisterAsync(down.Url.ToString(), Hooks.Secret, Hooks.Admin, default)).Outcome);
        var golem = await Database.File.CreateContext().Pledges.Where(p => p.Pledger!.Name == "Golem Foundation").Select(p => new { p.Id, p.Version }).SingleAsync();
        Assert.Equal(CommandOutcome.Ok, (await Services.GetRequiredService<PledgeCommands>().ChangeStatusAsync(golem.Id,
            new StatusChangeInput("withdrawn", "Offer pulled.", "https://news.example/golem"), golem.Version, Hooks.Admin, default)).Outcome);
        await Services.GetRequiredService<WebhookDispatcher>().RunOnceAsync(default);
        var page = this.RenderPage<WebhooksPage>();
        page.WaitForAssertion(() => Assert.Equal("pending", Cell(Assert.Single(DeliveryRows(page)), "Status")));

        await page.ConfirmAsync(() => page.Find($"button[aria-label='Disable {down.Url}']").ClickAsync(new()), "Disable");

        page.WaitForAssertion(() => Assert.StartsWith("disabled ", Cell(Assert.Single(SubscriptionRows(page)), "State")));
        var row = Assert.Single(DeliveryRows(page));
        Assert.Equal(("abandoned", "The subscription was disabled."), (Cell(row, "Status"), Cell(row, "Last answer")));
        await using var db = Database.File.CreateContext();
        Assert.Equal(["webhook.create", "webhook.disable"], await db.AuditEntries.Where(a => a.EntityType == "webhook").OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    private static IReadOnlyList<IElement> SubscriptionRows(IRenderedComponent<WebhooksPage> page) =>
        page.FindAll(".webhook-subscriptions tbody tr").Where(r => r.QuerySelector("td[data-label=URL]") is not null).ToList();

    private static IReadOnlyList<IElement> DeliveryRows(IRenderedComponent<WebhooksPage> page) =>
        page.FindAll(".webhook-deliveries tbody tr").Where(r => r.QuerySelector("td[data-label='Event id']") is not null).ToList();

    private static string Cell(IElement row, string label) => row.QuerySelector($"td[data-label='{label}']")?.TextContent.Trim()
        ?? throw new InvalidOperationException($"No cell '{label}' in: {row.OuterHtml}");
}
