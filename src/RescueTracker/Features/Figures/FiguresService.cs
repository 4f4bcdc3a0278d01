using System.Globalization;
using System.Numerics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.Figures;

/// <summary>
/// Keeps the current figures in memory. Every write path calls <see cref="RefreshAsync"/> after its
/// transaction commits and before it returns, so readers never see figures older than a finished write,
/// while a page view costs no query at all. Observers (the public output cache) hear of every refresh.
/// </summary>
public sealed class FiguresService(
    IDbContextFactory<RescueDbContext> dbFactory, ILogger<FiguresService> logger, IEnumerable<IFiguresObserver> observers)
{
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private volatile RescueFigures _current = RescueFigures.Empty;

    public RescueFigures Current => _current;

    public async Task<RescueFigures> RefreshAsync(CancellationToken cancellationToken = default)
    {
        // Serialised: a refresh that starts after a commit reads that commit, and no slower, older
        // refresh can overwrite a newer result.
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var ledger = await LoadAsync(db, cancellationToken);
            _current = FigureCalculator.Compute(ledger);
            logger.LogDebug("Figures recomputed as of {AsOf}", _current.AsOf);
            return _current;
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
            }
        }
    }

    private static async Task<LedgerSnapshot> LoadAsync(RescueDbContext db, CancellationToken ct)
    {
        // One read transaction, so the figures describe a single consistent state of the ledger.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var rescue = await db.Rescues.AsNoTracking().OrderBy(r => r.Id).FirstOrDefaultAsync(ct);
        var assets = await db.Assets.AsNoTracking().ToListAsync(ct);
        var shortfall = await db.ShortfallItems.AsNoTracking().ToListAsync(ct);
        var pledges = await db.Pledges.AsNoTracking().Include(p => p.Pledger).Include(p => p.Asset).ToListAsync(ct);
        var transfers = await ConfirmedSumsAsync(db, ct);
        var offchain = await db.OffchainDeliveries.AsNoTracking().ToListAsync(ct);
        await tx.CommitAsync(ct);
        return new LedgerSnapshot(rescue, assets, shortfall, pledges, transfers, offchain);
    }

    /// <summary>
    /// Confirmed transfers summed per (pledge, asset), as one row each: the figures only ever add
    /// them up, and after a long catch-up this is the one table with many rows, so it is read with a
    /// plain data reader (three columns) and summed exactly in C# while reading.
    /// </summary>
    private static async Task<List<Transfer>> ConfirmedSumsAsync(RescueDbContext db, CancellationToken ct)
    {
        var sums = new Dictionary<(int? PledgeId, int AssetId), BigInteger>();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = """SELECT "PledgeId", "AssetId", "Amount" FROM "Transfers" WHERE "Confirmed" """;
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var key = (reader.IsDBNull(0) ? (int?)null : reader.GetInt32(0), reader.GetInt32(1));
                var amount = BigInteger.Parse(reader.GetString(2), NumberStyles.None, CultureInfo.InvariantCulture);
                sums[key] = sums.TryGetValue(key, out var sum) ? sum + amount : amount;
            }
        }
        return sums.Select(s => new Transfer
        {
            PledgeId = s.Key.PledgeId, AssetId = s.Key.AssetId, Amount = s.Value, Confirmed = true,
            TxHash = "", Position = "", BlockHash = "", From = "", To = "",
        }).ToList();
    }
}
