using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.Ledger.Pages;

/// <summary>Which unattributed inflows to list.</summary>
public enum InflowState { Any, Confirmed, Pending }

/// <summary>
/// The server-side grids' queries: filter, sort, count and page in SQL; only the page's rows are read. Amounts are
/// TEXT base units, so they are formatted after the page is read and never sorted on.
/// </summary>
internal sealed partial class LedgerQueries
{
    public async Task<GridPage<PledgerRow>> PledgersPageAsync(GridRequest request, string? search, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Pledgers.AsNoTracking()
            .Select(p => new { p.Id, p.Name, p.Version, Pledges = db.Pledges.Count(x => x.PledgerId == p.Id) });
        if (FormText.Blank(search) is { } text)
        {
            var lower = text.ToLowerInvariant();
            query = query.Where(p => p.Name.ToLower().Contains(lower));
        }
        var sorted = (request.SortBy, request.Descending) switch
        {
            (nameof(PledgerRow.Pledges), false) => query.OrderBy(p => p.Pledges).ThenBy(p => p.Name),
            (nameof(PledgerRow.Pledges), true) => query.OrderByDescending(p => p.Pledges).ThenBy(p => p.Name),
            (nameof(PledgerRow.Version), false) => query.OrderBy(p => p.Version).ThenBy(p => p.Name),
            (nameof(PledgerRow.Version), true) => query.OrderByDescending(p => p.Version).ThenBy(p => p.Name),
            (_, true) => query.OrderByDescending(p => p.Name),
            _ => query.OrderBy(p => p.Name),
        };
        var total = await query.CountAsync(ct);
        var rows = await sorted.ThenBy(p => p.Id).Skip(request.Skip).Take(request.PageSize).ToListAsync(ct);
        return new(rows.Select(p => new PledgerRow(p.Id, p.Name, p.Version, p.Pledges)).ToList(), total);
    }

    /// <summary>Unattributed transfers, newest block first unless sorted otherwise; search matches the transaction or the sender.</summary>
    public async Task<GridPage<InflowRow>> UnattributedPageAsync(GridRequest request, string? search, InflowState state, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Transfers.AsNoTracking().Where(t => t.PledgeId == null);
        if (state != InflowState.Any) query = query.Where(t => t.Confirmed == (state == InflowState.Confirmed));
        if (FormText.Blank(search) is { } text)
        {
            var lower = text.ToLowerInvariant();
            query = query.Where(t => t.TxHash.ToLower().Contains(lower) || t.From.ToLower().Contains(lower));
        }
        var rows = query.Select(t => new
        {
            t.Id, Chain = db.Chains.Where(c => c.ChainId == t.ChainId).Select(c => c.Name).FirstOrDefault(), t.ChainId, t.TxHash, t.BlockNumber,
            t.From, t.To, t.Amount, t.Asset!.Symbol, t.Asset.Decimals, t.AssetId, t.Confirmed,
        });
        var sorted = (request.SortBy, request.Descending) switch
        {
            (nameof(InflowRow.Chain), false) => rows.OrderBy(t => t.Chain).ThenByDescending(t => t.BlockNumber),
            (nameof(InflowRow.Chain), true) => rows.OrderByDescending(t => t.Chain).ThenByDescending(t => t.BlockNumber),
            (nameof(InflowRow.Block), false) => rows.OrderBy(t => t.BlockNumber),
            _ => rows.OrderByDescending(t => t.BlockNumber),
        };
        var total = await query.CountAsync(ct);
        var page = await sorted.ThenByDescending(t => t.Id).Skip(request.Skip).Take(request.PageSize).ToListAsync(ct);
        return new(page.Select(t => new InflowRow(t.Id, t.Chain ?? t.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture), t.TxHash,
            t.BlockNumber, t.From, t.To, LedgerAmounts.Exact(t.Amount, t.Decimals), t.Symbol, t.AssetId, t.Confirmed)).ToList(), total);
    }
}
