using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RescueTracker.Chain;
using RescueTracker.Components.Charts;
using RescueTracker.Data;
using RescueTracker.Features.Chains;
using RescueTracker.Features.History;

namespace RescueTracker.Features.Sharing;

/// <summary>
/// The feed's events, newest first and at most <see cref="Limit"/>: each pledge's first recorded status (a new pledge),
/// every later status change (a change to delivered reads as a delivery), every confirmed transfer attributed to a
/// pledge (a delivery: partial payments move no status, so each transfer is its own entry), and every figure revision
/// whose shortfall differs from the one before. A singleton over the context factory.
/// </summary>
public sealed class FeedQuery(IDbContextFactory<RescueDbContext> dbFactory, IOptions<ChainsOptions> chains)
{
    public const int Limit = 100;

    private const int RevisionRank = 2, StatusRank = 1, TransferRank = 0;

    /// <summary>The feed of the whole ledger, or of one pledge (no shortfall revisions then).</summary>
    public async Task<IReadOnlyList<FeedEntry>> ListAsync(int? pledgeId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginReadTransactionAsync(ct);
        var pledges = await db.Pledges.AsNoTracking()
            .Where(p => pledgeId == null || p.Id == pledgeId)
            .Select(p => new Pledged(p.Id, p.Pledger!.Name, p.Amount, p.Asset == null ? null : p.Asset.Symbol,
                p.Asset == null ? 0 : p.Asset.Decimals, p.Asset == null ? null : p.Asset.ChainId))
            .ToDictionaryAsync(p => p.Id, ct);

        var entries = new List<FeedEntry>();
        // A few rows per pledge; SQLite cannot order by a DateTimeOffset, so they are ordered here.
        var changes = await db.PledgeStatusChanges.AsNoTracking().Where(c => pledgeId == null || c.PledgeId == pledgeId).ToListAsync(ct);
        entries.AddRange(changes.Where(c => pledges.ContainsKey(c.PledgeId)).Select(c => StatusEntry(c, pledges[c.PledgeId])));

        // Ids grow as transfers are stored, so the newest ids hold the newest transfers.
        var transfers = await db.Transfers.AsNoTracking().Include(t => t.Asset)
            .Where(t => t.Confirmed && t.PledgeId != null && (pledgeId == null || t.PledgeId == pledgeId))
            .OrderByDescending(t => t.Id).Take(Limit).ToListAsync(ct);
        entries.AddRange(transfers.Where(t => pledges.ContainsKey(t.PledgeId!.Value)).Select(t => TransferEntry(t, pledges[t.PledgeId!.Value])));

        if (pledgeId is null) entries.AddRange(await ShortfallRevisionsAsync(db, ct));
        return FeedEntry.Newest(entries).Take(Limit).ToList();
    }

    private static async Task<List<FeedEntry>> ShortfallRevisionsAsync(RescueDbContext db, CancellationToken ct)
    {
        var entries = new List<FeedEntry>();
        ExactDecimal? previous = null;
        await foreach (var r in FigureHistoryQuery.Oldest(db).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (previous == r.ShortfallEth) continue;
            var summary = previous is { } before
                ? $"The shortfall was revised from {Exact(before, "ETH")} to {Exact(r.ShortfallEth, "ETH")}."
                : $"The shortfall was first recorded at {Exact(r.ShortfallEth, "ETH")}.";
            entries.Add(new FeedEntry($"urn:rescuetracker:figure-revision:{r.Id}", $"Shortfall {Exact(r.ShortfallEth, "ETH")}", r.At, "/",
                $"{summary} Delivered {Exact(r.DeliveredEth, "ETH")}; uncovered now {Exact(r.UncoveredNowEth, "ETH")}; " +
                $"uncovered if every pledge arrives {Exact(r.UncoveredIfAllArriveEth, "ETH")}.", [])
            { Rank = RevisionRank, Sequence = r.Id });
            previous = r.ShortfallEth;
        }
        return entries;
    }

    private FeedEntry StatusEntry(PledgeStatusChange c, Pledged p)
    {
        var links = new List<FeedLink>();
        if (Display.SafeUrl(c.Source) is { } source) links.Add(new FeedLink(source, $"Source: {Display.Host(source)}"));
        var evidence = (c.Evidence ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var hash in evidence)
            if (p.ChainId is { } chain && Display.SafeUrl(chains.Value.TransactionUrl(chain, hash)) is { } url) links.Add(new FeedLink(url, $"Transaction {hash}"));
        var amount = p.Amount is { } a && p.Asset is { } asset ? Exact(ExactDecimal.FromBaseUnits(a, p.Decimals), asset) : "no amount named";
        var why = $"{c.Reason} Recorded by {c.Actor}.";
        if (evidence.Length > 0) why += $" Evidence: {string.Join(", ", evidence)}.";
        var (id, title, summary) = c.From switch
        {
            null when p.Amount is null => ($"urn:rescuetracker:pledge:{p.Id}", $"New supporter: {p.Pledger}, no amount named ({c.To.ToText()})",
                $"{p.Pledger} offered support without naming an amount, recorded as {c.To.ToText()}. {why}"),
            null => ($"urn:rescuetracker:pledge:{p.Id}", $"New pledge: {p.Pledger}, {amount} ({c.To.ToText()})",
                $"{p.Pledger} pledged {amount}, recorded as {c.To.ToText()}. {why}"),
            { } from when c.To == PledgeStatus.Delivered => ($"urn:rescuetracker:status-change:{c.Id}", $"Delivered: {p.Pledger}, {amount}",
                $"{p.Pledger}'s pledge of {amount} is now delivered (was {from.ToText()}). {why}"),
            { } from => ($"urn:rescuetracker:status-change:{c.Id}", $"{p.Pledger}: {from.ToText()} to {c.To.ToText()}",
                $"{p.Pledger}'s pledge of {amount} changed from {from.ToText()} to {c.To.ToText()}. {why}"),
        };
        return new FeedEntry(id, title, c.At, $"/pledges/{p.Id}", summary, links) { Rank = StatusRank, Sequence = c.Id };
    }

    private FeedEntry TransferEntry(Transfer t, Pledged p)
    {
        var amount = Exact(ExactDecimal.FromBaseUnits(t.Amount, t.Asset!.Decimals), t.Asset.Symbol);
        var links = Display.SafeUrl(chains.Value.TransactionUrl(t.ChainId, t.TxHash)) is { } url ? new[] { new FeedLink(url, $"Transaction {t.TxHash}") } : [];
        // The transfer's natural key: unique in the ledger, the same if a reorg drops it and it is stored again.
        return new FeedEntry($"urn:rescuetracker:transfer:{t.ChainId}:{t.TxHash}:{t.Kind.ToText()}:{t.Position}",
            $"Received: {amount} from {p.Pledger}", t.SeenAt, $"/pledges/{p.Id}",
            $"{amount} arrived from {t.From} toward {p.Pledger}'s pledge: transaction {t.TxHash} on chain {t.ChainId}, block {t.BlockNumber}, confirmed.",
            links) { Rank = TransferRank, Sequence = t.Id };
    }

    private static string Exact(ExactDecimal value, string asset) => Display.Exact(value, asset);

    private sealed record Pledged(int Id, string Pledger, System.Numerics.BigInteger? Amount, string? Asset, int Decimals, long? ChainId);
}
