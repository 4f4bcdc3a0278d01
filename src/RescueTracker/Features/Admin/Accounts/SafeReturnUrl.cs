using System.Globalization;
using System.Text;

namespace RescueTracker.Features.Admin.Accounts;

/// <summary>Where sign-in may send the browser afterwards: only a path on this site, never another host.</summary>
public static class SafeReturnUrl
{
    public const string Default = "/admin";

    /// <summary>Longer than any page of ours; a redirect that long is only someone probing.</summary>
    private const int MaxLength = 2048;

    public static string Resolve(string? returnUrl) => Local(returnUrl) ?? Default;

    /// <summary>
    /// The return URL as a redirect target when it is a local path, with every non-ASCII character
    /// percent-encoded as UTF-8 (a response header carries ASCII only: "/admin/ü" becomes "/admin/%C3%BC");
    /// null when it is not a local path.
    /// </summary>
    public static string? Local(string? returnUrl) =>
        returnUrl is { Length: <= MaxLength } && IsLocalPath(returnUrl) ? EncodeNonAscii(returnUrl) : null;

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

    /// <summary>Already-encoded parts ("%C3%A9") stay as they are; a lone surrogate becomes U+FFFD's encoding.</summary>
    private static string EncodeNonAscii(string url)
    {
        if (url.All(char.IsAscii)) return url;
        var encoded = new StringBuilder(url.Length * 3);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.IsAscii)
            {
                encoded.Append((char)rune.Value);
                continue;
            }
            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length]) encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return encoded.ToString();
    }
}
