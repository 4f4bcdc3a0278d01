using RescueTracker.Chain;

namespace RescueTracker.Features.Status;

/// <summary>
/// How far one chain has been read. <see cref="Name"/> is null for a chain id that is configured
/// but not in the data; <see cref="Confirmations"/> and <see cref="ReorgWindow"/> are null when the
/// chain has no settings at all.
/// </summary>
public sealed record ChainStatus(
    long ChainId,
    string? Name,
    bool Configured,
    bool ChainIdVerified,
    long? StartBlock,
    long? HeadBlock,
    long? LastConfirmedBlock,
    long? LastScannedBlock,
    long? LagBlocks,
    ExactDecimal? ProgressPercent,
    bool? TracesSupported,
    bool TracesSwitchedOff,
    bool Halted,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastPolledAt,
    int RecoveryAddresses,
    int? Confirmations,
    int? ReorgWindow,
    IReadOnlyList<AddressBackfill> Backfills,
    ReconcilerHolder? Reconciler = null)
{
    public bool InData => Name is not null;

    /// <summary>Internal transfers are missed when the node has no traces or traces are switched off.</summary>
    public bool InternalTransfersUnseen => Configured && (TracesSupported == false || TracesSwitchedOff);

    /// <summary>Nothing confirmed has been scanned yet when the confirmed block is still before the start block.</summary>
    public bool HasConfirmedBlock => LastConfirmedBlock is { } b && StartBlock is { } s && b >= s;
}

/// <summary>
/// A recovery address added after the scan began, whose own history is being read: from
/// <see cref="NextBlock"/> to <see cref="ToBlock"/> (null until the next poll fixes it).
/// </summary>
public sealed record AddressBackfill(string Address, long NextBlock, long? ToBlock);

/// <summary>
/// The instance running a chain's reconciler, from its lease: its id, the lease's epoch (one more with every takeover),
/// when it took the lease, and when it runs out unless renewed. An expiry in the past means nobody runs it right now.
/// </summary>
public sealed record ReconcilerHolder(string Instance, long Epoch, DateTimeOffset Since, DateTimeOffset ExpiresAt);
