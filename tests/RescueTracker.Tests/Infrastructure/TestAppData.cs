using System.Numerics;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>Reads and writes a test makes on a <see cref="TestApp"/>'s database, through the app's own context factory.</summary>
public static class TestAppData
{
    public static async Task<List<Transfer>> TransfersAsync(this TestApp app, long? chainId = null)
    {
        await using var db = app.Db();
        return await db.Transfers.AsNoTracking().Where(t => chainId == null || t.ChainId == chainId)
            .OrderBy(t => t.BlockNumber).ThenBy(t => t.Id).ToListAsync();
    }

    public static async Task<ChainScanState> StateAsync(this TestApp app, long chainId)
    {
        await using var db = app.Db();
        return await db.ChainScanStates.AsNoTracking().SingleAsync(s => s.ChainId == chainId);
    }

    /// <summary>The pledge with its history in order.</summary>
    public static async Task<Pledge> PledgeAsync(this TestApp app, string pledger)
    {
        await using var db = app.Db();
        var pledge = await db.Pledges.AsNoTracking().Include(p => p.History).SingleAsync(p => p.Pledger!.Name == pledger);
        pledge.History = [.. pledge.History.OrderBy(h => h.Id)];
        return pledge;
    }

    public static async Task<int> PledgeIdAsync(this TestApp app, string pledger)
    {
        await using var db = app.Db();
        return await db.Pledges.Where(p => p.Pledger!.Name == pledger).Select(p => p.Id).SingleAsync();
    }

    /// <summary>An inflow as the reconciler would store it; the hash is unique per call.</summary>
    public static async Task<long> AddTransferAsync(
        this TestApp app, string assetSymbol, BigInteger amount, int? pledgeId = null, string from = "0x1111111111111111111111111111111111111111")
    {
        await using var db = app.Db();
        var asset = await db.Assets.SingleAsync(a => a.Symbol == assetSymbol);
        var n = Guid.NewGuid().ToString("N");
        var transfer = new Transfer
        {
            ChainId = asset.ChainId, TxHash = "0x" + n + n, Kind = TransferKind.Native, Position = "", BlockNumber = 22_000_000,
            BlockHash = "0x" + n + n, From = from, To = "0x2222222222222222222222222222222222222222", AssetId = asset.Id,
            Amount = amount, Confirmed = true, PledgeId = pledgeId, SeenAt = FixedClock.SeedTime,
        };
        db.Transfers.Add(transfer);
        await db.SaveChangesAsync();
        return transfer.Id;
    }

    /// <summary>Replaces the scan state of one chain.</summary>
    public static Task SetScanStateAsync(this TestApp app, ChainScanState state) => app.WriteAsync(async db =>
    {
        await db.ChainScanStates.Where(s => s.ChainId == state.ChainId).ExecuteDeleteAsync();
        db.ChainScanStates.Add(state);
    });

    public static Task ClearScanStatesAsync(this TestApp app) => app.WriteAsync(db => db.ChainScanStates.ExecuteDeleteAsync());
}
