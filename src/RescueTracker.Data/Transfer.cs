using System.Numerics;

namespace RescueTracker.Data;

/// <summary>
/// A transfer into a recovery address, read from a chain. Unique on
/// (chain, tx hash, kind, position): position is the log index for erc20, the trace
/// address ("0", "1.0") for internal transfers and "" for a transaction's own value.
/// </summary>
public class Transfer : ILedgerRecord
{
    public long Id { get; set; }
    public long ChainId { get; set; }
    public required string TxHash { get; set; }
    public TransferKind Kind { get; set; }
    public required string Position { get; set; }
    public long BlockNumber { get; set; }
    public required string BlockHash { get; set; }
    public required string From { get; set; }
    public required string To { get; set; }
    public int AssetId { get; set; }
    public Asset? Asset { get; set; }
    public BigInteger Amount { get; set; }
    /// <summary>At or below head - confirmations; pending transfers are shown but never summed.</summary>
    public bool Confirmed { get; set; }
    public int? PledgeId { get; set; }
    /// <summary>True when an admin attributed the transfer rather than the sender matching.</summary>
    public bool AttributedByAdmin { get; set; }
    public DateTimeOffset SeenAt { get; set; }

    public int? LogIndex => Kind == TransferKind.Erc20 && int.TryParse(Position, out var index) ? index : null;
}
