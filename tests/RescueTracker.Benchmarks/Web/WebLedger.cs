using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Figures;
using RescueTracker.Features.History;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Features.Seed;
using RescueTracker.Hosting;

namespace RescueTracker.Benchmarks.Web;

/// <summary>
/// The crisis-size ledger for the web benchmark: a seed file with <c>pledges</c> pledges (every 50th a
/// supporter without an amount, every 10th in stETH), loaded by the app's own initializer into a new
/// SQLite file, then <c>transfers</c> transfers from the pledges' senders (every 50th from an unknown
/// sender) stored through the reconciler's own <see cref="TransferLedger.CommitRangeAsync"/>, so
/// attribution, confirmation and delivered statuses are what the app would have written.
/// </summary>
public static class WebLedger
{
    private const string Recovery = "0x2222222222222222222222222222222222222222";
    private const int TransfersPerBlock = 100;
    private const int BlocksPerRange = 100;

    public static async Task RunAsync(string folder, int pledges, int transfers)
    {
        Directory.CreateDirectory(folder);
        var seedFile = Path.Combine(folder, "seed.json");
        var database = Path.Combine(folder, "ledger.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(database + suffix);
        await File.WriteAllTextAsync(seedFile, Seed(pledges));

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DatabaseServiceCollectionExtensions.ConnectionName}"] = $"Data Source={database}",
            [$"{SeedOptions.Section}:Path"] = seedFile,
        });
        var services = builder.Services;
        services.AddRescueDatabase(builder.Configuration, builder.Environment);
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
        services.AddSingleton<SeedLoader>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<FiguresService>();
        services.AddFigureHistory();
        services.AddSingleton<RescueMetrics>();
        services.AddSingleton<StartupReadiness>();
        services.AddAdminIdentity();
        using var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseInitializer>().StartedAsync(CancellationToken.None);

        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<RescueDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            var eth = await db.Assets.SingleAsync(a => a.Symbol == "ETH");
            var steth = await db.Assets.SingleAsync(a => a.Symbol == "stETH");
            var owners = await db.Pledges.Where(p => p.AssetId != null).OrderBy(p => p.Id)
                .Select(p => new { p.Id, p.AssetId, p.Amount, Sender = p.Senders.Select(s => s.Address).First() }).ToListAsync();
            var state = new ChainScanState { ChainId = 1, StartBlock = 1 };
            db.ChainScanStates.Add(state);
            await db.SaveChangesAsync();
            var lease = await BenchmarkLease.HoldAsync(host.Services, 1);

            var blocks = (transfers + TransfersPerBlock - 1) / TransfersPerBlock;
            var head = blocks + 64L;
            var observed = Enumerable.Range(0, transfers).Select(n =>
            {
                var owner = owners[n % owners.Count];
                var block = 1L + n / TransfersPerBlock;
                // Every 7th pledge is paid in full (100 transfers of a hundredth), the others about half.
                var share = owner.Id % 7 == 0 ? 100 : 200;
                var unknown = n % 50 == 49;
                var token = owner.AssetId == steth.Id;
                return new ObservedTransfer(
                    TxHash.Parse("0x" + (n + 1).ToString("x64", CultureInfo.InvariantCulture)),
                    token ? TransferKind.Erc20 : TransferKind.Native, token ? "0" : "", block,
                    Hash32.Parse("0x" + block.ToString("x64", CultureInfo.InvariantCulture)),
                    EthAddress.Parse(unknown ? "0x" + (n + 1).ToString("x40", CultureInfo.InvariantCulture) : owner.Sender),
                    EthAddress.Parse(Recovery), token ? steth.Id : eth.Id, BigInteger.Max(owner.Amount!.Value / share, 1));
            }).ToList();
            foreach (var range in observed.Chunk(TransfersPerBlock * BlocksPerRange))
            {
                var scanned = new ScannedRange(range[0].BlockNumber, range[^1].BlockNumber, range, []);
                await TransferLedger.CommitRangeAsync(db, lease, state, RangeRead.Of(scanned), (_, _) => Task.CompletedTask,
                    head, confirmations: 12, reorgWindow: 64, DateTimeOffset.UtcNow, CancellationToken.None);
                db.ChangeTracker.Clear();
                db.Attach(state);
            }
        }
        var figures = await host.Services.GetRequiredService<FiguresService>().RefreshAsync();
        Console.WriteLine($"{database}: {figures.Pledges.Count} pledges, {transfers} transfers, delivered {figures.DeliveredEth} ETH");
    }

    /// <summary>Deterministic pledges: amounts from 1 to 99, mixed statuses, terms and dates; all of them together leave part of the gap uncovered.</summary>
    private static string Seed(int count)
    {
        var pledges = Enumerable.Range(1, count).Select(i =>
        {
            var supporter = i % 50 == 0;
            var committed = i % 3 == 0;
            return new Dictionary<string, object?>
            {
                ["pledger"] = $"Pledger {i:0000}",
                ["amount"] = supporter ? null : ((i * 7919 % 99) + 1).ToString(CultureInfo.InvariantCulture),
                ["asset"] = supporter ? null : i % 10 == 0 ? "stETH" : "ETH",
                ["status"] = committed ? "committed" : "proposed",
                ["terms"] = (i % 3) switch { 0 => "grant", 1 => "loan", _ => "conditional" },
                ["termsNote"] = null,
                ["governanceUrl"] = null,
                ["source"] = $"https://example.org/pledges/{i}",
                ["announced"] = new DateOnly(2026, 4, 24).AddDays(i % 30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["senders"] = supporter ? Array.Empty<string>() : new[] { "0x" + (0x1000000 + i).ToString("x40", CultureInfo.InvariantCulture) },
            };
        }).ToList();
        var seed = new Dictionary<string, object?>
        {
            ["rescue"] = new { name = "DeFi United", asOf = "2026-04-25", description = $"Benchmark ledger: {count} pledges." },
            ["chains"] = new[] { new { chainId = 1, name = "Ethereum", recoveryAddresses = new[] { Recovery } } },
            ["assets"] = new[]
            {
                new { symbol = "ETH", chainId = 1, contract = (string?)null, decimals = 18, ethRate = "1" },
                new { symbol = "stETH", chainId = 1, contract = (string?)"0xae7ab96520de3a18e5e111b5eaab095312d7fe84", decimals = 18, ethRate = "1" },
            },
            ["shortfall"] = new[]
            {
                new { label = "ETH withdrawn by borrowing against unbacked rsETH", kind = "loss", amount = "99600", asset = "ETH", date = "2026-04-25", source = "https://example.org/loss" },
                new { label = "Frozen on Arbitrum", kind = "recovery", amount = "30700", asset = "ETH", date = "2026-04-25", source = "https://example.org/frozen" },
            },
            ["pledges"] = pledges,
        };
        return JsonSerializer.Serialize(seed, new JsonSerializerOptions { WriteIndented = true });
    }
}
