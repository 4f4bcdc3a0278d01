using System.Runtime.CompilerServices;
using Nethereum.Util;

namespace RescueTracker.Chain;

/// <summary>
/// A 20-byte Ethereum account address. Text input is checked against EIP-55 when it is
/// mixed case, because a mixed-case address claims a checksum and a mismatch means a typo.
/// </summary>
public readonly struct EthAddress : IEquatable<EthAddress>
{
    public const int Size = 20;

    private readonly Bytes20 _bytes;

    public EthAddress(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"An address is {Size} bytes, not {bytes.Length}.", nameof(bytes));
        bytes.CopyTo(_bytes);
    }

    public static EthAddress Zero => default;

    public byte[] ToArray() => ((ReadOnlySpan<byte>)_bytes).ToArray();

    public void CopyTo(Span<byte> destination) => ((ReadOnlySpan<byte>)_bytes).CopyTo(destination);

    public static bool TryParse(string? text, out EthAddress address) => TryParse(text, out address, out _);

    public static bool TryParse(string? text, out EthAddress address, out string error)
    {
        address = default;
        if (string.IsNullOrEmpty(text))
        {
            error = "The address is empty; expected 0x followed by 40 hex digits.";
            return false;
        }
        if (!text.StartsWith("0x", StringComparison.Ordinal))
        {
            error = $"'{text}' does not start with 0x; an address is 0x followed by 40 hex digits.";
            return false;
        }
        var digits = text.AsSpan(2);
        if (digits.Length != Size * 2)
        {
            error = $"'{text}' has {digits.Length} characters after 0x; an address has 40 hex digits.";
            return false;
        }
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                error = $"'{text}' contains '{c}', which is not a hex digit.";
                return false;
            }
        }

        var hasLower = digits.ContainsAnyInRange('a', 'f');
        var hasUpper = digits.ContainsAnyInRange('A', 'F');
        // The correct form is deliberately not suggested: the checksum exists to catch a
        // mistyped address, and offering its checksummed spelling would defeat that.
        if (hasLower && hasUpper && !AddressUtil.Current.IsChecksumAddress(text))
        {
            error = $"'{text}' has a mixed-case EIP-55 checksum that does not match; use the correctly checksummed form or all lower case.";
            return false;
        }

        address = new EthAddress(Convert.FromHexString(digits));
        error = "";
        return true;
    }

    public static EthAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    /// <summary>
    /// Reads an address from a 32-byte ABI word (an indexed event topic or an argument),
    /// refusing words whose upper 12 bytes are not zero: those are not addresses.
    /// </summary>
    public static bool TryFromWord(ReadOnlySpan<byte> word, out EthAddress address)
    {
        address = default;
        if (word.Length != 32 || word[..12].ContainsAnyExcept((byte)0)) return false;
        address = new EthAddress(word[12..]);
        return true;
    }

    /// <summary>The lowercase form, which is what the database stores and compares.</summary>
    public string ToLowerHex() => HexData.Format(_bytes);

    /// <summary>The EIP-55 checksummed form.</summary>
    public override string ToString() => AddressUtil.Current.ConvertToChecksumAddress(ToLowerHex());

    public bool Equals(EthAddress other) => ((ReadOnlySpan<byte>)_bytes).SequenceEqual(other._bytes);
    public override bool Equals(object? obj) => obj is EthAddress other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    public static bool operator ==(EthAddress left, EthAddress right) => left.Equals(right);
    public static bool operator !=(EthAddress left, EthAddress right) => !left.Equals(right);

    // Inline storage keeps the struct a plain value: no shared array to mutate, no null default.
    [InlineArray(Size)]
    private struct Bytes20
    {
        private byte _element;
    }
}
