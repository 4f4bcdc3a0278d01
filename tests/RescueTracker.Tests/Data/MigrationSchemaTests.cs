using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Data;

/// <summary>
/// The migrations are made by dotnet-ef from the model; these check that none is missing (CI runs the tool's
/// has-pending-model-changes too) and that what they add by hand-written SQL, and what start-up adds, is there.
/// </summary>
public class MigrationSchemaTests : IDisposable
{
    private readonly TempSqliteFile _migrated = new();

    [Fact]
    public void Every_change_to_the_model_is_held_by_a_migration()
    {
        using var db = _migrated.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model differs from the migrations' snapshot: add a migration (README, \"Migrations\" under Operations).");
    }

    [Fact]
    public async Task The_migrations_make_the_audit_trail_append_only()
    {
        await _migrated.MigrateAsync();
        await using var db = _migrated.CreateContext();
        db.AuditEntries.Add(new AuditEntry { Actor = "a", Action = "create", EntityType = "pledge", EntityId = "1", EntityLabel = "p" });
        await db.SaveChangesAsync();

        var update = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Actor" = 'b' """));
        var delete = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEntries" """));

        Assert.Contains("update refused", update.Message);
        Assert.Contains("delete refused", delete.Message);
    }

    [Fact]
    public async Task The_pending_transfer_index_serves_the_confirmation_query()
    {
        await _migrated.MigrateAsync();
        await using (var db = _migrated.CreateContext())
        {
            db.Chains.Add(new ChainInfo { ChainId = 1, Name = "Ethereum" });
            var asset = new Asset { Symbol = "USDT", ChainId = 1, Decimals = 6, EthRate = "0.0004" };
            db.Assets.Add(asset);
            await db.SaveChangesAsync();
            foreach (var (position, confirmed) in new[] { ("0", true), ("1", false) })
            {
                db.Transfers.Add(new Transfer
                {
                    ChainId = 1, TxHash = "0x" + new string('a', 64), Kind = TransferKind.Erc20, Position = position, BlockNumber = 7,
                    BlockHash = "0x" + new string('b', 64), From = "0x" + new string('c', 40), To = "0x" + new string('d', 40),
                    AssetId = asset.Id, Amount = 1_000_000, Confirmed = confirmed, SeenAt = DateTimeOffset.UnixEpoch,
                });
            }
            await db.SaveChangesAsync();
        }

        await using var after = _migrated.CreateContext();
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
            .UseRescueSqlite($"Data Source={Path.Combine(folder, "sub", "app.db")};Pooling=False").Options;
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

    public void Dispose()
    {
        _migrated.Dispose();
    }
}
