using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.Transfers;

/// <summary>
/// Reads transfers with the list's filters, newest first (block number, then id, both descending) or oldest first.
/// A singleton (it holds no state): each read opens its own context; the API and the page share it.
/// </summary>
public sealed class TransferQuery(IDbContextFactory<RescueDbContext> dbFactory)
{
    public async Task<IReadOnlyList<TransferRow>> ListAsync(TransferFilter filter, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ReadAsync(db, filter, ct);
    }

    /// <summary>A page and the total it belongs to, read in one (deferred) read transaction so the two agree.</summary>
    public async Task<TransferPage> PageAsync(TransferFilter filter, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginReadTransactionAsync(ct);
        var total = await Filtered(db, filter).CountAsync(ct);
        var rows = await ReadAsync(db, filter, ct);
        await tx.CommitAsync(ct);
        return new TransferPage(rows, total);
    }

    /// <summary>
    /// Every transfer the filter's filters match (its limit and offset are not applied), newest first, read one
    /// row at a time from a single read transaction that holds no writer up: an export of any length holds one row in memory.
    /// </summary>
    public async IAsyncEnumerable<TransferRow> StreamAsync(TransferFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginReadTransactionAsync(ct);
        var chainNames = await db.Chains.AsNoTracking().ToDictionaryAsync(c => c.ChainId, c => c.Name, ct);
        var pledgers = await db.Pledges.AsNoTracking().Select(p => new { p.Id, p.Pledger!.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var transfers = Ordered(Filtered(db, filter).Include(t => t.Asset), filter.Sort);
        await foreach (var transfer in transfers.AsAsyncEnumerable().WithCancellation(ct))
            yield return ToRow(transfer, chainNames, pledgers);
    }

    /// <summary>The chains in the data, for the page's chain filter.</summary>
    public async Task<IReadOnlyList<ChainInfo>> ChainsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Chains.AsNoTracking().OrderBy(c => c.ChainId).ToListAsync(ct);
    }

    private static async Task<IReadOnlyList<TransferRow>> ReadAsync(RescueDbContext db, TransferFilter filter, CancellationToken ct)
    {
        var transfers = await Ordered(Filtered(db, filter).Include(t => t.Asset), filter.Sort)
            .Skip(filter.Offset).Take(filter.Limit)
            .ToListAsync(ct);
        var chainNames = await db.Chains.AsNoTracking().ToDictionaryAsync(c => c.ChainId, c => c.Name, ct);
        var pledgeIds = transfers.Where(t => t.PledgeId is not null).Select(t => t.PledgeId!.Value).Distinct().ToList();
        var pledgers = await db.Pledges.AsNoTracking()
            .Where(p => pledgeIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Pledger!.Name })
            .ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return transfers.Select(t => ToRow(t, chainNames, pledgers)).ToList();
    }

    private static IQueryable<Transfer> Filtered(RescueDbContext db, TransferFilter filter)
    {
        var query = db.Transfers.AsNoTracking();
        if (filter.ChainId is { } chainId) query = query.Where(t => t.ChainId == chainId);
        if (filter.PledgeId is { } pledgeId) query = query.Where(t => t.PledgeId == pledgeId);
        if (filter.Confirmed is { } confirmed) query = query.Where(t => t.Confirmed == confirmed);
        if (filter.Attributed is { } attributed) query = query.Where(t => (t.PledgeId != null) == attributed);
        return query;
    }

    private static IOrderedQueryable<Transfer> Ordered(IQueryable<Transfer> transfers, TransferSort sort) => sort == TransferSort.Oldest
        ? transfers.OrderBy(t => t.BlockNumber).ThenBy(t => t.Id)
        : transfers.OrderByDescending(t => t.BlockNumber).ThenByDescending(t => t.Id);

    private static TransferRow ToRow(Transfer t, Dictionary<long, string> chainNames, Dictionary<int, string> pledgers)
    {
        var asset = t.Asset!;
        var amount = ExactDecimal.FromBaseUnits(t.Amount, asset.Decimals);
        return new TransferRow(
            t.Id, t.ChainId, chainNames.GetValueOrDefault(t.ChainId) ?? $"Chain {t.ChainId}", t.TxHash, t.Kind, t.LogIndex,
            t.BlockNumber, t.From, t.To, asset.Symbol, amount, amount * ExactDecimal.Parse(asset.EthRate), t.Confirmed,
            t.PledgeId, t.PledgeId is { } id ? pledgers.GetValueOrDefault(id) : null, t.AttributedByAdmin);
    }
}
