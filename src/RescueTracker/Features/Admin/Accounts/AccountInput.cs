using System.Net.Mail;

namespace RescueTracker.Features.Admin.Accounts;

/// <summary>Checks shared by the forms and the command line, with the messages people see.</summary>
public static class AccountInput
{
    public const int MaxEmailLength = 256;
    public const int MaxNameLength = 200;

    public static string? CheckEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email)) return "Enter an email address.";
        if (email.Length > MaxEmailLength) return $"Email addresses can be at most {MaxEmailLength} characters.";
        // MailAddress accepts display-name forms ("A <a@b>"); only a bare address that round-trips is an address here.
        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !parsed.Host.Contains('.'))
            return $"'{email}' is not an email address.";
        return null;
    }

    public static string? CheckName(string? name, string what)
    {
        if (string.IsNullOrWhiteSpace(name)) return $"Enter a {what}.";
        if (name.Length > MaxNameLength) return $"A {what} can be at most {MaxNameLength} characters.";
        if (name.Any(char.IsControl)) return $"A {what} cannot contain control characters.";
        return null;
    }

    public static string? CheckRole(string? role) =>
        AdminRoles.All.Contains(role) ? null : $"Choose a role: {string.Join(" or ", AdminRoles.All)}.";

    /// <summary>The part before the @, used when no display name is given.</summary>
    public static string DefaultDisplayName(string email) => email.IndexOf('@') is > 0 and var at ? email[..at] : email;
}
