namespace RescueTracker.Data;

/// <summary>A chain the rescue collects on; the id is the EVM chain id, not generated.</summary>
public class ChainInfo : ILedgerRecord
{
    public long ChainId { get; set; }
    public required string Name { get; set; }
    public List<RecoveryAddress> RecoveryAddresses { get; set; } = [];
}

/// <summary>An address on a chain into which contributions are paid (lower-case 0x hex).</summary>
public class RecoveryAddress : ILedgerRecord
{
    /// <summary>Optimistic concurrency: bumped on every save.</summary>
    public int Version { get; set; }
    public int Id { get; set; }
    public long ChainId { get; set; }
    public ChainInfo? Chain { get; set; }
    public required string Address { get; set; }
}
