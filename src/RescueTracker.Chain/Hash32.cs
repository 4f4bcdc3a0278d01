using System.Runtime.CompilerServices;

namespace RescueTracker.Chain;

/// <summary>
/// A 32-byte value as JSON-RPC sends it: a block hash, an event topic, an ABI word.
/// Text is lowercase "0x" + 64 hex digits; input of either case is accepted because
/// hashes carry no checksum.
/// </summary>
public readonly struct Hash32 : IEquatable<Hash32>
{
    public const int Size = 32;

    private readonly Bytes32 _bytes;

    public Hash32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"A 32-byte hash cannot be made from {bytes.Length} bytes.", nameof(bytes));
        bytes.CopyTo(_bytes);
    }

    public static Hash32 Zero => default;

    /// <summary>An address left-padded to a word, as it appears in an indexed event topic.</summary>
    public static Hash32 FromAddress(EthAddress address)
    {
        Span<byte> word = stackalloc byte[Size];
        word.Clear();
        address.CopyTo(word[12..]);
        return new Hash32(word);
    }

    public byte[] ToArray() => ((ReadOnlySpan<byte>)_bytes).ToArray();

    public void CopyTo(Span<byte> destination) => ((ReadOnlySpan<byte>)_bytes).CopyTo(destination);

    public static bool TryParse(string? text, out Hash32 hash, out string error)
    {
        hash = default;
        if (!HexData.TryParse(text, out var bytes, out error)) return false;
        if (bytes.Length != Size)
        {
            error = $"'{text}' is {bytes.Length} bytes; a hash is {Size} bytes (64 hex digits).";
            return false;
        }
        hash = new Hash32(bytes);
        return true;
    }

    public static bool TryParse(string? text, out Hash32 hash) => TryParse(text, out hash, out _);

    public static Hash32 Parse(string text) =>
        TryParse(text, out var hash, out var error) ? hash : throw new FormatException(error);

    public override string ToString() => HexData.Format(_bytes);

    public bool Equals(Hash32 other) => ((ReadOnlySpan<byte>)_bytes).SequenceEqual(other._bytes);
    public override bool Equals(object? obj) => obj is Hash32 other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    public static bool operator ==(Hash32 left, Hash32 right) => left.Equals(right);
    public static bool operator !=(Hash32 left, Hash32 right) => !left.Equals(right);

    [InlineArray(Size)]
    private struct Bytes32
    {
        private byte _element;
    }
}
