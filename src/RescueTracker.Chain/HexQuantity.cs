using System.Numerics;
using Nethereum.Hex.HexConvertors.Extensions;

namespace RescueTracker.Chain;

/// <summary>
/// JSON-RPC "QUANTITY" values such as "0x0" and "0x1a". The spec forbids leading zeros, but
/// some nodes and explorers send them ("0x01") and uppercase digits ("0x79D4CF"); both are
/// accepted because they are unambiguous. "0x" alone, a sign, or a missing prefix is not.
/// Nethereum does the conversion; this adds the strictness a node's reply is checked with.
/// </summary>
public static class HexQuantity
{
    public static bool TryParse(string? text, out BigInteger value)
    {
        value = default;
        if (!HasValidDigits(text)) return false;
        value = text.HexToBigInteger(isHexLittleEndian: false);
        return true;
    }

    public static bool TryParse(string? text, out long value)
    {
        value = default;
        if (!TryParse(text, out BigInteger big) || big > long.MaxValue) return false;
        value = (long)big;
        return true;
    }

    public static BigInteger ParseBigInteger(string text) =>
        TryParse(text, out BigInteger value) ? value : throw Invalid(text);

    public static long ParseInt64(string text)
    {
        if (TryParse(text, out long value)) return value;
        if (TryParse(text, out BigInteger _)) throw new OverflowException($"'{text}' does not fit in a 64-bit integer.");
        throw Invalid(text);
    }

    public static string Format(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return Format(new BigInteger(value));
    }

    public static string Format(BigInteger value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return value.ToHex(littleEndian: false, compact: true);
    }

    private static bool HasValidDigits([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? text)
    {
        if (text is null || text.Length < 3 || !text.StartsWith("0x", StringComparison.Ordinal)) return false;
        foreach (var c in text.AsSpan(2))
            if (!char.IsAsciiHexDigit(c)) return false;
        return true;
    }

    private static FormatException Invalid(string text) =>
        new($"'{text}' is not a hex quantity: expected 0x followed by at least one hex digit.");
}
