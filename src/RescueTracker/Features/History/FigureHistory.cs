using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Figures;

namespace RescueTracker.Features.History;

/// <summary>
/// Records a revision of the headline figures whenever a refresh finds them different from the newest one
/// recorded. It compares with the database, not with the last refresh: a revision whose insert failed is
/// written by the next refresh instead, and a restart does not record the same figures again.
/// </summary>
public sealed class FigureHistory(IDbContextFactory<RescueDbContext> dbFactory, TimeProvider time, ILogger<FigureHistory> logger)
{
    public async Task RecordAsync(RescueFigures figures, CancellationToken ct)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var newest = await db.FigureRevisions.AsNoTracking().OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
            var revision = Revision(figures, time.GetUtcNow());
            if (newest is not null && Headline(newest) == Headline(revision)) return;
            db.FigureRevisions.Add(revision);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Figures revised: shortfall {ShortfallEth}, delivered {DeliveredEth}, uncovered now {UncoveredNowEth} ETH",
                revision.ShortfallEth, revision.DeliveredEth, revision.UncoveredNowEth);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // The figures themselves are fine: the history is only late, and the next refresh compares again.
            logger.LogError(e, "Could not record a revision of the figures; the next refresh records it");
        }
    }

    public static IReadOnlyDictionary<long, long> ParseBlocks(string json) =>
        JsonSerializer.Deserialize<SortedDictionary<long, long>>(json) ?? [];

    private static FigureRevision Revision(RescueFigures f, DateTimeOffset at) => new()
    {
        At = at,
        ShortfallEth = f.ShortfallEth,
        DeliveredEth = f.DeliveredEth,
        OutstandingCommittedEth = f.OutstandingCommittedEth,
        OutstandingProposedEth = f.OutstandingProposedEth,
        PledgedEth = f.PledgedEth,
        UncoveredNowEth = f.UncoveredNowEth,
        UncoveredIfAllArriveEth = f.UncoveredIfAllArriveEth,
        Blocks = JsonSerializer.Serialize(f.Blocks),
    };

    /// <summary>What makes a revision: the seven figures. Blocks and asOf move without the figures changing.</summary>
    private static (ExactDecimal, ExactDecimal, ExactDecimal, ExactDecimal, ExactDecimal, ExactDecimal, ExactDecimal) Headline(FigureRevision r) =>
        (r.ShortfallEth, r.DeliveredEth, r.OutstandingCommittedEth, r.OutstandingProposedEth, r.PledgedEth, r.UncoveredNowEth, r.UncoveredIfAllArriveEth);
}
