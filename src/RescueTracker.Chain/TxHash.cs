namespace RescueTracker.Chain;

/// <summary>
/// A transaction hash. A type of its own, not a bare <see cref="Hash32"/>, so that a block
/// hash cannot be stored where a transaction hash belongs.
/// </summary>
public readonly struct TxHash : IEquatable<TxHash>
{
    private readonly Hash32 _hash;

    public TxHash(Hash32 hash) => _hash = hash;

    public TxHash(ReadOnlySpan<byte> bytes) => _hash = new Hash32(bytes);

    public Hash32 Value => _hash;

    public byte[] ToArray() => _hash.ToArray();

    public static bool TryParse(string? text, out TxHash hash, out string error)
    {
        var ok = Hash32.TryParse(text, out var value, out error);
        hash = new TxHash(value);
        return ok;
    }

    public static bool TryParse(string? text, out TxHash hash) => TryParse(text, out hash, out _);

    public static TxHash Parse(string text) =>
        TryParse(text, out var hash, out var error) ? hash : throw new FormatException(error);

    /// <summary>Lowercase "0x" + 64 hex digits, the form explorers link and the database stores.</summary>
    public override string ToString() => _hash.ToString();

    public bool Equals(TxHash other) => _hash.Equals(other._hash);
    public override bool Equals(object? obj) => obj is TxHash other && Equals(other);
    public override int GetHashCode() => _hash.GetHashCode();

    public static bool operator ==(TxHash left, TxHash right) => left.Equals(right);
    public static bool operator !=(TxHash left, TxHash right) => !left.Equals(right);
}
