namespace RescueTracker.Features.Admin.Accounts;

/// <summary>The two roles of the admin area.</summary>
public static class AdminRoles
{
    /// <summary>Everything, including users and API keys.</summary>
    public const string Admin = "Admin";

    /// <summary>Pledges, status changes and figures.</summary>
    public const string Editor = "Editor";

    public static readonly IReadOnlyList<string> All = [Admin, Editor];
}

/// <summary>
/// Authorization policy names. Pages use the cookie policies; endpoints under <c>/api/admin</c> use
/// the API policies, which authenticate with the API-key scheme only so they answer 401/403, never a redirect.
/// </summary>
public static class AdminPolicies
{
    /// <summary>Signed-in Admin (cookie).</summary>
    public const string Admin = "Admin";

    /// <summary>Signed-in Admin or Editor (cookie).</summary>
    public const string Editor = "Editor";

    /// <summary>API key whose owner is an Admin.</summary>
    public const string AdminApi = "AdminApi";

    /// <summary>API key whose owner is an Admin or an Editor.</summary>
    public const string EditorApi = "EditorApi";
}
