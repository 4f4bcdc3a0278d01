using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Figures;
using RescueTracker.Features.Ledger;

namespace RescueTracker.Features.Discrepancies;

/// <summary>
/// The discrepancies of the ledger as it stands, judged at the app's clock: R(p) and each pledge's terms come from the
/// kept figures, so the list agrees with every figure shown beside it; the rows behind the start times (transfers,
/// off-chain deliveries, status changes) are read in one read transaction. Inflows are read only when the filters can
/// match one. A singleton over the context factory.
/// </summary>
public sealed class DiscrepancyQuery(IDbContextFactory<RescueDbContext> dbFactory, FiguresService figures, TimeProvider clock)
{
    public async Task<IReadOnlyList<Discrepancy>> ListAsync(DiscrepancyRequest request, CancellationToken ct)
    {
        var withInflows = request.PledgeId is null && request.Kind is null or DiscrepancyKind.UnattributedInflow;
        var ledger = await ReadAsync(figures.Current, request.PledgeId, withInflows, ct);
        return request.Sort.Apply(DiscrepancyRules.Find(ledger, clock.GetUtcNow()).Where(request.Matches)).ToList();
    }

    /// <summary>How many discrepancies name the pledge: its page links to them when there are any.</summary>
    public async Task<int> CountForPledgeAsync(int pledgeId, CancellationToken ct) =>
        (await ListAsync(DiscrepancyRequest.All with { PledgeId = pledgeId }, ct)).Count;

    private async Task<DiscrepancyLedger> ReadAsync(RescueFigures current, int? pledgeId, bool withInflows, CancellationToken ct)
    {
        var pledgeFigures = current.Pledges.Where(p => pledgeId is null || p.Id == pledgeId).ToList();
        var ids = pledgeFigures.Select(p => p.Id).ToList();
        var needed = pledgeFigures.Where(DiscrepancyRules.NeedsContributions).Select(p => p.Id).ToList();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginReadTransactionAsync(ct);
        var assets = await db.Assets.AsNoTracking().ToDictionaryAsync(a => a.Id, ct);
        var pledges = await db.Pledges.AsNoTracking().Include(p => p.History).Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var paid = await db.Transfers.AsNoTracking().Where(t => t.Confirmed && t.PledgeId != null && needed.Contains(t.PledgeId.Value)).ToListAsync(ct);
        var offchain = await db.OffchainDeliveries.AsNoTracking().Where(o => needed.Contains(o.PledgeId)).ToListAsync(ct);
        // The SQL only narrows the candidates; TransferCounting decides, as it does for the figures' I.
        var candidates = withInflows
            ? await db.Transfers.AsNoTracking()
                .Where(t => t.Confirmed && (t.PledgeId == null || !db.Pledges.Any(p => p.Id == t.PledgeId && p.AssetId == t.AssetId)))
                .ToListAsync(ct)
            : [];
        var ownerIds = candidates.Where(t => t.PledgeId is not null).Select(t => t.PledgeId!.Value).Distinct().ToList();
        var owners = await db.Pledges.AsNoTracking().Where(p => ownerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        await tx.CommitAsync(ct);

        ExactDecimal Units(System.Numerics.BigInteger amount, int assetId) => ExactDecimal.FromBaseUnits(amount, assets[assetId].Decimals);

        var contributions = needed.Where(pledges.ContainsKey).ToDictionary(id => id, id =>
        {
            var pledge = pledges[id];
            var onChain = paid.Where(t => t.CountsToward(pledge)).OrderBy(t => t.SeenAt).ThenBy(t => t.BlockNumber).ThenBy(t => t.Id)
                .Select(t => new Contribution(t.SeenAt, t.Id, Units(t.Amount, t.AssetId)));
            var recorded = offchain.Where(o => o.PledgeId == id).OrderBy(o => o.RecordedAt).ThenBy(o => o.Id)
                .Select(o => new Contribution(o.RecordedAt, null, Units(o.Amount, pledge.AssetId!.Value)));
            // A stable sort: at one instant, transfers (in block order) before off-chain records.
            return (IReadOnlyList<Contribution>)onChain.Concat(recorded).OrderBy(c => c.At).ToList();
        });
        var uncounted = candidates
            .Where(t => !(t.PledgeId is { } id && owners.TryGetValue(id, out var owner) && t.CountsToward(owner)))
            .Select(t => new UncountedInflow(t.Id, t.ChainId, t.TxHash, t.BlockNumber, t.From, assets[t.AssetId].Symbol, Units(t.Amount, t.AssetId),
                t.SeenAt, t.PledgeId is { } id && owners.ContainsKey(id) ? id : null))
            .ToList();
        var history = pledges.Values.ToDictionary(p => p.Id, p => (IReadOnlyList<PledgeStatusChange>)p.History.OrderBy(h => h.At).ThenBy(h => h.Id).ToList());
        return new DiscrepancyLedger(pledgeFigures, history, contributions, uncounted, current.AsOf);
    }
}
