using System.Numerics;

namespace RescueTracker.Data;

/// <summary>A token or native coin on one chain. Symbols are unique (ETH on 1, ETH.arb on 42161).</summary>
public class Asset : ILedgerRecord
{
    /// <summary>Optimistic concurrency: bumped on every save.</summary>
    public int Version { get; set; }
    public int Id { get; set; }
    public required string Symbol { get; set; }
    public long ChainId { get; set; }
    public ChainInfo? Chain { get; set; }
    /// <summary>Lower-case 0x contract address; null for the chain's native coin.</summary>
    public string? Contract { get; set; }
    public int Decimals { get; set; }
    /// <summary>Current ETH per token unit, as an exact decimal string ("1", "0.98").</summary>
    public required string EthRate { get; set; }
    /// <summary>How far short of a pledge's amount still counts as paid, in base units (stETH moves 1-2 wei short).</summary>
    public BigInteger Tolerance { get; set; }
    public List<AssetRate> Rates { get; set; } = [];
}

/// <summary>One dated ETH rate of an asset; the history is kept, the newest is the asset's current rate.</summary>
public class AssetRate : ILedgerRecord
{
    public int Id { get; set; }
    public int AssetId { get; set; }
    public required string EthRate { get; set; }
    public DateTimeOffset EffectiveAt { get; set; }
    public string? Source { get; set; }
}
