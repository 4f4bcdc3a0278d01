using System.Globalization;
using System.Numerics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RescueTracker.Data;
using RescueTracker.Features.Chains;
using RescueTracker.Features.History;
using RescueTracker.Features.Status;
using RescueTracker.Hosting;
using SQLitePCL;

namespace RescueTracker.Features.Figures;

/// <summary>
/// Keeps the current figures in memory. Every write path calls <see cref="RefreshAsync"/> after its
/// transaction commits and before it returns, so readers never see figures older than a finished write,
/// while a page view costs no query at all. Observers (the public output cache) hear of every refresh
/// inside the lock; <see cref="Refreshed"/> tells live views (the admin figures panel) after it.
/// Each refresh that finds the headline figures changed is recorded by <see cref="FigureHistory"/>, in the lock,
/// so revisions are written in the order of the writes.
/// </summary>
public sealed class FiguresService(
    IDbContextFactory<RescueDbContext> dbFactory, ILogger<FiguresService> logger, IEnumerable<IFiguresObserver> observers,
    FigureHistory history, IOptions<ChainsOptions> chains, RescueMetrics metrics)
{
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private volatile RescueFigures _current = RescueFigures.Empty;
    private volatile string? _stamp;

    public RescueFigures Current => _current;

    /// <summary>The <see cref="DataVersion"/> stamp the current figures were read with; null before the first refresh.</summary>
    public string? Stamp => _stamp;

    /// <summary>
    /// Raised after every refresh, outside the refresh lock, so a slow subscriber never holds up a write.
    /// Handlers only schedule their own work (a circuit's InvokeAsync); one that throws is logged and skipped.
    /// </summary>
    public event Action? Refreshed;

    public async Task<RescueFigures> RefreshAsync(CancellationToken cancellationToken = default) =>
        (await RefreshAsync(onlyIfNotAt: false, notAt: null, cancellationToken))!;

    /// <summary>
    /// Refreshes unless the figures were already read at <paramref name="stamp"/>, checked once the refresh's turn has
    /// come: the version poll's refresh, which is not needed when the write that gave the new stamp was made here and
    /// its own refresh ran first.
    /// </summary>
    /// <returns>False when the figures already held that stamp.</returns>
    public async Task<bool> RefreshUnlessReadAtAsync(string? stamp, CancellationToken cancellationToken) =>
        await RefreshAsync(onlyIfNotAt: true, notAt: stamp, cancellationToken) is not null;

    private async Task<RescueFigures?> RefreshAsync(bool onlyIfNotAt, string? notAt, CancellationToken cancellationToken)
    {
        // Serialised: a refresh that starts after a commit reads that commit, and no slower, older
        // refresh can overwrite a newer result.
        await _refreshLock.WaitAsync(cancellationToken);
        if (onlyIfNotAt && notAt == _stamp)
        {
            _refreshLock.Release();
            return null;
        }
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var (ledger, scans, stamp) = await LoadAsync(db, cancellationToken);
            var figures = FigureCalculator.Compute(ledger) with { Blocks = ChainProgress.LastConfirmedBlocks(scans, chains.Value) };
            _current = figures;
            _stamp = stamp;
            metrics.FiguresRefreshed(System.Diagnostics.Stopwatch.GetElapsedTime(started));
            logger.LogDebug("Figures recomputed as of {AsOf}", figures.AsOf);
            // Before seeding there is no rescue, and nothing to record.
            if (ledger.Rescue is not null) await history.RecordAsync(figures, cancellationToken);
            return figures;
        }
        finally
        {
            try
            {
                // Even a failed or cancelled refresh follows a committed write: what was built before it is out of date.
                foreach (var observer in observers) await observer.FiguresRefreshedAsync();
            }
            finally
            {
                _refreshLock.Release();
                NotifyRefreshed();
            }
        }
    }

    private void NotifyRefreshed()
    {
        foreach (var handler in Refreshed?.GetInvocationList().Cast<Action>() ?? [])
        {
            try
            {
                handler();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "A figures subscriber failed");
            }
        }
    }

    /// <summary>
    /// The refresh a write makes after its commit. Not cancellable: a change that committed must reach the figures
    /// even when its caller gave up (an admin's circuit ended, a request was aborted) right after the commit.
    /// </summary>
    public Task<RescueFigures> RefreshAfterCommitAsync() => RefreshAsync(CancellationToken.None);

    private static async Task<(LedgerSnapshot Ledger, List<ChainScanState> Scans, string? Stamp)> LoadAsync(RescueDbContext db, CancellationToken ct)
    {
        // One read transaction (deferred: it never holds a writer up), so the figures describe a single consistent state.
        await using var tx = await db.Database.BeginReadTransactionAsync(ct);
        var rescue = await db.Rescues.AsNoTracking().OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
        var assets = await db.Assets.AsNoTracking().ToListAsync(ct);
        var shortfall = await db.ShortfallItems.AsNoTracking().ToListAsync(ct);
        var pledges = await db.Pledges.AsNoTracking().Include(p => p.Pledger).Include(p => p.Asset).ToListAsync(ct);
        var transfers = await ConfirmedSumsAsync(db, ct);
        var offchain = await db.OffchainDeliveries.AsNoTracking().ToListAsync(ct);
        // In the same read, so the blocks are those the transfers above were confirmed up to.
        var scans = await db.ChainScanStates.AsNoTracking().ToListAsync(ct);
        // And the version these rows are: another instance's later write gives it a new stamp (DataVersionPoll).
        var stamp = await db.DataVersions.AsNoTracking().Where(v => v.Id == DataVersion.SingleId).Select(v => v.Stamp).FirstOrDefaultAsync(ct);
        await tx.CommitAsync(ct);
        return (new LedgerSnapshot(rescue, assets, shortfall, pledges, transfers, offchain), scans, stamp);
    }

    /// <summary>
    /// Confirmed transfers summed per (pledge, asset), as one row each: the figures only ever add
    /// them up, and after a long catch-up this is the one table with many rows, refreshed after every
    /// range. So it is read through SQLite's own statement (three columns, the amount's UTF-8 text
    /// never made a string) and summed exactly while reading: amounts below 10^19 in a 128-bit sum,
    /// longer ones as BigInteger.
    /// </summary>
    private static async Task<List<Transfer>> ConfirmedSumsAsync(RescueDbContext db, CancellationToken ct)
    {
        if (db.OnPostgreSql) return await ConfirmedSumsOnPostgreSqlAsync(db, ct);
        var handle = ((SqliteConnection)db.Database.GetDbConnection()).Handle!;
        var sums = new Dictionary<(int? PledgeId, int AssetId), (UInt128 Small, BigInteger Large)>();
        if (raw.sqlite3_prepare_v2(handle, """SELECT "PledgeId", "AssetId", "Amount" FROM "Transfers" WHERE "Confirmed" """, out var statement) != raw.SQLITE_OK)
            throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), raw.sqlite3_errcode(handle));
        using (statement)
        {
            int result;
            while ((result = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                ct.ThrowIfCancellationRequested();
                var key = (raw.sqlite3_column_type(statement, 0) == raw.SQLITE_NULL ? (int?)null : raw.sqlite3_column_int(statement, 0),
                    raw.sqlite3_column_int(statement, 1));
                // For a TEXT value this is its UTF-8 bytes as stored.
                var amount = raw.sqlite3_column_blob(statement, 2);
                var (small, large) = sums.GetValueOrDefault(key);
                if (amount.Length <= 19 && ulong.TryParse(amount, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) small += value;
                else large += BigInteger.Parse(Encoding.UTF8.GetString(amount), NumberStyles.None, CultureInfo.InvariantCulture);
                sums[key] = (small, large);
            }
            if (result != raw.SQLITE_DONE) throw new SqliteException(raw.sqlite3_errmsg(handle).utf8_to_string(), result);
        }
        return sums.Select(s => SumRow(s.Key.PledgeId, s.Key.AssetId, (BigInteger)s.Value.Small + s.Value.Large)).ToList();
    }

    /// <summary>On PostgreSQL the amounts are NUMERIC, whose SUM is exact at any length: the server adds them up.</summary>
    private static async Task<List<Transfer>> ConfirmedSumsOnPostgreSqlAsync(RescueDbContext db, CancellationToken ct) =>
        (await db.Database.SqlQueryRaw<ConfirmedSum>(
                """SELECT "PledgeId", "AssetId", SUM("Amount") AS "Amount" FROM "Transfers" WHERE "Confirmed" GROUP BY "PledgeId", "AssetId" """)
            .ToListAsync(ct))
        .Select(s => SumRow(s.PledgeId, s.AssetId, s.Amount))
        .ToList();

    private static Transfer SumRow(int? pledgeId, int assetId, BigInteger amount) => new()
    {
        PledgeId = pledgeId, AssetId = assetId, Amount = amount, Confirmed = true,
        TxHash = "", Position = "", BlockHash = "", From = "", To = "",
    };

    private sealed record ConfirmedSum(int? PledgeId, int AssetId, BigInteger Amount);
}
