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
/// whose shortfall differs from the one before. The webhooks read the same events, unbounded, through
/// <see cref="EveryAsync"/>. A singleton over the context factory.
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
        return FeedEntry.Newest(await EntriesAsync(db, pledgeId, Limit, _ => true, ct)).Take(Limit).ToList();
    }

    /// <summary>
    /// Every event of the whole ledger whose id <paramref name="wanted"/> accepts, unbounded and unordered, read through
    /// the caller's context (and so inside its transaction): the webhooks ask for the ids they have not recorded yet, and
    /// the entries they already know cost no more than their id.
    /// </summary>
    public Task<List<FeedEntry>> EveryAsync(RescueDbContext db, Func<string, bool> wanted, CancellationToken ct) => EntriesAsync(db, null, null, wanted, ct);

    private async Task<List<FeedEntry>> EntriesAsync(RescueDbContext db, int? pledgeId, int? transferLimit, Func<string, bool> wanted, CancellationToken ct)
    {
        var pledges = await db.Pledges.AsNoTracking()
            .Where(p => pledgeId == null || p.Id == pledgeId)
            .Select(p => new Pledged(p.Id, p.Pledger!.Name, p.Amount, p.Asset == null ? null : p.Asset.Symbol,
                p.Asset == null ? 0 : p.Asset.Decimals, p.Asset == null ? null : p.Asset.ChainId))
            .ToDictionaryAsync(p => p.Id, ct);

        var entries = new List<FeedEntry>();
        // A few rows per pledge; SQLite cannot order by a DateTimeOffset, so they are ordered by the caller.
        var changes = await db.PledgeStatusChanges.AsNoTracking().Where(c => pledgeId == null || c.PledgeId == pledgeId).ToListAsync(ct);
        entries.AddRange(changes.Where(c => pledges.ContainsKey(c.PledgeId) && wanted(StatusId(c))).Select(c => StatusEntry(c, pledges[c.PledgeId])));

        // Ids grow as transfers are stored, so the newest ids hold the newest transfers.
        var transfers = db.Transfers.AsNoTracking().Include(t => t.Asset)
            .Where(t => t.Confirmed && t.PledgeId != null && (pledgeId == null || t.PledgeId == pledgeId))
            .OrderByDescending(t => t.Id);
        var read = await (transferLimit is { } limit ? transfers.Take(limit) : transfers).ToListAsync(ct);
        entries.AddRange(read.Where(t => pledges.ContainsKey(t.PledgeId!.Value) && wanted(TransferId(t))).Select(t => TransferEntry(t, pledges[t.PledgeId!.Value])));

        if (pledgeId is null) entries.AddRange(await ShortfallRevisionsAsync(db, wanted, ct));
        return entries;
    }

    private static async Task<List<FeedEntry>> ShortfallRevisionsAsync(RescueDbContext db, Func<string, bool> wanted, CancellationToken ct)
    {
        var entries = new List<FeedEntry>();
        ExactDecimal? previous = null;
        await foreach (var r in FigureHistoryQuery.Oldest(db).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (previous == r.ShortfallEth) continue;
            var id = RevisionId(r.Id);
            if (!wanted(id))
            {
                previous = r.ShortfallEth;
                continue;
            }
            var summary = previous is { } before
                ? $"The shortfall was revised from {Exact(before, "ETH")} to {Exact(r.ShortfallEth, "ETH")}."
                : $"The shortfall was first recorded at {Exact(r.ShortfallEth, "ETH")}.";
            entries.Add(new FeedEntry(id, $"Shortfall {Exact(r.ShortfallEth, "ETH")}", r.At, "/",
                $"{summary} Delivered {Exact(r.DeliveredEth, "ETH")}; uncovered now {Exact(r.UncoveredNowEth, "ETH")}; " +
                $"uncovered if every pledge arrives {Exact(r.UncoveredIfAllArriveEth, "ETH")}.", [])
            { Type = FeedEntry.ShortfallRevised, Rank = RevisionRank, Sequence = r.Id });
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
        var id = StatusId(c);
        var (type, title, summary) = c.From switch
        {
            null when p.Amount is null => (FeedEntry.PledgeCreated, $"New supporter: {p.Pledger}, no amount named ({c.To.ToText()})",
                $"{p.Pledger} offered support without naming an amount, recorded as {c.To.ToText()}. {why}"),
            null => (FeedEntry.PledgeCreated, $"New pledge: {p.Pledger}, {amount} ({c.To.ToText()})",
                $"{p.Pledger} pledged {amount}, recorded as {c.To.ToText()}. {why}"),
            { } from when c.To == PledgeStatus.Delivered => (FeedEntry.PledgeDelivered, $"Delivered: {p.Pledger}, {amount}",
                $"{p.Pledger}'s pledge of {amount} is now delivered (was {from.ToText()}). {why}"),
            { } from => (FeedEntry.StatusChanged, $"{p.Pledger}: {from.ToText()} to {c.To.ToText()}",
                $"{p.Pledger}'s pledge of {amount} changed from {from.ToText()} to {c.To.ToText()}. {why}"),
        };
        return new FeedEntry(id, title, c.At, $"/pledges/{p.Id}", summary, links)
            { Type = type, PledgeId = p.Id, Rank = StatusRank, Sequence = c.Id };
    }

    private FeedEntry TransferEntry(Transfer t, Pledged p)
    {
        var amount = Exact(ExactDecimal.FromBaseUnits(t.Amount, t.Asset!.Decimals), t.Asset.Symbol);
        var links = Display.SafeUrl(chains.Value.TransactionUrl(t.ChainId, t.TxHash)) is { } url ? new[] { new FeedLink(url, $"Transaction {t.TxHash}") } : [];
        return new FeedEntry(TransferId(t),
            $"Received: {amount} from {p.Pledger}", t.SeenAt, $"/pledges/{p.Id}",
            $"{amount} arrived from {t.From} toward {p.Pledger}'s pledge: transaction {t.TxHash} on chain {t.ChainId}, block {t.BlockNumber}, confirmed.",
            links) { Type = FeedEntry.TransferReceived, PledgeId = p.Id, Rank = TransferRank, Sequence = t.Id };
    }

    /// <summary>A pledge's first status is its creation; every later one is a change of its own.</summary>
    private static string StatusId(PledgeStatusChange c) =>
        c.From is null ? $"urn:rescuetracker:pledge:{c.PledgeId}" : $"urn:rescuetracker:status-change:{c.Id}";

    /// <summary>The transfer's natural key: unique in the ledger, the same if a reorg drops it and it is stored again.</summary>
    private static string TransferId(Transfer t) => $"urn:rescuetracker:transfer:{t.ChainId}:{t.TxHash}:{t.Kind.ToText()}:{t.Position}";

    private static string RevisionId(long id) => $"urn:rescuetracker:figure-revision:{id}";

    private static string Exact(ExactDecimal value, string asset) => Display.Exact(value, asset);

    private sealed record Pledged(int Id, string Pledger, System.Numerics.BigInteger? Amount, string? Asset, int Decimals, long? ChainId);
}
