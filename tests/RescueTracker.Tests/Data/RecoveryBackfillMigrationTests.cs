using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Data;

/// <summary>
/// A database whose chain had a rescan requested (the old way of finding a new address's history)
/// upgrades to per-address back-fills in place, losing nothing.
/// </summary>
public sealed class RecoveryBackfillMigrationTests : IDisposable
{
    private readonly TempSqliteFile _file = new();

    public void Dispose() => _file.Dispose();

    [Fact]
    public async Task A_requested_rescan_becomes_a_back_fill_of_each_address_of_that_chain_and_other_chains_are_untouched()
    {
        await using (var db = _file.CreateContext()) await db.GetService<IMigrator>().MigrateAsync("20260601000000_Admin");
        await ExecuteAsync("""
            INSERT INTO "Chains" ("ChainId", "Name") VALUES (1, 'Ethereum'), (42161, 'Arbitrum');
            INSERT INTO "RecoveryAddresses" ("ChainId", "Address", "Version") VALUES
                (1, '0xa0ee7a142d267c1f36714e4a8f75612f20a79720', 1), (1, '0x23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f', 1),
                (42161, '0x14dc79964da2c08b23698b3d3cc7ca32193d9955', 1);
            INSERT INTO "ChainScanStates" ("ChainId", "StartBlock", "LastScannedBlock", "ChainIdVerified", "Halted", "RescanRequested")
            VALUES (1, 100, 5000, 1, 0, 1), (42161, 7, 900, 1, 0, 0);
            """);

        await using (var db = _file.CreateContext()) await db.Database.MigrateAsync();

        await using var connection = new SqliteConnection(_file.ConnectionString);
        await connection.OpenAsync();
        var rows = new List<(long, string, long?, long?)>();
        await using (var read = new SqliteCommand("""SELECT "ChainId", "Address", "BackfillFrom", "BackfillTo" FROM "RecoveryAddresses" ORDER BY "Id" """, connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetInt64(3)));
        }
        Assert.Equal(
            [
                (1L, "0xa0ee7a142d267c1f36714e4a8f75612f20a79720", 100L, 5000L),
                (1L, "0x23618e81e3f5cdf7f54c3d65f7fbc0abf5b21e8f", 100L, 5000L),
                (42161L, "0x14dc79964da2c08b23698b3d3cc7ca32193d9955", null, null),
            ],
            rows);
        await using var scan = new SqliteCommand("""SELECT COUNT(*) FROM "ChainScanStates" WHERE "LastScannedBlock" IN (5000, 900)""", connection);
        Assert.Equal(2L, await scan.ExecuteScalarAsync());
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(_file.ConnectionString);
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
