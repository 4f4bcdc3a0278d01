using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.Figures;

/// <summary>
/// Every figure of the rescue, computed in one pass from the ledger (domain.md part 2).
/// ETH-eq values are exact; nothing here is rounded.
/// </summary>
public sealed record RescueFigures(
    RescueInfo Rescue,
    ExactDecimal ShortfallEth,
    ExactDecimal DeliveredEth,
    ExactDecimal OutstandingCommittedEth,
    ExactDecimal OutstandingProposedEth,
    ExactDecimal PledgedEth,
    ExactDecimal UnattributedEth,
    ExactDecimal UncoveredNowEth,
    ExactDecimal UncoveredIfAllArriveEth,
    DateTimeOffset AsOf,
    IReadOnlyList<ShortfallLine> Shortfall,
    IReadOnlyList<PledgeFigures> Pledges,
    IReadOnlyList<WaterfallStep> Waterfall)
{
    /// <summary>
    /// Per chain id, the last confirmed block scanned when the ledger was read: the figures include every confirmed
    /// transfer up to it. Chains with no confirmed block yet are left out.
    /// </summary>
    public IReadOnlyDictionary<long, long> Blocks { get; init; } = new Dictionary<long, long>();

    /// <summary>The pledges left out of the outstanding figures (<see cref="FigureCalculator.Excluding"/>); none for the kept figures.</summary>
    public Scenario Scenario { get; init; } = Scenario.None;

    /// <summary>Pledges with an amount, largest ETH-eq first.</summary>
    public IEnumerable<PledgeFigures> PledgesWithAmount => Pledges.Where(p => p.Amount is not null);

    /// <summary>Parties that offered support without naming an amount.</summary>
    public IEnumerable<PledgeFigures> Supporters => Pledges.Where(p => p.Amount is null);

    public static RescueFigures Empty { get; } = new(
        new RescueInfo("", null, default), default, default, default, default, default, default, default, default,
        DateTimeOffset.UnixEpoch, [], [], []);
}

public sealed record RescueInfo(string Name, string? Description, DateOnly SnapshotDate);

public sealed record ShortfallLine(
    int Id, string Label, ShortfallKind Kind, ExactDecimal Amount, string Asset, ExactDecimal AmountEth, DateOnly Date, string Source);

/// <summary>One pledge with its received amount (token units and ETH-eq).</summary>
public sealed record PledgeFigures(
    int Id,
    string Pledger,
    string? Asset,
    ExactDecimal? Amount,
    ExactDecimal? AmountEth,
    PledgeStatus Status,
    PledgeTerms Terms,
    string? TermsNote,
    ExactDecimal Received,
    ExactDecimal ReceivedEth,
    ExactDecimal ReceivedOffchain,
    ExactDecimal OutstandingEth,
    string? Source,
    string? GovernanceUrl,
    DateOnly? Announced,
    DateOnly? VoteDeadline)
{
    /// <summary>0 &lt; R &lt; amount: shown as "partially delivered x of y".</summary>
    public bool IsPartial => Amount is { } amount && Received.Sign > 0 && Received < amount;

    /// <summary>R &gt; amount: counted in full, and flagged.</summary>
    public bool IsOverDelivered => Amount is { } amount && Received > amount;
}

public enum WaterfallStepKind { Loss, Recovery, Subtotal, Delivered, Committed, Proposed, Remainder }

/// <summary>
/// One bar of the waterfall: it spans from <see cref="Start"/> to <see cref="End"/> in ETH-eq.
/// </summary>
public sealed record WaterfallStep(string Label, WaterfallStepKind Kind, ExactDecimal Start, ExactDecimal End)
{
    public ExactDecimal Amount => End >= Start ? End - Start : Start - End;
}
