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
        new("/admin/users", "Users", "Accounts, roles, locking and unlocking.", AdminRoles.Admin),
        new("/admin/api-keys", "API keys", "Keys for the admin API: create, revoke, see when each was last used.", AdminRoles.Admin),
    ];

    public static IEnumerable<Section> VisibleTo(System.Security.Claims.ClaimsPrincipal user) =>
        All.Where(s => s.Role is null || user.IsInRole(s.Role));
}
