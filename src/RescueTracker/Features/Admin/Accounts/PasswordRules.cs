using Microsoft.AspNetCore.Identity;
using RescueTracker.Data;

namespace RescueTracker.Features.Admin.Accounts;

/// <summary>
/// NIST SP 800-63B: length is what counts, composition rules are not required. The minimum lives in
/// <see cref="IdentityOptions.Password"/>; Identity has no maximum, so this validator adds one to keep
/// hashing cost bounded.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<AdminUser>
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    public static string? Check(string? password) => password switch
    {
        null or { Length: < MinLength } => $"Passwords must be at least {MinLength} characters.",
        { Length: > MaxLength } => $"Passwords can be at most {MaxLength} characters.",
        _ => null,
    };

    public Task<IdentityResult> ValidateAsync(UserManager<AdminUser> manager, AdminUser user, string? password) =>
        Task.FromResult(password is { Length: > MaxLength }
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = Check(password)! })
            : IdentityResult.Success);
}
