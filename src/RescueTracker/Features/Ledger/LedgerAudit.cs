using RescueTracker.Features.Admin.Accounts;
using System.Text.Json;
using RescueTracker.Data;

namespace RescueTracker.Features.Ledger;

/// <summary>Builds audit rows; the caller adds them in the same transaction as the change they record.</summary>
public static class LedgerAudit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static AuditEntry Entry(
        Actor actor, DateTimeOffset at, string action, string entityType, object entityId, string entityLabel,
        object? before, object? after, string? reason = null, string? source = null) => new()
    {
        At = at, ActorId = actor.UserId, Actor = Cut(actor.Via == "form" ? actor.DisplayName : $"{actor.DisplayName} ({actor.Via})"),
        Action = action, EntityType = entityType,
        EntityId = Convert.ToString(entityId, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        EntityLabel = Cut(entityLabel),
        Before = before is null ? null : JsonSerializer.Serialize(before, Json),
        After = after is null ? null : JsonSerializer.Serialize(after, Json),
        Reason = reason, Source = source,
    };

    private static string Cut(string text) => text.Length > 200 ? text[..200] : text;
}
