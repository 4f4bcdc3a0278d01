using System.Globalization;
using System.Numerics;

namespace RescueTracker.Tests.Anvil;

/// <summary>JSON-RPC hex quantities, kept here so the test node does not lean on the code it tests.</summary>
public static class AnvilHex
{
    public static string Quantity(BigInteger value)
    {
        if (value.Sign < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "Quantities are unsigned.");
        return "0x" + (value.IsZero ? "0" : value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0'));
    }

    public static BigInteger ParseQuantity(string hex)
    {
        if (!hex.StartsWith("0x", StringComparison.Ordinal) || hex.Length < 3)
        {
            throw new FormatException($"Not a hex quantity: '{hex}'.");
        }
        return BigInteger.Parse("0" + hex[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    public static long ParseLong(string hex) => (long)ParseQuantity(hex);

    public static byte[] Bytes(string hex) =>
        Convert.FromHexString(hex.StartsWith("0x", StringComparison.Ordinal) ? hex[2..] : hex);

    public static string FromBytes(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);
}
