using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Data;

/// <summary>
/// A database made by the hand-written migrations of before: Data/Fixtures/hand-written-migrations.db was made by the
/// app as it stood at 20261202060000_AdminSessions (its create-admin and create-api-key verbs, its start-up seed, a
/// signed-in session, two admin API changes) plus scan state and transfers written into it, one with an amount of 2^256-1.
/// </summary>
public sealed class HandWrittenMigrationsTests : IDisposable
{
    private static readonly string Fixture = Path.Combine(RepoFiles.Root, "tests", "RescueTracker.Tests", "Data", "Fixtures", "hand-written-migrations.db");

    private readonly TempSqliteFile _file = new();
    private readonly TempSqliteFile _fresh = new();

    public HandWrittenMigrationsTests() => File.Copy(Fixture, _file.Path);

    public void Dispose()
    {
        _file.Dispose();
        _fresh.Dispose();
    }

    [Fact]
    public async Task A_database_made_by_the_hand_written_migrations_upgrades_in_place_keeping_every_row_and_reaching_the_fresh_schema()
    {
        var columns = await ColumnsAsync(_file.ConnectionString);
        var before = await RowsAsync(_file.ConnectionString);
        Assert.Equal(3, before["Transfers"].Count);
        Assert.Single(before["AdminSessions"]);
        Assert.Equal(4, before["AuditEntries"].Count);

        await _file.MigrateAsync();
        // A second start finds nothing to take over and nothing to apply.
        await _file.MigrateAsync();

        // Every value the database held is still there; tables that later migrations add hold what they hold on a fresh
        // database (empty, or the rows a migration seeds).
        Assert.Equal(before, await RowsAsync(_file.ConnectionString, columns));
        await _fresh.MigrateAsync();
        var after = await RowsAsync(_file.ConnectionString);
        var fresh = await RowsAsync(_fresh.ConnectionString);
        Assert.All(after.Where(t => !before.ContainsKey(t.Key)), t => Assert.Equal(fresh[t.Key], t.Value));
        Assert.Equal(await SqliteSchema.DescribeAsync(_fresh.ConnectionString), await SqliteSchema.DescribeAsync(_file.ConnectionString));
        await using var db = _file.CreateContext();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(HandWrittenMigrations.Baseline, (await db.Database.GetAppliedMigrationsAsync()).First());
        var largest = await db.Transfers.SingleAsync(t => t.Kind == TransferKind.Erc20);
        Assert.Equal(System.Numerics.BigInteger.Pow(2, 256) - 1, largest.Amount);
        var audit = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEntries" """));
        Assert.Contains("append-only", audit.Message);
    }

    [Fact]
    public async Task A_hand_written_history_over_a_schema_that_differs_from_theirs_is_refused_with_the_difference_and_left_as_it_was()
    {
        await ExecuteAsync("""DROP INDEX "IX_Transfers_Pending";""");
        var history = await HistoryAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(_file.MigrateAsync);

        Assert.Contains("- index Transfers.IX_Transfers_Pending", refused.Message);
        Assert.Equal(HandWrittenMigrations.Ids, history);
        Assert.Equal(history, await HistoryAsync());
    }

    [Fact]
    public async Task A_database_that_stopped_part_way_through_the_hand_written_migrations_is_refused_and_left_as_it_was()
    {
        // Before 20261201120000_RecoveryBackfill, whose data step (a requested rescan becoming back-fills) the baseline lacks.
        await ExecuteAsync("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" > '20261201000000_PartialTransferIndexes';""");
        var before = await RowsAsync(_file.ConnectionString);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(_file.MigrateAsync);

        Assert.Contains("stops part-way", refused.Message);
        Assert.Equal(HandWrittenMigrations.Ids.Take(4), await HistoryAsync());
        Assert.Equal(before, await RowsAsync(_file.ConnectionString));
    }

    private async Task<List<string>> HistoryAsync()
    {
        await using var connection = new SqliteConnection(_file.ConnectionString);
        await connection.OpenAsync();
        await using var command = new SqliteCommand("""SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>The columns of every model table.</summary>
    private static async Task<Dictionary<string, HashSet<string>>> ColumnsAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var columns = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var table in await SqliteSchema.TablesAsync(connection))
        {
            await using var command = new SqliteCommand($"SELECT name FROM pragma_table_info('{table}')", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
            columns[table] = names;
        }
        return columns;
    }

    /// <summary>
    /// Every row of every model table (or of only the given tables and columns: those a database had before later
    /// migrations added more), each value as SQLite holds it (type and text).
    /// </summary>
    private static async Task<SortedDictionary<string, List<string>>> RowsAsync(string connectionString, Dictionary<string, HashSet<string>>? only = null)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var rows = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var table in only?.Keys ?? (IEnumerable<string>)await SqliteSchema.TablesAsync(connection))
        {
            await using var command = new SqliteCommand($"SELECT * FROM \"{table}\"", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
            {
                // By column name: the baseline orders a table's columns as the model does, ALTER TABLE appended them.
                lines.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount)
                    .Where(i => only is null || only[table].Contains(reader.GetName(i))).OrderBy(reader.GetName, StringComparer.Ordinal)
                    .Select(i => $"{reader.GetName(i)}={reader.GetDataTypeName(i)}:{(reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i) is byte[] b ? Convert.ToHexString(b) : reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))}")));
            }
            lines.Sort(StringComparer.Ordinal);
            rows[table] = lines;
        }
        return rows;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(_file.ConnectionString);
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
