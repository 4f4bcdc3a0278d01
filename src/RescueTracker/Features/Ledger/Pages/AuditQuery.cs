using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.Ledger.Pages;

/// <summary>The audit page's GET filters, as they appear in its URL.</summary>
public sealed record AuditFilter(string? Type, string? Action, string? Actor, string? Text, string? From, string? To, int Page)
{
    public const int PageSize = 50;

    public DateOnly? FromDate => Date(From);
    public DateOnly? ToDate => Date(To);

    public string QueryString(int page)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value)) parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        Add("type", Type); Add("action", Action); Add("actor", Actor); Add("text", Text); Add("from", From); Add("to", To);
        if (page > 1) parts.Add($"page={page}");
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

public sealed record AuditRow(long Id, DateTimeOffset At, string Actor, string Action, string EntityType, string EntityId, string EntityLabel,
    IReadOnlyList<AuditDiffRow> Changes, string? Reason, string? Source);

public sealed record AuditPageData(IReadOnlyList<AuditRow> Rows, int Total, IReadOnlyList<string> Types, IReadOnlyList<string> Actions);

/// <summary>The audit trail newest first (ids only grow), filtered and paged. Read-only: nothing here writes.</summary>
internal static class AuditQuery
{
    public static async Task<AuditPageData> RunAsync(RescueDbContext db, AuditFilter filter, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
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

        // SQLite cannot compare DateTimeOffset values in SQL, so the date range is applied to (id, time) pairs
        // here and only the page's rows are read in full.
        var candidates = await query.Select(a => new { a.Id, a.At }).ToListAsync(ct);
        var from = filter.FromDate?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = filter.ToDate?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var matching = candidates
            .Where(c => (from is null || c.At.UtcDateTime >= from) && (to is null || c.At.UtcDateTime < to))
            .OrderByDescending(c => c.Id)
            .Select(c => c.Id)
            .ToList();
        var pageIds = matching.Skip((Math.Max(filter.Page, 1) - 1) * AuditFilter.PageSize).Take(AuditFilter.PageSize).ToList();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => pageIds.Contains(a.Id)).ToListAsync(ct);
        var rows = entries.OrderByDescending(a => a.Id)
            .Select(a => new AuditRow(a.Id, a.At, a.Actor, a.Action, a.EntityType, a.EntityId, a.EntityLabel,
                AuditDiff.Of(a.Before, a.After), a.Reason, a.Source))
            .ToList();

        var types = await db.AuditEntries.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
        var actions = await db.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(t => t).ToListAsync(ct);
        return new AuditPageData(rows, matching.Count, types, actions);
    }

    /// <summary>The page that shows the record an audit row touched, if there is one the reader may open.</summary>
    public static string? Link(AuditRow row, bool isAdmin) => row.EntityType switch
    {
        "pledge" => $"/pledges/{Uri.EscapeDataString(row.EntityId)}",
        "pledger" => $"/admin/pledgers/{Uri.EscapeDataString(row.EntityId)}",
        "shortfall" => $"/admin/shortfall/{Uri.EscapeDataString(row.EntityId)}/edit",
        "asset" => $"/admin/assets/{Uri.EscapeDataString(row.EntityId)}",
        "recovery-address" => "/admin/recovery-addresses",
        "user" when isAdmin => $"/admin/users/{Uri.EscapeDataString(row.EntityId)}",
        "apikey" when isAdmin => "/admin/api-keys",
        _ => null,
    };
}
