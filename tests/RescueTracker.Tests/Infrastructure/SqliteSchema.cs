using Microsoft.Data.Sqlite;
using RescueTracker.Data;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>
/// Reads a SQLite file's schema and row counts straight from <c>sqlite_master</c> and the PRAGMAs,
/// independent of EF's idea of the model.
/// </summary>
public static class SqliteSchema
{
    /// <summary>The foundation's ledger: what the seed writes and the figures read.</summary>
    public static readonly string[] LedgerTables =
    [
        "AssetRates", "Assets", "Chains", "OffchainDeliveries", "PledgeSenders", "PledgeStatusChanges", "Pledgers", "Pledges",
        "RecoveryAddresses", "Rescues", "ShortfallItems", "Transfers",
    ];

    public static async Task<IReadOnlyList<string>> TablesAsync(SqliteConnection connection)
    {
        var names = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", r => r.GetString(0));
        return names.Where(SqliteSchemaDescription.IsModelTable).ToList();
    }

    /// <summary>The schema as the app's start-up check reads it (tables, columns, indexes, keys, triggers), as sorted lines.</summary>
    public static async Task<IReadOnlyList<string>> DescribeAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return await SqliteSchemaDescription.DescribeAsync(connection);
    }

    public static async Task<string> PragmaAsync(string connectionString, string pragma)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return (await QueryAsync(connection, $"PRAGMA {pragma}", r => Text(r[0]))).Single();
    }

    private static string Text(object value) => value is DBNull ? "null" : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!;

    private static async Task<List<T>> QueryAsync<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<T>();
        while (await reader.ReadAsync()) result.Add(read(reader));
        return result;
    }
}
