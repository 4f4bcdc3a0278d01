using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.Ledger.Pages;

/// <summary>What the pledge grid asks for: a page, one sort column, and the toolbar's filters.</summary>
public sealed record PledgeGridRequest(int Page, int PageSize, string? SortBy = null, bool Descending = false, string? Pledger = null,
    PledgeStatus? Status = null);

public sealed record PledgeGridPage(IReadOnlyList<PledgeRow> Rows, int Total);

/// <summary>
/// The admin pledge list, one page at a time: filtering, ordering, counting and paging all happen in SQL, so
/// the grid costs the same for ten pledges as for ten thousand. Amounts are not sortable: they are exact
/// integers stored as text, in assets of different decimals, which SQL cannot order correctly.
/// </summary>
public sealed class PledgeGridQuery(IDbContextFactory<RescueDbContext> dbFactory)
{
    public const int MaxPageSize = 100;

    /// <summary>The columns the grid may sort by (the names of <see cref="PledgeRow"/>'s properties).</summary>
    public static readonly IReadOnlySet<string> Sortable = new HashSet<string>(StringComparer.Ordinal)
        { nameof(PledgeRow.Pledger), nameof(PledgeRow.Status), nameof(PledgeRow.Terms), nameof(PledgeRow.Version) };

    public async Task<PledgeGridPage> PageAsync(PledgeGridRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Pledges.AsNoTracking();
        if (FormText.Blank(request.Pledger) is { } text)
        {
            var pattern = "%" + EscapeLike(text) + "%";
            // SQLite's LIKE ignores ASCII case; PostgreSQL's does not, its ILIKE does (ASCII under the "C" collation, as SQLite).
            query = db.OnPostgreSql
                ? query.Where(p => EF.Functions.ILike(p.Pledger!.Name, pattern, "\\"))
                : query.Where(p => EF.Functions.Like(p.Pledger!.Name, pattern, "\\"));
        }
        if (request.Status is { } status) query = query.Where(p => p.Status == status);

        var total = await query.CountAsync(ct);
        var size = Math.Clamp(request.PageSize, 1, MaxPageSize);
        var rows = await Order(query, request.SortBy, request.Descending)
            .Skip(Math.Max(request.Page, 0) * size).Take(size)
            .Select(p => new { p.Id, Pledger = p.Pledger!.Name, p.Amount, Asset = p.Asset!.Symbol, Decimals = (int?)p.Asset.Decimals, p.Status, p.Terms, p.Version })
            .ToListAsync(ct);
        return new PledgeGridPage(
            rows.Select(p => new PledgeRow(p.Id, p.Pledger, p.Amount is { } a && p.Decimals is { } d ? LedgerAmounts.Exact(a, d) : null, p.Asset,
                p.Status, p.Terms, p.Version)).ToList(),
            total);
    }

    // SQLite compares text byte by byte (BINARY collation): the same order as StringComparer.Ordinal. The id breaks
    // ties, so a page boundary never moves between two loads of an unchanged ledger.
    private static IQueryable<Pledge> Order(IQueryable<Pledge> query, string? sortBy, bool descending) => (sortBy, descending) switch
    {
        (nameof(PledgeRow.Status), false) => query.OrderBy(p => p.Status).ThenBy(p => p.Pledger!.Name).ThenBy(p => p.Id),
        (nameof(PledgeRow.Status), true) => query.OrderByDescending(p => p.Status).ThenBy(p => p.Pledger!.Name).ThenBy(p => p.Id),
        (nameof(PledgeRow.Terms), false) => query.OrderBy(p => p.Terms).ThenBy(p => p.Pledger!.Name).ThenBy(p => p.Id),
        (nameof(PledgeRow.Terms), true) => query.OrderByDescending(p => p.Terms).ThenBy(p => p.Pledger!.Name).ThenBy(p => p.Id),
        (nameof(PledgeRow.Version), false) => query.OrderBy(p => p.Version).ThenBy(p => p.Id),
        (nameof(PledgeRow.Version), true) => query.OrderByDescending(p => p.Version).ThenBy(p => p.Id),
        (nameof(PledgeRow.Pledger), true) => query.OrderByDescending(p => p.Pledger!.Name).ThenByDescending(p => p.Id),
        _ => query.OrderBy(p => p.Pledger!.Name).ThenBy(p => p.Id),
    };

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
