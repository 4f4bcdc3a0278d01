using System.Net;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;
using RescueTracker.Tests.Infrastructure.PostgreSql;

namespace RescueTracker.Tests.EndToEnd;

/// <summary>
/// The published app on a fresh PostgreSQL database, started as production starts it (Database__Provider and the
/// connection string from the environment): it migrates, seeds and serves the same summary, byte for byte, as the
/// same build on SQLite, and reconciles a real node's payments into the same figures.
/// </summary>
[Collection(PublishedAppCollection.Name)]
[Trait("Category", "Slow")]
public sealed class PublishedAppOnPostgreSqlTests(PublishedApp published)
{
    [Fact]
    public async Task Published_app_on_a_fresh_PostgreSQL_database_serves_the_summary_it_serves_on_SQLite_byte_for_byte()
    {
        var server = await PostgreSqlServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        var sqliteFile = published.NewDatabasePath();
        var onPostgreSql = OnPostgreSql(connectionString);
        try
        {
            // First starts: each migrates and seeds its empty database.
            foreach (var settings in new[] { onPostgreSql, null })
            {
                await using var app = await published.StartAsync(sqliteFile, settings);
                using var response = await app.Client.GetAsync("/api/summary");
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}\n{app.Process.Output}");
            }

            // The seed stamps the rescue with the clock of its start; give both one instant, then start them again.
            var at = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
            foreach (var (provider, database) in new[] { (DatabaseProvider.PostgreSql, connectionString), (DatabaseProvider.Sqlite, $"Data Source={sqliteFile};Pooling=False") })
            {
                var options = new DbContextOptionsBuilder<RescueDbContext>();
                options.UseRescueDatabase(provider, database);
                await using var db = new RescueDbContext(options.Options);
                Assert.Equal(1, await db.Rescues.ExecuteUpdateAsync(u => u.SetProperty(r => r.UpdatedAt, at)));
            }

            string onPg, onSqlite;
            await using (var app = await published.StartAsync(sqliteFile, onPostgreSql)) onPg = await app.Client.GetStringAsync("/api/summary");
            await using (var app = await published.StartAsync(sqliteFile)) onSqlite = await app.Client.GetStringAsync("/api/summary");

            Assert.Equal(onSqlite, onPg);
            Assert.Contains("\"shortfallEth\":\"68900\"", onPg);
            Assert.Contains("\"asOf\":\"2026-12-02T12:00:00Z\"", onPg);
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Published_app_on_PostgreSQL_reconciles_from_Anvil_to_the_figures_the_same_build_reaches_on_SQLite()
    {
        const string pledger = "Stani Kulechov (personal)";
        await using var node = await AnvilNode.StartAsync(1);
        var sqliteFile = published.NewDatabasePath();
        var folder = Path.GetDirectoryName(sqliteFile)!;
        Directory.CreateDirectory(folder);
        var seedPath = Path.Combine(folder, "seed.json");
        await File.WriteAllTextAsync(seedPath, TestSeed.Mainnet().Pledge(pledger, "5", "ETH", "committed", DevAccounts.Account1).ToJson());
        var server = await PostgreSqlServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        var watching = AppProcess.Watching(node.RpcUrl, seedPath);
        var onPostgreSql = OnPostgreSql(connectionString, watching);
        try
        {
            await using var pg = await published.StartAsync(sqliteFile, onPostgreSql);
            await using var sqlite = await published.StartAsync(sqliteFile, watching);

            var first = await node.Rpc.SendEthAsync(DevAccounts.Account1, TestSeed.Recovery, Wei.Eth(2));
            var second = await node.Rpc.SendEthAsync(DevAccounts.Account1, TestSeed.Recovery, Wei.Eth(3));
            await node.Rpc.MineAsync(2);

            // Both count the two payments, and once both have confirmed the same last block they agree on every figure
            // and list the same transfers.
            string onPg = "", onSqlite = "";
            await AppProcess.EventuallyAsync(
                async () => (onPg = await SummaryAsync(pg)).Contains("\"deliveredEth\":\"5\"", StringComparison.Ordinal)
                    && onPg == (onSqlite = await SummaryAsync(sqlite)),
                () => Task.FromResult($"on PostgreSQL {onPg}\n{pg.Process.Output}\non SQLite {onSqlite}\n{sqlite.Process.Output}"));
            Assert.Contains("\"outstandingCommittedEth\":\"0\"", onPg);
            var listed = (await AppProcess.GetJsonAsync(pg, "/api/transfers?chainId=1")).GetRawText();
            Assert.Equal((await AppProcess.GetJsonAsync(sqlite, "/api/transfers?chainId=1")).GetRawText(), listed);
            Assert.Contains(first, listed);
            Assert.Contains(second, listed);
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    /// <summary>The settings that start the app on this PostgreSQL database, with <paramref name="settings"/>.</summary>
    private static Dictionary<string, string> OnPostgreSql(string connectionString, IReadOnlyDictionary<string, string>? settings = null) =>
        new(settings ?? new Dictionary<string, string>())
        {
            ["Database__Provider"] = "PostgreSQL",
            ["ConnectionStrings__RescueTracker"] = connectionString,
        };

    /// <summary>/api/summary without its asOf (each app stamps the instant its own figures were read).</summary>
    private static async Task<string> SummaryAsync(RunningApp app)
    {
        var summary = await AppProcess.GetJsonAsync(app, "/api/summary");
        return string.Join(',', summary.EnumerateObject().Where(p => p.Name != "asOf").Select(p => $"\"{p.Name}\":{p.Value.GetRawText()}"));
    }
}
