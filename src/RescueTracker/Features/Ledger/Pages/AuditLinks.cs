namespace RescueTracker.Features.Ledger.Pages;

internal static class AuditLinks
{
    /// <summary>The page that shows the record an audit row touched, if there is one the reader may open.</summary>
    public static string? For(AuditRow row, bool isAdmin) => row.EntityType switch
    {
        "pledge" => $"/pledges/{Uri.EscapeDataString(row.EntityId)}",
        "pledger" => $"/admin/pledgers/{Uri.EscapeDataString(row.EntityId)}",
        "shortfall" => $"/admin/shortfall/{Uri.EscapeDataString(row.EntityId)}/edit",
        "asset" => $"/admin/assets/{Uri.EscapeDataString(row.EntityId)}",
        "recovery-address" => "/admin/recovery-addresses",
        "user" when isAdmin => $"/admin/users/{Uri.EscapeDataString(row.EntityId)}",
        "apikey" when isAdmin => "/admin/api-keys",
        "webhook" when isAdmin => "/admin/webhooks",
        _ => null,
    };
}
