using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Features.Ledger;
using RescueTracker.Features.Webhooks;
using RescueTracker.Tests.Features.History;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Webhooks;

/// <summary>Registration's rules: refusals name the field and change nothing; accepted ones, disabling and deleting are audited, never with the secret.</summary>
public class WebhookRegistrationTests
{
    [Theory]
    [InlineData("", Hooks.Secret, "url", "The URL is required")]
    [InlineData("/hooks", Hooks.Secret, "url", "is not an absolute http or https URL")]
    [InlineData("ftp://receiver.example/hooks", Hooks.Secret, "url", "is not an absolute http or https URL")]
    [InlineData("https://user:pass@receiver.example/hooks", Hooks.Secret, "url", "must not hold a user name or password")]
    [InlineData("https://receiver.example/hooks", "fifteen-chars..", "secret", "at least 16 characters")]
    [InlineData("https://receiver.example/hooks", null, "secret", "at least 16 characters")]
    public async Task A_bad_registration_is_refused_with_a_message_and_a_log_line_and_changes_nothing(string? url, string? secret, string field, string message)
    {
        await using var app = Hooks.App(new ManualClock(Hooks.Start), loop: false);

        var result = await app.Services.GetRequiredService<WebhookCommands>().RegisterAsync(url, secret, Hooks.Admin, CancellationToken.None);

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        var (key, text) = Assert.Single(result.Errors!.All);
        Assert.Equal(field, key);
        Assert.Contains(message, text);
        await using var db = app.Db();
        Assert.Equal(0, await db.WebhookSubscriptions.CountAsync());
        Assert.Equal(0, await db.WebhookEvents.CountAsync());
        Assert.False(await db.AuditEntries.AnyAsync(a => a.EntityType == "webhook"));
        Assert.Contains(app.Logs.Entries, e => e.Message.StartsWith("Refused a webhook registration by Ada Admin", StringComparison.Ordinal));
        if (secret is not null) Assert.DoesNotContain(app.Logs.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Registering_disabling_and_deleting_are_audited_without_the_secret_which_is_stored_encrypted()
    {
        await using var app = Hooks.App(new ManualClock(Hooks.Start), loop: false);
        var commands = app.Services.GetRequiredService<WebhookCommands>();
        var first = await app.RegisterAsync(new Uri("https://receiver.example/hooks"));
        var again = await commands.RegisterAsync("https://receiver.example/hooks", Hooks.Secret, Hooks.Admin, CancellationToken.None);
        Assert.Equal(CommandOutcome.Invalid, again.Outcome);
        Assert.Contains("registered already", Assert.Single(again.Errors!.All).Message);

        Assert.Equal(CommandOutcome.Ok, (await commands.DisableAsync(first.Id, Hooks.Admin, CancellationToken.None)).Outcome);
        var second = await app.RegisterAsync(new Uri("https://receiver.example/hooks"));
        Assert.Equal(CommandOutcome.Ok, (await commands.DeleteAsync(second.Id, Hooks.Admin, CancellationToken.None)).Outcome);
        Assert.Equal(CommandOutcome.NotFound, (await commands.DeleteAsync(second.Id, Hooks.Admin, CancellationToken.None)).Outcome);

        await using var db = app.Db();
        var audit = await db.AuditEntries.Where(a => a.EntityType == "webhook").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["webhook.create", "webhook.disable", "webhook.create", "webhook.delete"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(("https://receiver.example/hooks", "Ada Admin"), (a.EntityLabel, a.Actor)));
        Assert.All(audit, a => Assert.DoesNotContain(Hooks.Secret, (a.Before ?? "") + (a.After ?? "")));
        var kept = Assert.Single(await db.WebhookSubscriptions.ToListAsync());
        Assert.NotNull(kept.DisabledAt);
        Assert.DoesNotContain(Hooks.Secret, kept.ProtectedSecret);
        Assert.Equal(Hooks.Secret, app.Services.GetRequiredService<WebhookSecrets>().Unprotect(kept.ProtectedSecret));
    }
}
