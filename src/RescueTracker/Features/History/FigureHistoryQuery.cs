using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.History;

/// <summary>Reads the figure revisions, oldest first. A singleton (it holds no state): each read opens its own context.</summary>
public sealed class FigureHistoryQuery(IDbContextFactory<RescueDbContext> dbFactory)
{
    public async Task<IReadOnlyList<FigureRevision>> ListAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Oldest(db).ToListAsync(ct);
    }

    /// <summary>The figures as they stood at <paramref name="at"/>: the newest revision at or before it, null before the first.</summary>
    public async Task<FigureRevision?> AtAsync(DateTimeOffset at, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.FigureRevisions.AsNoTracking()
            .Where(r => r.At <= at)
            .OrderByDescending(r => r.At).ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The history for the coverage chart: at most <paramref name="buckets"/> + 1 points however many revisions there
    /// are (<see cref="CoverageBuckets"/>), read one revision at a time from one read transaction.
    /// </summary>
    public async Task<CoverageSeries> CoverageAsync(int buckets, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginReadTransactionAsync(ct);
        var first = await Oldest(db).Select(r => (DateTimeOffset?)r.At).FirstOrDefaultAsync(ct);
        if (first is null) return CoverageSeries.Empty;
        var last = await db.FigureRevisions.AsNoTracking().OrderByDescending(r => r.At).Select(r => r.At).FirstAsync(ct);
        var series = new CoverageBuckets(first.Value, last, buckets);
        await foreach (var revision in Oldest(db).AsAsyncEnumerable().WithCancellation(ct)) series.Add(revision);
        return series.ToSeries();
    }

    /// <summary>Every revision in the order it was recorded (by time, then by insertion).</summary>
    public static IQueryable<FigureRevision> Oldest(RescueDbContext db) =>
        db.FigureRevisions.AsNoTracking().OrderBy(r => r.At).ThenBy(r => r.Id);
}
