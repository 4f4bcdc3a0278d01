using RescueTracker.Features.Webhooks;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Webhooks;

/// <summary>The retry schedule the defaults give, and settings that stop the start with a message naming them.</summary>
public class WebhookOptionsTests
{
    [Fact]
    public void The_default_waits_double_from_30_seconds_to_an_hour_and_stay_there()
    {
        var options = new WebhookOptions();

        Assert.Equal([30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600], Enumerable.Range(1, 10).Select(n => options.RetryDelay(n).TotalSeconds));
        Assert.Equal((TimeSpan.FromSeconds(10), TimeSpan.FromDays(1), true), (options.Timeout, options.RetryFor, options.Enabled));
    }

    [Theory]
    [InlineData("Webhooks:MaxRetryDelay", "00:00:10", "Webhooks:MaxRetryDelay must not be shorter than FirstRetryDelay")]
    [InlineData("Webhooks:Timeout", "00:00:00", "Timeout")]
    [InlineData("Webhooks:PublicUrl", "ftp://tracker.example/", "Webhooks:PublicUrl must be an absolute http or https URL")]
    [InlineData("Webhooks:BatchSize", "0", "BatchSize")]
    public async Task A_bad_setting_stops_the_start_with_a_message_naming_it(string key, string value, string message)
    {
        var app = new TestApp(new TestAppOptions { ReconcilerLoop = false, Settings = new Dictionary<string, string?> { [key] = value } });
        try
        {
            Assert.ThrowsAny<Exception>(() => app.Started());
            // The message is read where an operator reads it, the host's "Hosting failed to start" log line: the
            // exception the test host rethrows is at times an ObjectDisposedException of its own, from a race between
            // its start-up and the failed host's disposal.
            var logged = app.Logs.Entries.Where(e => e.Message == "Hosting failed to start").Select(e => e.Exception?.ToString()).SingleOrDefault();
            Assert.Contains(message, logged ?? "(no \"Hosting failed to start\" line logged)");
        }
        finally
        {
            await app.DisposeAsync();
        }
    }
}
