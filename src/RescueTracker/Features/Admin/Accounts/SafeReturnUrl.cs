namespace RescueTracker.Features.Admin.Accounts;

/// <summary>Where sign-in may send the browser afterwards: only a path on this site, never another host.</summary>
public static class SafeReturnUrl
{
    public const string Default = "/admin";

    public static string Resolve(string? returnUrl) => IsLocalPath(returnUrl) ? returnUrl! : Default;

    /// <summary>
    /// A single leading slash followed by anything but a second slash or a backslash: browsers read
    /// "//host" and "/\host" as another origin. Control characters and whitespace are refused because
    /// browsers strip some of them before parsing ("/\t/evil.example").
    /// </summary>
    public static bool IsLocalPath(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/') return false;
        if (url.Length > 1 && url[1] is '/' or '\\') return false;
        if (url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))) return false;
        // Back to the sign-in page would only show the form again after a successful sign-in.
        return !url.StartsWith("/admin/login", StringComparison.OrdinalIgnoreCase);
    }
}
