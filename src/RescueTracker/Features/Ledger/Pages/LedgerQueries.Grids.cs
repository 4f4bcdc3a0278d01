using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.Ledger.Pages;

/// <summary>Which transfers to list by confirmation.</summary>
public enum InflowState { Any, Confirmed, Pending }

/// <summary>Which transfers to list by attribution to a pledge.</summary>
public enum AttributionFilter { Any, Attributed, Unattributed }

/// <summary>The admin transfer grid's filters.</summary>
public sealed record TransferGridFilter(string? Search, InflowState State, AttributionFilter Attribution);

/// <summary>One transfer in the admin grid; <see cref="PledgeId"/> null is an unattributed inflow.</summary>
public sealed record AdminTransferRow(
    long Id, string Chain, string TxHash, long Block, string From, string Amount, string Asset, bool Confirmed, int? PledgeId, string? Pledger,
    bool AttributedByAdmin);

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

    /// <summary>
    /// Every transfer into a recovery address, newest block first unless sorted otherwise; search matches the transaction,
    /// the sender or the pledger's name.
    /// </summary>
    public async Task<GridPage<AdminTransferRow>> TransfersPageAsync(GridRequest request, TransferGridFilter filter, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Transfers.AsNoTracking();
        if (filter.Attribution != AttributionFilter.Any) query = query.Where(t => (t.PledgeId == null) == (filter.Attribution == AttributionFilter.Unattributed));
        if (filter.State != InflowState.Any) query = query.Where(t => t.Confirmed == (filter.State == InflowState.Confirmed));
        if (FormText.Blank(filter.Search) is { } text)
        {
            var lower = text.ToLowerInvariant();
            query = query.Where(t => t.TxHash.ToLower().Contains(lower) || t.From.ToLower().Contains(lower)
                                     || db.Pledges.Any(p => p.Id == t.PledgeId && p.Pledger!.Name.ToLower().Contains(lower)));
        }
        var rows = query.Select(t => new
        {
            t.Id, Chain = db.Chains.Where(c => c.ChainId == t.ChainId).Select(c => c.Name).FirstOrDefault(), t.ChainId, t.TxHash, t.BlockNumber,
            t.From, t.Amount, t.Asset!.Symbol, t.Asset.Decimals, t.Confirmed, t.PledgeId, Pledger = db.Pledges.Where(p => p.Id == t.PledgeId).Select(p => p.Pledger!.Name).FirstOrDefault(),
            t.AttributedByAdmin,
        });
        var sorted = (request.SortBy, request.Descending) switch
        {
            (nameof(AdminTransferRow.Chain), false) => rows.OrderBy(t => t.Chain).ThenByDescending(t => t.BlockNumber),
            (nameof(AdminTransferRow.Chain), true) => rows.OrderByDescending(t => t.Chain).ThenByDescending(t => t.BlockNumber),
            (nameof(AdminTransferRow.Pledger), false) => rows.OrderBy(t => t.Pledger).ThenByDescending(t => t.BlockNumber),
            (nameof(AdminTransferRow.Pledger), true) => rows.OrderByDescending(t => t.Pledger).ThenByDescending(t => t.BlockNumber),
            (nameof(AdminTransferRow.Block), false) => rows.OrderBy(t => t.BlockNumber),
            _ => rows.OrderByDescending(t => t.BlockNumber),
        };
        var total = await query.CountAsync(ct);
        var page = await sorted.ThenByDescending(t => t.Id).Skip(request.Skip).Take(request.PageSize).ToListAsync(ct);
        return new(page.Select(t => new AdminTransferRow(t.Id, t.Chain ?? t.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            t.TxHash, t.BlockNumber, t.From, LedgerAmounts.Exact(t.Amount, t.Decimals), t.Symbol, t.Confirmed, t.PledgeId, t.Pledger,
            t.AttributedByAdmin)).ToList(), total);
    }
}
