using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.Ledger.Pages;

/// <summary>The audit page's filters; each may come from the page's URL (<c>/admin/audit?text=aave</c>).</summary>
public sealed record AuditFilter(string? Type, string? Action, string? Actor, string? Text, string? From, string? To)
{
    public DateOnly? FromDate => Date(From);
    public DateOnly? ToDate => Date(To);

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

public sealed record AuditRow(long Id, DateTimeOffset At, string Actor, string Action, string EntityType, string EntityId, string EntityLabel,
    IReadOnlyList<AuditDiffRow> Changes, string? Reason, string? Source);

public sealed record AuditChoices(IReadOnlyList<string> Types, IReadOnlyList<string> Actions);

/// <summary>The audit trail, filtered, sorted, counted and paged in SQL; newest first unless sorted otherwise. Read-only; each read opens its own context.</summary>
internal sealed class AuditQuery(IDbContextFactory<RescueDbContext> dbFactory)
{
    public const int PageSize = 50;

    public async Task<GridPage<AuditRow>> RunAsync(AuditFilter filter, GridRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filtered(db, filter);
        // Ids only grow, so the newest entry has the highest id: "when" sorts by id.
        var sorted = (request.SortBy, request.Descending) switch
        {
            (nameof(AuditRow.At), false) => query.OrderBy(a => a.Id),
            (nameof(AuditRow.Action), false) => query.OrderBy(a => a.Action).ThenByDescending(a => a.Id),
            (nameof(AuditRow.Action), true) => query.OrderByDescending(a => a.Action).ThenByDescending(a => a.Id),
            (nameof(AuditRow.Actor), false) => query.OrderBy(a => a.Actor).ThenByDescending(a => a.Id),
            (nameof(AuditRow.Actor), true) => query.OrderByDescending(a => a.Actor).ThenByDescending(a => a.Id),
            (nameof(AuditRow.EntityLabel), false) => query.OrderBy(a => a.EntityLabel).ThenByDescending(a => a.Id),
            (nameof(AuditRow.EntityLabel), true) => query.OrderByDescending(a => a.EntityLabel).ThenByDescending(a => a.Id),
            _ => query.OrderByDescending(a => a.Id),
        };
        var total = await query.CountAsync(ct);
        var entries = await sorted.Skip(request.Skip).Take(request.PageSize).ToListAsync(ct);
        var rows = entries
            .Select(a => new AuditRow(a.Id, a.At, a.Actor, a.Action, a.EntityType, a.EntityId, a.EntityLabel,
                AuditDiff.Of(a.Before, a.After), a.Reason, a.Source))
            .ToList();
        return new(rows, total);
    }

    public async Task<AuditChoices> ChoicesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return new(
            await db.AuditEntries.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct),
            await db.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(t => t).ToListAsync(ct));
    }

    /// <summary>On PostgreSQL "At" is a timestamptz, which compares as an instant: the dates become their first UTC instants.</summary>
    private static IQueryable<AuditEntry> OnPostgreSql(RescueDbContext db, AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (filter.FromDate is { } fromDate)
        {
            var from = new DateTimeOffset(fromDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At >= from);
        }
        if (filter.ToDate is { } toDate)
        {
            var to = new DateTimeOffset(toDate.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At < to);
        }
        return query;
    }

    private static IQueryable<AuditEntry> Filtered(RescueDbContext db, AuditFilter filter)
    {
        // EF cannot compare DateTimeOffset values on SQLite; the column holds ISO text ("2026-04-28 09:30:00.123+00:00") and every
        // entry is written with the UTC clock, so comparing the text with a date's first instant orders it the same way.
        var from = filter.FromDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = filter.ToDate?.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var query = from is null && to is null
            ? db.AuditEntries.AsNoTracking()
            : db.OnPostgreSql
                ? OnPostgreSql(db, filter)
                : db.AuditEntries.FromSql($"""SELECT * FROM "AuditEntries" WHERE ({from} IS NULL OR "At" >= {from}) AND ({to} IS NULL OR "At" < {to})""")
                .AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Type)) query = query.Where(a => a.EntityType == filter.Type);
        if (!string.IsNullOrWhiteSpace(filter.Action)) query = query.Where(a => a.Action == filter.Action);
        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim().ToLowerInvariant();
            query = query.Where(a => a.Actor.ToLower().Contains(actor));
        }
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim().ToLowerInvariant();
            query = query.Where(a => a.EntityLabel.ToLower().Contains(text));
        }
        return query;
    }
}
