using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace RescueTracker.Features.Admin.Accounts;

/// <summary>
/// Key format: "rtk_" + 32 random bytes in base64url (47 characters). The prefix makes a leaked key
/// recognisable to secret scanners and people; only its SHA-256 is stored, so a database leak yields no key.
/// </summary>
public static class ApiKeyTokens
{
    public const string Marker = "rtk_";

    /// <summary>Enough to tell keys apart in a list, far too little to guess the rest (8 of 43 random characters).</summary>
    public const int DisplayPrefixLength = 12;

    public static string NewKey() => Marker + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string DisplayPrefix(string key) => key[..Math.Min(DisplayPrefixLength, key.Length)];

    /// <summary>Cheap shape check before touching the database: anything else cannot be one of our keys.</summary>
    public static bool LooksLikeKey(string candidate) =>
        candidate.Length == Marker.Length + 43 && candidate.StartsWith(Marker, StringComparison.Ordinal)
        && candidate.AsSpan(Marker.Length).IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;
}
