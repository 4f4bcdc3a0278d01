using System.Diagnostics.CodeAnalysis;
using Nethereum.Hex.HexConvertors.Extensions;

namespace RescueTracker.Chain;

/// <summary>
/// JSON-RPC "DATA" values: "0x" followed by two hex digits per byte ("0x" alone is empty).
/// Unlike quantities, the digit count matters, so odd lengths are rejected rather than padded.
/// </summary>
public static class HexData
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out byte[]? bytes, out string error)
    {
        bytes = null;
        if (text is null || !text.StartsWith("0x", StringComparison.Ordinal))
        {
            error = $"'{text}' is not hex data: it must start with 0x.";
            return false;
        }
        var digits = text.AsSpan(2);
        if (digits.Length % 2 != 0)
        {
            error = $"'{text}' is not hex data: it has an odd number of hex digits.";
            return false;
        }
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                error = $"'{text}' is not hex data: '{c}' is not a hex digit.";
                return false;
            }
        }
        bytes = text.HexToByteArray();
        error = "";
        return true;
    }

    public static byte[] Parse(string text) =>
        TryParse(text, out var bytes, out var error) ? bytes : throw new FormatException(error);

    /// <summary>Lowercase, as nodes send it and as the database stores it.</summary>
    public static string Format(ReadOnlySpan<byte> bytes) => bytes.ToArray().ToHex(prefix: true);
}
