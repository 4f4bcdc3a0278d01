using System.Numerics;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Ledger;

namespace RescueTracker.Features.Figures;

/// <summary>The ledger rows the figures are computed from, loaded in one read.</summary>
public sealed record LedgerSnapshot(
    Rescue? Rescue,
    IReadOnlyList<Asset> Assets,
    IReadOnlyList<ShortfallItem> ShortfallItems,
    IReadOnlyList<Pledge> Pledges,
    IReadOnlyList<Transfer> Transfers,
    IReadOnlyList<OffchainDelivery> OffchainDeliveries);

/// <summary>Pure implementation of domain.md part 2; no I/O, so each definition is unit-testable.</summary>
public static class FigureCalculator
{
    public static RescueFigures Compute(LedgerSnapshot ledger)
    {
        if (ledger.Rescue is null) return RescueFigures.Empty;

        var assets = ledger.Assets.ToDictionary(a => a.Id);
        ExactDecimal Units(BigInteger baseUnits, int assetId) => ExactDecimal.FromBaseUnits(baseUnits, assets[assetId].Decimals);
        ExactDecimal Eth(BigInteger baseUnits, int assetId) => Units(baseUnits, assetId) * ExactDecimal.Parse(assets[assetId].EthRate);

        var shortfall = ledger.ShortfallItems
            .OrderBy(s => s.Kind).ThenBy(s => s.Date).ThenBy(s => s.Id)
            .Select(s => new ShortfallLine(s.Id, s.Label, s.Kind, Units(s.Amount, s.AssetId), assets[s.AssetId].Symbol,
                Eth(s.Amount, s.AssetId), s.Date, s.Source))
            .ToList();
        var shortfallEth = ExactDecimal.Sum(shortfall.Select(s => s.Kind == ShortfallKind.Loss ? s.AmountEth : -s.AmountEth));

        // Pending transfers are shown elsewhere but count nowhere.
        var confirmed = ledger.Transfers.Where(t => t.Confirmed).ToList();
        var pledgesById = ledger.Pledges.ToDictionary(p => p.Id);
        bool CountsFor(Transfer t) => t.PledgeId is { } id && pledgesById.TryGetValue(id, out var p) && t.CountsToward(p);

        var receivedOnChain = confirmed.Where(CountsFor)
            .GroupBy(t => t.PledgeId!.Value)
            .ToDictionary(g => g.Key, g => g.Aggregate(BigInteger.Zero, (sum, t) => sum + t.Amount));
        var receivedOffchain = ledger.OffchainDeliveries
            .GroupBy(o => o.PledgeId)
            .ToDictionary(g => g.Key, g => g.Aggregate(BigInteger.Zero, (sum, o) => sum + o.Amount));
        var unattributedEth = ExactDecimal.Sum(confirmed.Where(t => !CountsFor(t)).Select(t => Eth(t.Amount, t.AssetId)));

        var pledges = ledger.Pledges
            .Select(p => PledgeFigures(p, receivedOnChain.GetValueOrDefault(p.Id), receivedOffchain.GetValueOrDefault(p.Id), Units, Eth))
            .OrderByDescending(p => p.AmountEth ?? ExactDecimal.Zero).ThenBy(p => p.Id)
            .ToList();

        var deliveredEth = ExactDecimal.Sum(pledges.Select(p => p.ReceivedEth)) + unattributedEth;
        var pledgedEth = ExactDecimal.Sum(pledges
            .Where(p => p.Status != PledgeStatus.Withdrawn && p.AmountEth is not null)
            .Select(p => p.AmountEth!.Value));
        var uncoveredNow = ExactDecimal.Max(shortfallEth - deliveredEth, ExactDecimal.Zero);
        var outstanding = Outstanding(shortfall, shortfallEth, deliveredEth, pledges, Scenario.None);

        var rescue = ledger.Rescue;
        return new RescueFigures(
            new RescueInfo(rescue.Name, rescue.Description, rescue.SnapshotDate),
            shortfallEth, deliveredEth, outstanding.Committed, outstanding.Proposed, pledgedEth, unattributedEth, uncoveredNow,
            outstanding.UncoveredIfAll, rescue.UpdatedAt, shortfall, pledges, outstanding.Waterfall);
    }

