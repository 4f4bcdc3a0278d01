using System.ComponentModel.DataAnnotations;

namespace RescueTracker.Features.Admin.Accounts.Pages;

public sealed class NewUserForm
{
    [Required(ErrorMessage = "Enter an email address.")]
    public string Email { get; set; } = "";

    public string? DisplayName { get; set; }

    [Required(ErrorMessage = "Choose a role.")]
    public string Role { get; set; } = AdminRoles.Editor;

    [Required(ErrorMessage = "Enter an initial password.")]
    public string Password { get; set; } = "";
}

public sealed class RoleForm
{
    [Required(ErrorMessage = "Choose a role.")]
    public string Role { get; set; } = "";
}

public sealed class NewApiKeyForm
{
    [Required(ErrorMessage = "Choose the key's owner.")]
    public string UserId { get; set; } = "";

    [Required(ErrorMessage = "Name the key, e.g. after the script or person that will use it.")]
    public string Name { get; set; } = "";
}

/// <summary>A user as the admin pages list them.</summary>
public sealed record UserRow(string Id, string Email, string DisplayName, string Roles, DateTimeOffset? LockoutEnd)
{
    public bool IsLocked(DateTimeOffset now) => LockoutEnd > now;
}
