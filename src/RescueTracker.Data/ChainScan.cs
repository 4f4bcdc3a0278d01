namespace RescueTracker.Data;

/// <summary>
/// How far the reconciler has read one chain. <see cref="LastScannedBlock"/> moves in the same
/// transaction as the transfers it covers, so a restart resumes with no gap and no double.
/// </summary>
public class ChainScanState
{
    public long ChainId { get; set; }
    /// <summary>The first block the scan covers (the configured start block when scanning began).</summary>
    public long StartBlock { get; set; }
    /// <summary>Highest block whose transfers are all stored, pending ones included; null before the first range.</summary>
    public long? LastScannedBlock { get; set; }
    public long? HeadBlock { get; set; }
    public bool ChainIdVerified { get; set; }
    /// <summary>Null until probed; false when the node has no trace_filter (internal transfers unseen).</summary>
    public bool? TracesSupported { get; set; }
    /// <summary>Set by a reorg deeper than the window: ingestion stops rather than guessing.</summary>
    public bool Halted { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    public DateTimeOffset? LastPolledAt { get; set; }
}

/// <summary>The hash of a recently scanned block, re-checked each poll to detect reorganisations.</summary>
public class SeenBlock
{
    public long ChainId { get; set; }
    public long Number { get; set; }
    public required string Hash { get; set; }
    public required string ParentHash { get; set; }
}