    /// <summary>
    /// The figures with the pledges whose terms the scenario names left out of outstanding committed and proposed, and
    /// so out of uncovered-if-every-pledge-arrives and the waterfall. Delivered, pledged and the pledge rows stay as
    /// they are: money that arrived counts whatever its terms. Computed from the kept per-pledge rows, no query.
    /// </summary>
    public static RescueFigures Excluding(RescueFigures figures, Scenario scenario)
    {
        if (scenario == figures.Scenario) return figures;
        var outstanding = Outstanding(figures.Shortfall, figures.ShortfallEth, figures.DeliveredEth, figures.Pledges, scenario);
        return figures with
        {
            OutstandingCommittedEth = outstanding.Committed,
            OutstandingProposedEth = outstanding.Proposed,
            UncoveredIfAllArriveEth = outstanding.UncoveredIfAll,
            Waterfall = outstanding.Waterfall,
            Scenario = scenario,
        };
    }

    private static (ExactDecimal Committed, ExactDecimal Proposed, ExactDecimal UncoveredIfAll, List<WaterfallStep> Waterfall) Outstanding(
        IReadOnlyList<ShortfallLine> shortfall, ExactDecimal shortfallEth, ExactDecimal deliveredEth, IReadOnlyList<PledgeFigures> pledges,
        Scenario scenario)
    {
        ExactDecimal Sum(PledgeStatus status) =>
            ExactDecimal.Sum(pledges.Where(p => p.Status == status && !scenario.Excludes(p.Terms)).Select(p => p.OutstandingEth));
        var committed = Sum(PledgeStatus.Committed);
        var proposed = Sum(PledgeStatus.Proposed);
        var uncoveredIfAll = ExactDecimal.Max(shortfallEth - deliveredEth - committed - proposed, ExactDecimal.Zero);
        return (committed, proposed, uncoveredIfAll, Waterfall(shortfall, deliveredEth, committed, proposed, uncoveredIfAll));
    }

    private static PledgeFigures PledgeFigures(
        Pledge p, BigInteger onChain, BigInteger offchain,
        Func<BigInteger, int, ExactDecimal> units, Func<BigInteger, int, ExactDecimal> eth)
    {
        var assetId = p.AssetId;
        var received = onChain + offchain;
        ExactDecimal? amount = p.Amount is { } a && assetId is { } id ? units(a, id) : null;
        ExactDecimal? amountEth = p.Amount is { } b && assetId is { } id2 ? eth(b, id2) : null;
        var receivedUnits = assetId is { } id3 ? units(received, id3) : ExactDecimal.Zero;
        var receivedEth = assetId is { } id4 ? eth(received, id4) : ExactDecimal.Zero;
        var outstanding = p.Amount is { } c && assetId is { } id5 && p.Status is PledgeStatus.Committed or PledgeStatus.Proposed
            ? eth(BigInteger.Max(c - received, BigInteger.Zero), id5)
            : ExactDecimal.Zero;
        return new PledgeFigures(
            p.Id, p.Pledger?.Name ?? "", p.Asset?.Symbol, amount, amountEth, p.Status, p.Terms, p.TermsNote,
            receivedUnits, receivedEth, assetId is { } id6 ? units(offchain, id6) : ExactDecimal.Zero,
            outstanding, p.Source, p.GovernanceUrl, p.Announced, p.VoteDeadline);
    }

    /// <summary>
    /// Losses stack up, recoveries step down to the shortfall, then what arrived and what is promised
    /// step down to what stays uncovered. Bars never go below zero: an over-funded gap ends at 0.
    /// </summary>
    private static List<WaterfallStep> Waterfall(
        IReadOnlyList<ShortfallLine> shortfall, ExactDecimal delivered, ExactDecimal committed, ExactDecimal proposed,
        ExactDecimal uncoveredIfAll)
    {
        var steps = new List<WaterfallStep>();
        var level = ExactDecimal.Zero;
        foreach (var item in shortfall)
        {
            var next = item.Kind == ShortfallKind.Loss ? level + item.AmountEth : level - item.AmountEth;
            steps.Add(new WaterfallStep(item.Label, item.Kind == ShortfallKind.Loss ? WaterfallStepKind.Loss : WaterfallStepKind.Recovery, level, next));
            level = next;
        }
        steps.Add(new WaterfallStep("Shortfall", WaterfallStepKind.Subtotal, ExactDecimal.Zero, level));
        foreach (var (label, kind, amount) in new[]
                 {
                     ("Delivered", WaterfallStepKind.Delivered, delivered),
                     ("Committed, not yet arrived", WaterfallStepKind.Committed, committed),
                     ("Proposed, awaiting a vote", WaterfallStepKind.Proposed, proposed),
                 })
        {
            var next = ExactDecimal.Max(level - amount, ExactDecimal.Zero);
            steps.Add(new WaterfallStep(label, kind, level, next));
            level = next;
        }
        steps.Add(new WaterfallStep("Uncovered if every pledge arrives", WaterfallStepKind.Remainder, ExactDecimal.Zero, uncoveredIfAll));
        return steps;
    }
}
