using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RescueTracker.Chain;

/// <summary>
/// How public RPC providers word their refusals of an eth_getLogs request. Codes differ
/// between providers and over time, so the message is what is matched
/// (shapes collected in shared/provider-errors.md).
/// </summary>
internal static partial class ProviderRefusals
{
    private static readonly string[] RateLimitPhrases =
    [
        "rate limit",            // "rate limit exceeded", Infura's "request rate limited"
        "too many requests",
        "request limit exceeded",
        "request rate exceeded",  // Infura: "project ID request rate exceeded"
    ];

    // Refusals that give no usable number: the only safe move is a smaller range.
    private static readonly string[] TooLargePhrases =
    [
        "query exceeds max results",               // Ankr, LlamaRPC
        "logs matched by query exceeds limit",     // Arbitrum Nitro
        "backend response too large",              // Optimism
        "block range is too large",                // Optimism
        "block range too large",                   // Base
        "block range is too wide",                 // Ankr
        "response size should not greater than",   // 1RPC
        "block range limit exceeded",              // Chainstack
        "no backend is currently healthy",         // Base, under load
        "query returned more than",                // Infura, when no range is attached
        "log response size exceeded",              // Alchemy, when no range is attached
    ];

    public static bool IsRateLimit(string message) => ContainsAny(message, RateLimitPhrases);

    public static bool IsTooLarge(string message) => ContainsAny(message, TooLargePhrases);

    /// <summary>A range the provider says will work: Infura's error data, or "[0x.., 0x..]" in the message.</summary>
    public static (long From, long To)? SuggestedRange(string message, string? dataJson)
    {
        if (dataJson is not null && RangeFromData(dataJson) is { } fromData) return fromData;
        var match = BracketedRange().Match(message);
        if (match.Success
            && HexQuantity.TryParse(match.Groups[1].Value, out long from)
            && HexQuantity.TryParse(match.Groups[2].Value, out long to))
            return (from, to);
        return null;
    }

    /// <summary>A limit on the number of blocks per request, such as "limited to a 10,000 range".</summary>
    public static long? MaxBlocks(string message)
    {
        var match = BlockLimit().Match(message);
        if (!match.Success) return null;
        var digits = match.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return null;
        return match.Groups["k"].Success ? n * 1000 : n;
    }

    private static (long, long)? RangeFromData(string dataJson)
    {
        try
        {
            using var data = JsonDocument.Parse(dataJson);
            var root = data.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.String
                && root.TryGetProperty("to", out var t) && t.ValueKind == JsonValueKind.String
                && HexQuantity.TryParse(f.GetString(), out long from)
                && HexQuantity.TryParse(t.GetString(), out long to))
                return (from, to);
        }
        catch (JsonException)
        {
            // Error data is free-form; a shape we cannot read is simply no suggestion.
        }
        return null;
    }

    private static bool ContainsAny(string message, string[] phrases)
    {
        foreach (var phrase in phrases)
            if (message.Contains(phrase, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    [GeneratedRegex(@"\[\s*(0x[0-9a-fA-F]+)\s*,\s*(0x[0-9a-fA-F]+)\s*\]")]
    private static partial Regex BracketedRange();

    // Each alternative is one provider's wording; "k" is Merkle's "10k".
    [GeneratedRegex(
        @"(?:limited to (?:a )?(?<n>\d[\d,_]*)(?<k>k)? (?:block|range)"
        + @"|maximum is set to (?<n>\d[\d,_]*)(?<k>k)?"
        + @"|max range:\s*(?<n>\d[\d,_]*)(?<k>k)?"
        + @"|maximum allowed number of requested blocks is (?<n>\d[\d,_]*)(?<k>k)?"
        + @"|at most (?<n>\d[\d,_]*)(?<k>k)? blocks"
        + @"|maximum block range:\s*(?<n>\d[\d,_]*)(?<k>k)?"
        + @"|max is (?<n>\d[\d,_]*)(?<k>k)? blocks"
        // Infura, 2026: "range 1000000 exceeds limit of 10000" (a block count; Arbitrum's "logs matched
        // by query exceeds limit of 10000" counts logs, so the word "range" must come first).
        + @"|range \d[\d,_]* exceeds limit of (?<n>\d[\d,_]*)(?<k>k)?)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockLimit();
}
