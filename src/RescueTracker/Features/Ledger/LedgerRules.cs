using System.Numerics;
using RescueTracker.Chain;

namespace RescueTracker.Features.Ledger;

/// <summary>
/// The limits every way into the ledger shares (seed file, admin forms, admin API). Each check
/// returns null when the value is fine, or a sentence saying what is wrong.
/// </summary>
public static class LedgerRules
{
    public const int MaxNameLength = 200;
    public const int MaxNoteLength = 2000;
    public const int MaxUrlLength = 2000;
    public const int MaxSymbolLength = 32;
    public const int MaxDecimals = 36;

    /// <summary>Amounts stay below 10^12 token units: far above any real pledge, far below overflow tricks.</summary>
    public static readonly ExactDecimal AmountLimit = new(BigInteger.Pow(10, 12), 0);

    public static string? CheckName(string? value, string what = "name") =>
        string.IsNullOrWhiteSpace(value) ? $"The {what} is required."
        : value.Length > MaxNameLength ? $"The {what} must be at most {MaxNameLength} characters."
        : CheckNoControlCharacters(value, what);

    public static string? CheckNote(string? value, string what = "note") =>
        value is null ? null
        : value.Length > MaxNoteLength ? $"The {what} must be at most {MaxNoteLength} characters."
        : CheckNoControlCharacters(value, what, allowLineBreaks: true);

    public static string? CheckSymbol(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "The asset symbol is required.";
        if (value.Length > MaxSymbolLength) return $"The asset symbol must be at most {MaxSymbolLength} characters.";
        return value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? null
            : "The asset symbol may contain only letters, digits, '.', '-' and '_'.";
    }

    public static string? CheckUrl(string? value, string what = "URL")
    {
        if (string.IsNullOrEmpty(value)) return $"The {what} is required.";
        if (value.Length > MaxUrlLength) return $"The {what} must be at most {MaxUrlLength} characters.";
        if (CheckNoControlCharacters(value, what) is { } control) return control;
        if (value.Any(char.IsWhiteSpace)) return $"The {what} must not contain spaces.";
        return Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? null
            : $"The {what} must be an absolute http or https address.";
    }

    /// <summary>
    /// A plain decimal string ("2500", "0.5"; no exponent, sign or separators), more than 0,
    /// less than 10^12 token units, with no more fraction digits than the asset has.
    /// </summary>
    public static string? CheckAmount(string? text, int decimals, string symbol, out BigInteger baseUnits)
    {
        baseUnits = default;
        if (string.IsNullOrEmpty(text)) return "The amount is required.";
        if (!ExactDecimal.TryParse(text, out var value))
            return $"'{Shorten(text)}' is not a plain decimal number (digits with an optional '.' fraction; no exponent or separators).";
        if (value.Sign <= 0) return "The amount must be more than 0.";
        if (value >= AmountLimit) return "The amount must be less than 1,000,000,000,000 token units.";
        if (value.ToBaseUnits(decimals) is not { } units)
            return $"{symbol} has {decimals} decimals; the amount has more fraction digits than that.";
        baseUnits = units;
        return null;
    }

    /// <summary>A rate in ETH per token unit: a plain decimal, 0 or more, at most 36 fraction digits.</summary>
    public static string? CheckRate(string? text, out ExactDecimal rate)
    {
        rate = default;
        if (string.IsNullOrEmpty(text)) return "The ETH rate is required.";
        if (!ExactDecimal.TryParse(text, out rate)) return $"'{Shorten(text)}' is not a plain decimal number.";
        if (rate.Sign < 0) return "The ETH rate must not be negative.";
        if (rate >= AmountLimit) return "The ETH rate must be less than 1,000,000,000,000.";
        return rate.Scale > MaxDecimals ? $"The ETH rate may have at most {MaxDecimals} fraction digits." : null;
    }

    /// <summary>Lower-case 0x form on success; all-lower-case input is accepted, mixed case must match EIP-55.</summary>
    public static string? CheckAddress(string? text, out string lowerHex)
    {
        lowerHex = "";
        if (string.IsNullOrEmpty(text)) return "The address is required.";
        if (!EthAddress.TryParse(text, out var address, out var error)) return error;
        lowerHex = address.ToLowerHex();
        return null;
    }

    private static string? CheckNoControlCharacters(string value, string what, bool allowLineBreaks = false) =>
        value.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'))
            ? $"The {what} must not contain control characters."
            : null;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
