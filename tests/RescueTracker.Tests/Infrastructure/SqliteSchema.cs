using Microsoft.Data.Sqlite;

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

    /// <summary>
    /// Bookkeeping that is not part of the model: EF's migration history and lock tables, and SQLite's own.
    /// </summary>
    internal static bool IsLedgerTable(string name) =>
        !name.StartsWith("__EF", StringComparison.Ordinal) && !name.StartsWith("sqlite_", StringComparison.Ordinal);

    public static async Task<IReadOnlyList<string>> TablesAsync(SqliteConnection connection)
    {
        var names = await QueryAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", r => r.GetString(0));
        return names.Where(IsLedgerTable).ToList();
    }

    /// <summary>
    /// One line per table, column, index and foreign key, sorted, so two schemas compare as text and
    /// a difference reads as the lines one side has and the other lacks. Columns are keyed by name,
    /// not position: a later migration's AddColumn appends where the model would not, and that is harmless.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DescribeAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var lines = new List<string>();
        foreach (var table in await TablesAsync(connection))
        {
            var sql = (await QueryAsync(connection, $"SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '{table}'", r => r.GetString(0))).Single();
            // AUTOINCREMENT decides whether ids of deleted rows come back, so it is part of the schema.
            lines.Add($"table {table} autoincrement={sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase)}");

            lines.AddRange(await QueryAsync(connection, $"PRAGMA table_info(\"{table}\")", r =>
                $"column {table}.{r["name"]} type={r["type"]} notnull={r["notnull"]} pk={r["pk"]} default={Text(r["dflt_value"])}"));

            var indexes = await QueryAsync(connection, $"PRAGMA index_list(\"{table}\")", r =>
                (Name: (string)r["name"], Unique: r["unique"], Origin: r["origin"], Partial: r["partial"]));
            foreach (var index in indexes)
            {
                var columns = await QueryAsync(connection, $"PRAGMA index_info(\"{index.Name}\")", r => (Seq: (long)r["seqno"], Name: Text(r["name"])));
                var ordered = string.Join(", ", columns.OrderBy(c => c.Seq).Select(c => c.Name));
                lines.Add($"index {table}.{index.Name} unique={index.Unique} origin={index.Origin} partial={index.Partial} columns=({ordered}){await FilterAsync(connection, index.Name)}");
            }

            lines.AddRange(await QueryAsync(connection, $"PRAGMA foreign_key_list(\"{table}\")", r =>
                $"foreign key {table}.{r["from"]} -> {r["table"]}.{r["to"]} on_delete={r["on_delete"]} on_update={r["on_update"]}"));
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>A partial index's WHERE clause, whitespace collapsed: the rows an index holds are part of the schema too.</summary>
    private static async Task<string> FilterAsync(SqliteConnection connection, string index)
    {
        var sql = (await QueryAsync(connection, $"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '{index}'",
            r => r.IsDBNull(0) ? "" : r.GetString(0))).SingleOrDefault() ?? "";
        var where = sql.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase);
        return where < 0 ? "" : " where=" + string.Join(' ', sql[(where + 7)..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
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
