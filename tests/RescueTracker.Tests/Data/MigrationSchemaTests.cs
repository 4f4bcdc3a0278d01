using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RescueTracker.Data;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Data;

/// <summary>
/// The migrations are written by hand (no dotnet-ef here), so nothing but this test keeps them in step
/// with the model: both routes to a schema must give the same tables, columns, indexes and keys.
/// </summary>
public class MigrationSchemaTests : IDisposable
{
    private readonly TempSqliteFile _migrated = new();
    private readonly TempSqliteFile _created = new();

    [Fact]
    public async Task Migrations_produce_exactly_the_schema_of_the_current_model()
    {
        await using (var db = _migrated.CreateContext()) await db.Database.MigrateAsync();
        await using (var db = _created.CreateContext()) await db.Database.EnsureCreatedAsync();

        var fromMigrations = await SqliteSchema.DescribeAsync(_migrated.ConnectionString);
        var fromModel = await SqliteSchema.DescribeAsync(_created.ConnectionString);

        var missing = fromModel.Except(fromMigrations).ToList();
        var extra = fromMigrations.Except(fromModel).ToList();
        if (missing.Count + extra.Count > 0)
        {
            Assert.Fail("The migrations do not match the model." + Environment.NewLine
                + "In the model but not the migrations:" + Lines(missing) + Environment.NewLine
                + "In the migrations but not the model:" + Lines(extra));
        }
        Assert.Equal(fromModel, fromMigrations);
    }

    [Fact]
    public async Task The_partial_transfer_indexes_upgrade_a_database_in_place_and_serve_the_confirmation_query()
    {
        await using (var db = _migrated.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("20260601000000_Admin");
            // In that version's schema, by SQL: today's model writes tables that version did not have yet.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "Chains" ("ChainId", "Name") VALUES (1, 'Ethereum');
                INSERT INTO "Assets" ("Id", "Symbol", "ChainId", "Decimals", "EthRate", "Tolerance", "Version") VALUES (1, 'USDT', 1, 6, '0.0004', '0', 0);
                """);
            foreach (var (position, confirmed) in new[] { ("0", true), ("1", false) })
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "Transfers" ("ChainId", "TxHash", "Kind", "Position", "BlockNumber", "BlockHash", "From", "To", "AssetId", "Amount", "Confirmed", "AttributedByAdmin", "SeenAt")
                    VALUES (1, {"0x" + new string('a', 64)}, 'erc20', {position}, 7, {"0x" + new string('b', 64)}, {"0x" + new string('c', 40)}, {"0x" + new string('d', 40)}, 1, '1000000', {confirmed}, 0, '1970-01-01 00:00:00+00:00')
                    """);
            }
        }

        await _migrated.MigrateAsync();

        await using (var db = _created.CreateContext()) await db.Database.EnsureCreatedAsync();
        Assert.Equal(await SqliteSchema.DescribeAsync(_created.ConnectionString), await SqliteSchema.DescribeAsync(_migrated.ConnectionString));
        await using var after = _migrated.CreateContext();
        Assert.Equal([("0", true), ("1", false)], await after.Transfers.OrderBy(t => t.Position).Select(t => ValueTuple.Create(t.Position, t.Confirmed)).ToListAsync());
        var pending = after.Transfers.Where(t => t.ChainId == 1 && !t.Confirmed && t.BlockNumber <= 7).ToQueryString();
        await using var connection = new SqliteConnection(_migrated.ConnectionString);
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + pending;
        await using var plan = await explain.ExecuteReaderAsync();
        Assert.True(await plan.ReadAsync());
        Assert.Contains("USING INDEX IX_Transfers_Pending", plan.GetString(3));
    }

    [Fact]
    public async Task Schema_holds_every_table_of_the_foundation_ledger()
    {
        await using (var db = _migrated.CreateContext()) await db.Database.MigrateAsync();

        await using var connection = new SqliteConnection(_migrated.ConnectionString);
        await connection.OpenAsync();
        // A subset check: later issues add tables of their own (reconciliation state, admin users).
        var tables = await SqliteSchema.TablesAsync(connection);
        Assert.All(SqliteSchema.LedgerTables, t => Assert.Contains(t, tables));
    }

    [Fact]
    public async Task Start_up_migration_switches_the_file_to_wal()
    {
        await _migrated.MigrateAsync();

        Assert.Equal("wal", await SqliteSchema.PragmaAsync(_migrated.ConnectionString, "journal_mode"));
    }

    [Fact]
    public async Task Start_up_migration_creates_the_database_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"rescuetracker-test-{Guid.NewGuid():N}");
        var options = new DbContextOptionsBuilder<RescueDbContext>()
            .UseSqlite($"Data Source={Path.Combine(folder, "sub", "app.db")};Pooling=False").Options;
        try
        {
            await using var db = new RescueDbContext(options);
            await db.MigrateAsync(CancellationToken.None);

            Assert.True(File.Exists(Path.Combine(folder, "sub", "app.db")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Lines(IEnumerable<string> lines) =>
        string.Concat(lines.Select(l => Environment.NewLine + "  " + l).DefaultIfEmpty(Environment.NewLine + "  (none)"));

    public void Dispose()
    {
        _migrated.Dispose();
        _created.Dispose();
    }
}
