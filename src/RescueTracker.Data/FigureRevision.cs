using RescueTracker.Chain;

namespace RescueTracker.Data;

/// <summary>
/// The headline figures as they stood from <see cref="At"/> until the next revision: one row per change,
/// written by the figures' refresh. Never edited. Amounts are exact decimal TEXT in ETH-eq.
/// </summary>
public class FigureRevision
{
    public long Id { get; set; }
    /// <summary>When the refresh that saw the change ran (UTC).</summary>
    public DateTimeOffset At { get; set; }
    public ExactDecimal ShortfallEth { get; set; }
    public ExactDecimal DeliveredEth { get; set; }
    public ExactDecimal OutstandingCommittedEth { get; set; }
    public ExactDecimal OutstandingProposedEth { get; set; }
    public ExactDecimal PledgedEth { get; set; }
    public ExactDecimal UncoveredNowEth { get; set; }
    public ExactDecimal UncoveredIfAllArriveEth { get; set; }
    /// <summary>Per chain, the last confirmed block scanned when the figures were read, as JSON: <c>{"1":19000000}</c>.</summary>
    public required string Blocks { get; set; }
}
