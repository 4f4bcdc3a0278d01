using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using RescueTracker.Data;
using Microsoft.Extensions.Options;
using RescueTracker.Features.Chains;
using RescueTracker.Features.Figures;
using RescueTracker.Features.History;
using RescueTracker.Features.Seed;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>
/// A migrated temp database holding a seed, with the real loader and figures service wired to it,
/// for tests that write ledger rows directly and then read the figures back.
/// </summary>
public sealed class SeededDatabase : IDisposable
{
    private SeededDatabase(TestDatabase file)
    {
        File = file;
        Figures = new FiguresService(file.Factory, NullLogger<FiguresService>.Instance, [],
            new FigureHistory(file.Factory, TimeProvider.System, NullLogger<FigureHistory>.Instance), Options.Create(new ChainsOptions()),
            TestMetrics.New());
    }

    public TestDatabase File { get; }
    public FiguresService Figures { get; }

    public static Task<SeededDatabase> CreateAsync() => CreateAsync(RepoFiles.ShippedSeed);

    public static async Task<SeededDatabase> CreateAsync(string seedFile)
    {
        var file = TestDatabase.Create();
        await file.MigrateAsync();
        var loader = new SeedLoader(file.Factory, new FixedClock(FixedClock.SeedTime), NullLogger<SeedLoader>.Instance);
        Assert.True(await loader.SeedIfEmptyAsync(seedFile, CancellationToken.None));
        var db = new SeededDatabase(file);
        await db.Figures.RefreshAsync();
        return db;
    }

    public RescueDbContext CreateContext() => File.CreateContext();

    public async Task<Pledge> PledgeAsync(string pledger)
    {
        await using var db = CreateContext();
        return await db.Pledges.Include(p => p.Asset).SingleAsync(p => p.Pledger!.Name == pledger);
    }

    public async Task<Asset> AssetAsync(string symbol)
    {
        await using var db = CreateContext();
        return await db.Assets.SingleAsync(a => a.Symbol == symbol);
    }

    /// <summary>Writes one transfer straight into the ledger, as the reconciler later will.</summary>
    public async Task AddTransferAsync(int? pledgeId, int assetId, System.Numerics.BigInteger amount, bool confirmed = true)
    {
        await using var db = CreateContext();
        var n = await db.Transfers.CountAsync() + 1;
        db.Transfers.Add(new Transfer
        {
            ChainId = 1, TxHash = "0x" + n.ToString("x64"), Kind = TransferKind.Native, Position = "", BlockNumber = 22_000_000 + n,
            BlockHash = "0x" + (n + 1000).ToString("x64"), From = "0x1111111111111111111111111111111111111111",
            To = "0x2222222222222222222222222222222222222222", AssetId = assetId, Amount = amount, Confirmed = confirmed,
            PledgeId = pledgeId, SeenAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    public void Dispose() => File.Dispose();
}
