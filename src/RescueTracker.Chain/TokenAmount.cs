using System.Numerics;

namespace RescueTracker.Chain;

/// <summary>
/// An amount of a token in its base units (wei for ETH), with the token's decimals kept
/// alongside so that amounts of tokens with different decimals are never added by mistake.
/// </summary>
public readonly record struct TokenAmount
{
    /// <summary>2^256 - 1: an EVM word cannot hold more, so a larger amount is a bug, not a transfer.</summary>
    public static readonly BigInteger MaxBaseUnits = BigInteger.Pow(2, 256) - 1;

    public TokenAmount(BigInteger baseUnits, int decimals)
    {
        if (baseUnits.Sign < 0)
            throw new ArgumentOutOfRangeException(nameof(baseUnits), baseUnits, "A token amount cannot be negative.");
        if (baseUnits > MaxBaseUnits)
            throw new ArgumentOutOfRangeException(nameof(baseUnits), baseUnits, "A token amount cannot exceed 2^256 - 1 base units.");
        // ERC-20 decimals is a uint8.
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 255);
        BaseUnits = baseUnits;
        Decimals = decimals;
    }

    public BigInteger BaseUnits { get; }
    public int Decimals { get; }

    public static TokenAmount Zero(int decimals) => new(BigInteger.Zero, decimals);

    public ExactDecimal ToExactDecimal() => ExactDecimal.FromBaseUnits(BaseUnits, Decimals);

    public static TokenAmount operator +(TokenAmount a, TokenAmount b)
    {
        if (a.Decimals != b.Decimals)
            throw new InvalidOperationException($"Cannot add amounts with {a.Decimals} and {b.Decimals} decimals.");
        return new(a.BaseUnits + b.BaseUnits, a.Decimals);
    }

    /// <summary>The exact amount in token units, such as "1.5".</summary>
    public override string ToString() => ToExactDecimal().ToString();
}
