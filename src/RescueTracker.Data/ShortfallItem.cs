using System.Numerics;

namespace RescueTracker.Data;

/// <summary>A loss or a recovery in the gap's ledger, with its date and source.</summary>
public class ShortfallItem : ILedgerRecord
{
    /// <summary>Optimistic concurrency: bumped on every save.</summary>
    public int Version { get; set; }
    public int Id { get; set; }
    public required string Label { get; set; }
    public ShortfallKind Kind { get; set; }
    public BigInteger Amount { get; set; }
    public int AssetId { get; set; }
    public Asset? Asset { get; set; }
    public DateOnly Date { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
