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

    /// <summary>
    /// The next block of this address's own history to read while it is back-filled: an address
    /// added after the chain's scan began has blocks below the checkpoint that nobody read for it.
    /// Null once that history is read, or when there was none.
    /// </summary>
    public long? BackfillFrom { get; set; }

    /// <summary>
    /// The last block of the back-fill: the checkpoint at the poll that first included the address
    /// in the scan. Null with <see cref="BackfillFrom"/> set means added since that poll looked.
    /// </summary>
    public long? BackfillTo { get; set; }
}
