using System.Globalization;
using Microsoft.Data.Sqlite;

namespace RescueTracker.Data;

/// <summary>
/// A SQLite database's schema read straight from <c>sqlite_master</c> and the PRAGMAs, independent of EF's idea of
/// the model: one line per table, column, index, foreign key and trigger, sorted, so two schemas compare as text and
/// a difference reads as the lines one side has and the other lacks. Columns are keyed by name, not position: an
/// AddColumn appends where a table made at once would not, and that is harmless.
/// </summary>
internal static class SqliteSchemaDescription
{
    public static async Task<List<string>> DescribeAsync(SqliteConnection connection, CancellationToken ct = default)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name",
            r => (Name: r.GetString(0), Sql: r.GetString(1)), ct);
        foreach (var (table, sql) in tables.Where(t => IsModelTable(t.Name)))
        {
            // AUTOINCREMENT decides whether ids of deleted rows come back, so it is part of the schema.
            lines.Add($"table {table} autoincrement={sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase)}");

            lines.AddRange(await QueryAsync(connection, $"PRAGMA table_info(\"{table}\")", r =>
                $"column {table}.{r["name"]} type={r["type"]} notnull={r["notnull"]} pk={r["pk"]} default={Text(r["dflt_value"])}", ct));

            var indexes = await QueryAsync(connection, $"PRAGMA index_list(\"{table}\")", r =>
                (Name: (string)r["name"], Unique: r["unique"], Origin: r["origin"], Partial: r["partial"]), ct);
            foreach (var index in indexes)
            {
                var columns = await QueryAsync(connection, $"PRAGMA index_info(\"{index.Name}\")", r => (Seq: (long)r["seqno"], Name: Text(r["name"])), ct);
                var ordered = string.Join(", ", columns.OrderBy(c => c.Seq).Select(c => c.Name));
                lines.Add($"index {table}.{index.Name} unique={index.Unique} origin={index.Origin} partial={index.Partial} columns=({ordered}){await FilterAsync(connection, index.Name, ct)}");
            }

            lines.AddRange(await QueryAsync(connection, $"PRAGMA foreign_key_list(\"{table}\")", r =>
                $"foreign key {table}.{r["from"]} -> {r["table"]}.{r["to"]} on_delete={r["on_delete"]} on_update={r["on_update"]}", ct));
        }
        // Raw SQL in a migration (the audit trail's append-only triggers) is schema the model does not know.
        lines.AddRange(await QueryAsync(connection, "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger'",
            r => $"trigger {r.GetString(0)}.{r.GetString(1)} {Collapse(r.GetString(2))}", ct));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>Bookkeeping that is not part of the model: EF's migration history and lock tables, and SQLite's own.</summary>
    public static bool IsModelTable(string name) =>
        !name.StartsWith("__EF", StringComparison.Ordinal) && !name.StartsWith("sqlite_", StringComparison.Ordinal);

    /// <summary>A partial index's WHERE clause, whitespace collapsed: the rows an index holds are part of the schema too.</summary>
    private static async Task<string> FilterAsync(SqliteConnection connection, string index, CancellationToken ct)
    {
        var sql = (await QueryAsync(connection, $"SELECT sql FROM sqlite_master WHERE type = 'index' AND name = '{index}'",
            r => r.IsDBNull(0) ? "" : r.GetString(0), ct)).SingleOrDefault() ?? "";
        var where = sql.IndexOf(" WHERE ", StringComparison.OrdinalIgnoreCase);
        return where < 0 ? "" : " where=" + Collapse(sql[(where + 7)..]);
    }

    private static string Collapse(string sql) => string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Text(object value) => value is DBNull ? "null" : Convert.ToString(value, CultureInfo.InvariantCulture)!;

    private static async Task<List<T>> QueryAsync<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var result = new List<T>();
        while (await reader.ReadAsync(ct)) result.Add(read(reader));
        return result;
    }
}
