using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RescueTracker.Features.Seed;
using RescueTracker.Tests.Features.Seed;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Api;

/// <summary>What start-up does to the database: seed once, never again, and nothing at all from a bad file.</summary>
public class StartupSeedingTests : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.Create();

    [Fact]
    public async Task App_started_twice_on_one_database_seeds_only_once()
    {
        string firstAsOf;
        await using (var first = new TestApp(new TestAppOptions { Database = _database }))
        {
            var summary = await Json.ReadAsync(await first.CreateClient().GetAsync("/api/summary"));
            firstAsOf = summary.Str("asOf")!;
        }

        await using (var second = new TestApp(new TestAppOptions { Database = _database }))
        {
            var pledges = await Json.ReadAsync(await second.CreateClient().GetAsync("/api/pledges"));
            Assert.Equal(9, pledges.GetArrayLength());
            var summary = await Json.ReadAsync(await second.CreateClient().GetAsync("/api/summary"));
            Assert.Equal(firstAsOf, summary.Str("asOf"));
            Assert.Equal("25400", summary.Str("uncoveredIfAllArriveEth"));
        }

        var counts = await _database.RowCountsAsync();
        Assert.Equal(1, counts["Rescues"]);
        Assert.Equal(9, counts["Pledges"]);
        Assert.Equal(9, counts["PledgeStatusChanges"]);
    }

    [Fact]
    public async Task Bad_seed_file_stops_start_up_naming_the_file_and_path_and_writes_no_rescue()
    {
        using var bad = new TempFile(SeedJson.With(t => SeedJson.Pledge(t, 0)["amount"] = "-5"));
        await using var app = new TestApp(new TestAppOptions { Database = _database, SeedPath = bad.Path });

        // Program catches the seed error itself (to exit with code 2), so the factory only sees a host
        // that stopped; the seed error is read from what the host and Program logged.
        Assert.NotNull(Record.Exception(() => app.CreateClient()));

        var seedError = Assert.Single(app.Logs.Entries.Select(e => e.Exception).OfType<SeedFileException>());
        Assert.Equal(bad.Path, seedError.File);
        Assert.Equal("$.pledges[0].amount", Assert.Single(seedError.Errors).Path);
        var critical = Assert.Single(app.Logs.Entries, e => e.Level == LogLevel.Critical);
        Assert.Contains(bad.Path, critical.Message);
        Assert.Contains("$.pledges[0].amount", critical.Message);

        await using var db = _database.CreateContext();
        Assert.False(await db.Rescues.AnyAsync());
        // Start-up may create reference rows (roles) before seeding; the ledger itself must stay empty.
        var counts = await _database.RowCountsAsync();
        Assert.All(SqliteSchema.LedgerTables, table => Assert.Equal(0, counts[table]));
    }

    public void Dispose() => _database.Dispose();
}
