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

    /// <summary>Every revision in the order it was recorded (by time, then by insertion).</summary>
    public static IQueryable<FigureRevision> Oldest(RescueDbContext db) =>
        db.FigureRevisions.AsNoTracking().OrderBy(r => r.At).ThenBy(r => r.Id);
}
