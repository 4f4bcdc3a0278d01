using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Features.History;

namespace RescueTracker.Features.Exports;

/// <summary>
/// Every pledge status change and every figure revision as one list, oldest first; at the same instant a status
/// change comes before the revision it caused. A singleton (it holds no state): each export opens its own context.
/// </summary>
public sealed class HistoryExport(IDbContextFactory<RescueDbContext> dbFactory)
{
    public const string StatusChange = "statusChange";
    public const string FigureRevision = "figureRevision";

    public static readonly string[] Header =
    [
        "kind", "at", "pledgeId", "pledger", "from", "to", "reason", "source", "actor", "evidence",
        "shortfallEth", "deliveredEth", "outstandingCommittedEth", "outstandingProposedEth", "pledgedEth",
        "uncoveredNowEth", "uncoveredIfAllArriveEth", "blocks",
    ];

    public async IAsyncEnumerable<string[]> RecordsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginReadTransactionAsync(ct);
        // A few per pledge, so held and sorted here (SQLite cannot order by a DateTimeOffset); the revisions,
        // one per change of the figures, are read one at a time.
        var pledgers = await db.Pledges.AsNoTracking().Select(p => new { p.Id, p.Pledger!.Name }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var changes = (await db.PledgeStatusChanges.AsNoTracking().ToListAsync(ct)).OrderBy(c => c.At).ThenBy(c => c.Id).ToList();
        var next = 0;
        await foreach (var revision in FigureHistoryQuery.Oldest(db).AsAsyncEnumerable().WithCancellation(ct))
        {
            for (; next < changes.Count && changes[next].At <= revision.At; next++) yield return Record(changes[next], pledgers);
            yield return Record(revision);
        }
        for (; next < changes.Count; next++) yield return Record(changes[next], pledgers);
    }

    private static string[] Record(PledgeStatusChange c, Dictionary<int, string> pledgers) =>
    [
        StatusChange, CsvFile.Utc(c.At), CsvFile.Text(c.PledgeId), pledgers.GetValueOrDefault(c.PledgeId) ?? "",
        c.From?.ToText() ?? "", c.To.ToText(), c.Reason, c.Source ?? "", c.Actor, c.Evidence ?? "",
        "", "", "", "", "", "", "", "",
    ];

    private static string[] Record(FigureRevision r) =>
    [
        FigureRevision, CsvFile.Utc(r.At), "", "", "", "", "", "", "", "",
        r.ShortfallEth.ToString(), r.DeliveredEth.ToString(), r.OutstandingCommittedEth.ToString(), r.OutstandingProposedEth.ToString(),
        r.PledgedEth.ToString(), r.UncoveredNowEth.ToString(), r.UncoveredIfAllArriveEth.ToString(), r.Blocks,
    ];
}
