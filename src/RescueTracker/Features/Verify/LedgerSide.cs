using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Features.Status;

namespace RescueTracker.Features.Verify;

/// <summary>A stored transfer, with the flag that decides whether the figures count it.</summary>
public sealed record LedgerTransfer(long Id, Inflow Inflow, bool Confirmed);

/// <summary>
/// What the ledger holds for one chain, read in one snapshot from a read-only connection: the verb cannot
/// write, whatever goes wrong. <see cref="PinnedBlock"/> is the number <c>/api/summary</c> shows under
/// <c>blocks</c> (<see cref="ChainProgress.LastConfirmedBlock"/> at the configured depth).
/// </summary>
public sealed record LedgerSide(
    string ChainName,
    ChainScanState Scan,
    long? PinnedBlock,
    ChainWatch Watch,
    IReadOnlyDictionary<int, Asset> Assets,
    IReadOnlyList<RecoveryAddress> RecoveryAddresses,
    IReadOnlyList<LedgerTransfer> Transfers,
    IReadOnlyList<string> Malformed)
{
    /// <returns>Null when the ledger does not know the chain.</returns>
    public static async Task<LedgerSide?> ReadAsync(string connectionString, long chainId, int confirmations, CancellationToken ct)
    {
        var readOnly = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString();
        await using var db = new RescueDbContext(new DbContextOptionsBuilder<RescueDbContext>().UseRescueSqlite(readOnly).Options);
        await using var tx = await db.Database.BeginReadTransactionAsync(ct);
        var chain = await db.Chains.AsNoTracking().FirstOrDefaultAsync(c => c.ChainId == chainId, ct);
        if (chain is null) return null;
        var scan = await db.ChainScanStates.AsNoTracking().FirstOrDefaultAsync(s => s.ChainId == chainId, ct)
                   ?? new ChainScanState { ChainId = chainId };
        var watch = await ChainWatch.LoadAsync(db, chainId, ct);
        var assets = await db.Assets.AsNoTracking().Where(a => a.ChainId == chainId).ToDictionaryAsync(a => a.Id, ct);
        var addresses = await db.RecoveryAddresses.AsNoTracking().Where(a => a.ChainId == chainId).OrderBy(a => a.Id).ToListAsync(ct);
        var rows = await db.Transfers.AsNoTracking().Where(t => t.ChainId == chainId).OrderBy(t => t.Id).ToListAsync(ct);

        var transfers = new List<LedgerTransfer>();
        var malformed = new List<string>();
        foreach (var row in rows)
        {
            if (ToInflow(row) is { } inflow) transfers.Add(new LedgerTransfer(row.Id, inflow, row.Confirmed));
            else malformed.Add($"transfer row {row.Id} ({row.TxHash} {row.Kind.ToText()} {row.Position}) has a malformed hash or address");
        }
        var pinned = ChainProgress.LastConfirmedBlock(scan.StartBlock, scan.LastScannedBlock, scan.HeadBlock, confirmations);
        return new LedgerSide(chain.Name, scan, pinned, watch, assets, addresses, transfers, malformed);
    }

    private static Inflow? ToInflow(Transfer t) =>
        TxHash.TryParse(t.TxHash, out var hash) && Hash32.TryParse(t.BlockHash, out var block)
        && EthAddress.TryParse(t.From, out var from) && EthAddress.TryParse(t.To, out var to)
            ? new Inflow(hash, t.Kind, t.Position, t.BlockNumber, block, from, to, t.AssetId, t.Amount)
            : null;
}
