using RescueTracker.Features.Admin.Accounts;

namespace RescueTracker.Components.Layout;

/// <summary>
/// The admin area's sections, shown in the admin navigation and on the admin home page.
/// A new admin page adds one line here; <see cref="Role"/> null means Admins and Editors both see it.
/// </summary>
public static class AdminSections
{
    public sealed record Section(string Href, string Title, string Description, string? Role = null);

    public static readonly IReadOnlyList<Section> All =
    [
        new("/admin/pledges", "Pledges", "Enter proposals, edit pledges, change status, withdraw, record off-chain deliveries."),
        new("/admin/pledgers", "Pledgers", "Names of the parties pledging; rename."),
        new("/admin/assets", "Assets", "Assets and their dated ETH rates."),
        new("/admin/shortfall", "Shortfall", "The gap's losses and recoveries, each with date and source."),
        new("/admin/recovery-addresses", "Recovery addresses", "Addresses per chain that contributions are paid into."),
        new("/admin/transfers", "Transfers", "Every inflow read from the chains, attributed or not; attribute an unknown sender's transfer to a pledge."),
        new("/admin/audit", "Audit trail", "Every change: who, when, before and after, reason and source."),
        new("/admin/users", "Users", "Accounts, roles, locking and unlocking.", AdminRoles.Admin),
        new("/admin/api-keys", "API keys", "Keys for the admin API: create, revoke, see when each was last used.", AdminRoles.Admin),
        new("/admin/webhooks", "Webhooks", "URLs sent every feed event, signed; their deliveries, retries and failures.", AdminRoles.Admin),
    ];

    public static IEnumerable<Section> VisibleTo(System.Security.Claims.ClaimsPrincipal user) =>
        All.Where(s => s.Role is null || user.IsInRole(s.Role));
}
