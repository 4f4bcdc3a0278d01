using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Figures;

namespace RescueTracker.Features.Discrepancies;

/// <summary>Money that reached a pledge: a counted transfer (<see cref="TransferId"/> set) or an off-chain delivery an admin recorded.</summary>
public sealed record Contribution(DateTimeOffset At, long? TransferId, ExactDecimal Amount);

/// <summary>A confirmed transfer into a recovery address that counts toward no pledge; <see cref="AttributedTo"/> names a pledge in another asset.</summary>
public sealed record UncountedInflow(
    long Id, long ChainId, string TxHash, long BlockNumber, string From, string Asset, ExactDecimal Amount, DateTimeOffset SeenAt, int? AttributedTo);

/// <summary>
/// What the rules read: the kept per-pledge figures (R(p) exactly as the figures define it), each pledge's status
/// history, the contributions of the pledges whose history of payments matters, oldest first, and the uncounted inflows.
/// <see cref="AsOf"/> (the figures' own) stands in for a start that the rows cannot tell, which only a read racing a write sees.
/// </summary>
public sealed record DiscrepancyLedger(
    IReadOnlyList<PledgeFigures> Pledges,
    IReadOnlyDictionary<int, IReadOnlyList<PledgeStatusChange>> History,
    IReadOnlyDictionary<int, IReadOnlyList<Contribution>> Contributions,
    IReadOnlyList<UncountedInflow> Uncounted,
    DateTimeOffset AsOf);

/// <summary>
/// The five rules, pure (no I/O, the time given), so each is tested on its own terms. A deadline is a day in UTC: it
/// has passed from 00:00 UTC on the day after it. Amounts in the sentences are exact, in the pledged asset's units.
/// </summary>
public static class DiscrepancyRules
{
    public static IEnumerable<Discrepancy> Find(DiscrepancyLedger ledger, DateTimeOffset now)
    {
        foreach (var inflow in ledger.Uncounted) yield return Unattributed(inflow);
        foreach (var pledge in ledger.Pledges)
        {
            var history = ledger.History.GetValueOrDefault(pledge.Id) ?? [];
            var contributions = ledger.Contributions.GetValueOrDefault(pledge.Id) ?? [];
            if (OverDelivered(pledge, contributions, ledger.AsOf) is { } over) yield return over;
            if (PartialPastDeadline(pledge, contributions, now) is { } partial) yield return partial;
            if (ProposalPastDeadline(pledge, history, now) is { } proposal) yield return proposal;
            if (CommittedWithoutEvidence(pledge, history, ledger.AsOf) is { } committed) yield return committed;
        }
    }

