using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Ledger;

namespace RescueTracker.Features.Webhooks;

/// <summary>What the audit trail and the subscription list show of a subscription: never its secret.</summary>
public sealed record WebhookState(int Id, string Url, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? DisabledAt);

/// <summary>
/// Registering, disabling and deleting webhook subscriptions: one transaction and one audit row each. Registering
/// records the feed's current events first, so the new subscription is sent only what happens from then on.
/// </summary>
public sealed class WebhookCommands(
    IDbContextFactory<RescueDbContext> dbFactory, WebhookEventLog events, WebhookSecrets secrets, TimeProvider clock, ILogger<WebhookCommands> logger)
{
    public const int MinSecretLength = 16, MaxSecretLength = 256, MaxUrlLength = 2000;

    public async Task<CommandResult<WebhookState>> RegisterAsync(string? url, string? secret, Actor actor, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var target = ValidUrl(url, errors);
        if (secret is null || secret.Length < MinSecretLength)
            errors.Add("secret", $"The secret must be at least {MinSecretLength} characters long (it signs every body; use a random one).");
        else if (secret.Length > MaxSecretLength) errors.Add("secret", $"The secret must be at most {MaxSecretLength} characters long.");
        // Before the transaction: the first use of the key ring writes a new key into the same database, which the
        // transaction's write lock would hold off (on SQLite until the busy timeout).
        var protectedSecret = errors.Any ? null : secrets.Protect(secret!);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (target is not null && await db.WebhookSubscriptions.AnyAsync(s => s.Url == target && s.DisabledAt == null, ct))
            errors.Add("url", "This URL is registered already: disable or delete that subscription first.");
        if (errors.Any)
        {
            logger.LogWarning("Refused a webhook registration by {Actor}: {Fields}", actor.DisplayName, string.Join(", ", errors.All.Select(e => $"{e.Field}: {e.Message}")));
            return CommandResult<WebhookState>.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var subscription = new WebhookSubscription
        {
            Url = target!, ProtectedSecret = protectedSecret!, CreatedAt = now, CreatedBy = actor.DisplayName,
            LastEventId = await events.RecordNewAsync(db, now, ct),
        };
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        var state = State(subscription);
        db.AuditEntries.Add(LedgerAudit.Entry(actor, now, "webhook.create", "webhook", subscription.Id, subscription.Url, null, state));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("{Actor} registered webhook {WebhookId} for {Url}", actor.DisplayName, subscription.Id, subscription.Url);
        return CommandResult<WebhookState>.Ok(state);
    }

    /// <summary>Stops deliveries for good: the pending ones are abandoned; the subscription and its deliveries stay listed.</summary>
    public async Task<CommandResult<WebhookState>> DisableAsync(int id, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null) return CommandResult<WebhookState>.NotFound();
        if (subscription.DisabledAt is not null) return CommandResult<WebhookState>.Ok(State(subscription));
        var before = State(subscription);
        var now = clock.GetUtcNow();
        subscription.DisabledAt = now;
        await db.WebhookDeliveries.Where(d => d.SubscriptionId == id && d.Status == WebhookDeliveryStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, WebhookDeliveryStatus.Abandoned).SetProperty(d => d.NextAttemptAt, (DateTimeOffset?)null)
                .SetProperty(d => d.LastError, "The subscription was disabled."), ct);
        db.AuditEntries.Add(LedgerAudit.Entry(actor, now, "webhook.disable", "webhook", id, subscription.Url, before, State(subscription)));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("{Actor} disabled webhook {WebhookId} for {Url}", actor.DisplayName, id, subscription.Url);
        return CommandResult<WebhookState>.Ok(State(subscription));
    }

    /// <summary>Removes the subscription with its deliveries and their attempts; the audit trail keeps that it existed.</summary>
    public async Task<CommandResult<WebhookState>> DeleteAsync(int id, Actor actor, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var subscription = await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null) return CommandResult<WebhookState>.NotFound();
        var before = State(subscription);
        await db.WebhookAttempts.Where(a => db.WebhookDeliveries.Any(d => d.Id == a.DeliveryId && d.SubscriptionId == id)).ExecuteDeleteAsync(ct);
        await db.WebhookDeliveries.Where(d => d.SubscriptionId == id).ExecuteDeleteAsync(ct);
        db.WebhookSubscriptions.Remove(subscription);
        db.AuditEntries.Add(LedgerAudit.Entry(actor, clock.GetUtcNow(), "webhook.delete", "webhook", id, subscription.Url, before, null));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("{Actor} deleted webhook {WebhookId} for {Url}", actor.DisplayName, id, subscription.Url);
        return CommandResult<WebhookState>.Ok(before);
    }

    /// <summary>An absolute http or https URL with a host and no credentials (the URL is listed; what must stay private goes in the secret).</summary>
    private static string? ValidUrl(string? url, FieldErrors errors)
    {
        var text = url?.Trim();
        if (string.IsNullOrEmpty(text)) return Fail(errors, "The URL is required: the address the events are POSTed to.");
        if (text.Length > MaxUrlLength) return Fail(errors, $"The URL must be at most {MaxUrlLength} characters long.");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            return Fail(errors, $"'{text}' is not an absolute http or https URL, such as https://receiver.example/hooks.");
        if (uri.UserInfo.Length > 0) return Fail(errors, "The URL must not hold a user name or password: it is shown in the list. The secret signs every body instead.");
        return uri.AbsoluteUri;
    }

    private static string? Fail(FieldErrors errors, string message)
    {
        errors.Add("url", message);
        return null;
    }

    private static WebhookState State(WebhookSubscription s) => new(s.Id, s.Url, s.CreatedAt, s.CreatedBy, s.DisabledAt);
}
