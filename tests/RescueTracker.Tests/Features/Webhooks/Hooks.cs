using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Ledger;
using RescueTracker.Features.Webhooks;
using RescueTracker.Tests.Features.History;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Webhooks;

/// <summary>What the webhook tests share: an app whose clock only a test moves, registration, a status change through the admin API.</summary>
internal static class Hooks
{
    public const string Secret = "a-receiver-secret-0123456789";
    public static readonly DateTimeOffset Start = new(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);
    public static readonly Actor Admin = new("admin-id", "Ada Admin", "form");

    /// <summary>The app with the dispatcher's loop on (unless <paramref name="loop"/> is false), polling every 50 ms of real time.</summary>
    public static TestApp App(ManualClock clock, bool loop = true, TempSqliteFile? database = null, string timeout = "00:00:03") => new TestApp(new TestAppOptions
    {
        ReconcilerLoop = false,
        WebhookLoop = loop,
        Database = database,
        Settings = new Dictionary<string, string?>
        {
            ["Webhooks:PollInterval"] = "00:00:00.05", ["Webhooks:Timeout"] = timeout, ["Webhooks:PublicUrl"] = "https://tracker.example/",
        },
        Services = services => services.AddSingleton<TimeProvider>(clock),
    }).Started();

    public static async Task<WebhookState> RegisterAsync(this TestApp app, Uri url, string secret = Secret)
    {
        var result = await app.Services.GetRequiredService<WebhookCommands>().RegisterAsync(url.ToString(), secret, Admin, CancellationToken.None);
        Assert.Equal(CommandOutcome.Ok, result.Outcome);
        return result.Value!;
    }

    /// <summary>A status change as a script makes it, through the admin API with an Editor's key.</summary>
    public static async Task ChangeStatusAsync(this TestApp app, string pledger, string status)
    {
        var client = app.ClientWithKey(await app.KeyForRoleAsync(AdminRoles.Editor));
        var id = await app.PledgeIdAsync(pledger);
        var response = await client.PostAsJsonAsync($"/api/admin/pledges/{id}/status",
            new { status, reason = $"The {pledger} vote: {status}.", source = $"https://governance.example.org/t/{pledger.ToLowerInvariant().Replace(' ', '-')}/9" });
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The signature a receiver computes itself from the raw body and its copy of the secret.</summary>
    public static string ExpectedSignature(byte[] body, string secret = Secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static async Task<List<WebhookDelivery>> DeliveriesAsync(this TestApp app)
    {
        await using var db = app.Db();
        return await db.WebhookDeliveries.AsNoTracking().Include(d => d.Event).Include(d => d.AttemptLog).OrderBy(d => d.Id).ToListAsync();
    }

    /// <summary>Waits until the deliveries satisfy <paramref name="done"/> (the loop runs on its own thread).</summary>
    public static async Task<List<WebhookDelivery>> WaitForDeliveriesAsync(this TestApp app, Func<List<WebhookDelivery>, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var deliveries = await app.DeliveriesAsync();
            if (done(deliveries)) return deliveries;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("The deliveries never got there: " + string.Join(" | ", deliveries.Select(d =>
                    $"{d.Event!.EntryId} {d.Status} attempts {d.Attempts} last {d.LastStatusCode} {d.LastError} next {d.NextAttemptAt:O}")));
            await Task.Delay(25);
        }
    }
}