    /// <summary>The first instant after the deadline day, in UTC.</summary>
    public static DateTimeOffset DeadlineEnd(DateOnly deadline) => new(deadline.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>Whether the pledge needs its contributions read: it is over-delivered, or partly paid with a deadline.</summary>
    public static bool NeedsContributions(PledgeFigures p) => p.IsOverDelivered || (p.IsPartial && p.VoteDeadline is not null);

    private static Discrepancy Unattributed(UncountedInflow t)
    {
        var what = $"{Exact(t.Amount)} {t.Asset} from {t.From} (transaction {t.TxHash}, block {t.BlockNumber} on chain {t.ChainId})";
        var detail = t.AttributedTo is { } pledgeId
            ? $"{what} is attributed to pledge {pledgeId}, which is in another asset, so it counts toward no pledge."
            : $"{what} is attributed to no pledge.";
        return new Discrepancy(DiscrepancyKind.UnattributedInflow, null, null, t.Id, detail, t.SeenAt);
    }

    /// <summary>R(p) above the amount; since the contribution that took it there (a transfer names itself).</summary>
    private static Discrepancy? OverDelivered(PledgeFigures p, IReadOnlyList<Contribution> contributions, DateTimeOffset asOf)
    {
        if (!p.IsOverDelivered || p.Amount is not { } amount) return null;
        var crossing = FirstReaching(contributions, sum => sum > amount);
        return new Discrepancy(DiscrepancyKind.OverDelivered, p.Id, p.Pledger, crossing?.TransferId,
            $"Received {Exact(p.Received)} {p.Asset} against {Exact(amount)} {p.Asset} pledged: {Exact(p.Received - amount)} {p.Asset} more.",
            crossing?.At ?? asOf);
    }

    /// <summary>Still proposed or committed with 0 &lt; R(p) &lt; amount after the deadline; since the later of the deadline's end and the first payment.</summary>
    private static Discrepancy? PartialPastDeadline(PledgeFigures p, IReadOnlyList<Contribution> contributions, DateTimeOffset now)
    {
        if (p.Status is not (PledgeStatus.Proposed or PledgeStatus.Committed) || !p.IsPartial || p.VoteDeadline is not { } deadline) return null;
        var end = DeadlineEnd(deadline);
        if (now < end) return null;
        var firstPaid = FirstReaching(contributions, sum => sum.Sign > 0)?.At ?? end;
        var amount = p.Amount!.Value;
        return new Discrepancy(DiscrepancyKind.PartialPastDeadline, p.Id, p.Pledger, null,
            $"Received {Exact(p.Received)} of {Exact(amount)} {p.Asset} and the deadline {Day(deadline)} has passed: "
            + $"{Exact(amount - p.Received)} {p.Asset} still to arrive.",
            Later(end, firstPaid));
    }

    /// <summary>Still proposed after the deadline; since the later of the deadline's end and the change that made it proposed.</summary>
    private static Discrepancy? ProposalPastDeadline(PledgeFigures p, IReadOnlyList<PledgeStatusChange> history, DateTimeOffset now)
    {
        if (p.Status != PledgeStatus.Proposed || p.VoteDeadline is not { } deadline) return null;
        var end = DeadlineEnd(deadline);
        if (now < end) return null;
        var proposedAt = history.Where(h => h.To == PledgeStatus.Proposed).Select(h => h.At).DefaultIfEmpty(end).Max();
        var what = p.Amount is { } amount ? $"{Exact(amount)} {p.Asset}" : "Support without an amount";
        return new Discrepancy(DiscrepancyKind.ProposalPastDeadline, p.Id, p.Pledger, null,
            $"{what} still proposed after its vote deadline {Day(deadline)}.", Later(end, proposedAt));
    }

    /// <summary>
    /// Committed with no governance link and no source on the pledge, and no source on any status change to committed.
    /// The forms, the API and the seed refuse such a pledge, so this finds rows written around those rules (an older
    /// database, a hand edit). Since the latest change to committed.
    /// </summary>
    private static Discrepancy? CommittedWithoutEvidence(PledgeFigures p, IReadOnlyList<PledgeStatusChange> history, DateTimeOffset asOf)
    {
        if (p.Status != PledgeStatus.Committed || p.GovernanceUrl is not null || p.Source is not null) return null;
        var commits = history.Where(h => h.To == PledgeStatus.Committed).ToList();
        if (commits.Any(h => !string.IsNullOrWhiteSpace(h.Source))) return null;
        var committedAt = commits.Select(h => h.At).DefaultIfEmpty(asOf).Max();
        return new Discrepancy(DiscrepancyKind.CommittedWithoutEvidence, p.Id, p.Pledger, null,
            "Committed with no evidence: no governance link or source on the pledge, and none on the status change that committed it.",
            committedAt);
    }

    private static Contribution? FirstReaching(IReadOnlyList<Contribution> contributions, Func<ExactDecimal, bool> reached)
    {
        var sum = ExactDecimal.Zero;
        foreach (var c in contributions)
        {
            sum += c.Amount;
            if (reached(sum)) return c;
        }
        return null;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    /// <summary>Every digit, with thousands separators: "30,000", "0.000000000000000001".</summary>
    private static string Exact(ExactDecimal value) => value.Format(groupThousands: true, maxFractionDigits: null);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
