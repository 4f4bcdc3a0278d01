using System.Text.Json;
using RescueTracker.Data;

namespace RescueTracker.Features.Admin.Accounts;

/// <summary>Audit entries for account and key changes. Before/After hold only what people may read: never a password, hash or key.</summary>
internal static class AccountAudit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static AuditEntry Entry(Actor actor, DateTimeOffset at, string action, string entityType, string entityId, string label,
        object? before, object? after, string? reason = null) => new()
    {
        At = at,
        ActorId = actor.UserId,
        // Same form as the ledger's rows: the name alone for a signed-in browser, the way in otherwise.
        Actor = actor.Via == "form" || actor.Via == actor.DisplayName ? actor.DisplayName : $"{actor.DisplayName} ({actor.Via})",
        Action = action,
        EntityType = entityType,
        EntityId = entityId,
        EntityLabel = label,
        Before = before is null ? null : JsonSerializer.Serialize(before, Json),
        After = after is null ? null : JsonSerializer.Serialize(after, Json),
        Reason = reason is { Length: > 0 } ? reason : null,
    };
}
