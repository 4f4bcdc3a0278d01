using System.Security.Cryptography;
using System.Text;
using System.Data.Common;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>
/// Every table's row count, and a SHA-256 over every value of the tables refused input could
/// corrupt, read with raw SQL so nothing in EF's model can hide a change.
/// </summary>
public sealed record DatabaseSnapshot(IReadOnlyDictionary<string, long> RowCounts, IReadOnlyDictionary<string, string> Checksums)
{
    /// <summary>The ledger and the audit trail. ApiKeys is counted but not summed: each use stamps LastUsedAt.</summary>
    public static readonly string[] ChecksummedTables =
        ["Pledges", "Transfers", "ShortfallItems", "Pledgers", "PledgeSenders", "PledgeStatusChanges", "OffchainDeliveries", "Assets", "AuditEntries"];

    public static async Task<DatabaseSnapshot> TakeAsync(TestDatabase database)
    {
        var counts = await database.RowCountsAsync();
        await using var connection = database.OpenConnection();
        await connection.OpenAsync();
        var sums = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in ChecksummedTables) sums[table] = await ChecksumAsync(connection, table);
        return new DatabaseSnapshot(counts, sums);
    }

    private static async Task<string> ChecksumAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                // Type and length prefixes keep ("ab", "c") and ("a", "bc") apart.
                var value = reader.IsDBNull(i) ? "null" : reader.GetValue(i) is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
                text.Append(reader.GetFieldType(i).Name).Append(':').Append(value.Length).Append(':').Append(value).Append('|');
            }
            text.Append('\n');
        }
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Asserts nothing changed, naming the tables that did.</summary>
    public void AssertSameAs(DatabaseSnapshot before)
    {
        var changedCounts = before.RowCounts.Where(kv => RowCounts.GetValueOrDefault(kv.Key, -1) != kv.Value)
            .Select(kv => $"{kv.Key}: {kv.Value} -> {RowCounts.GetValueOrDefault(kv.Key, -1)}").ToList();
        var changedSums = before.Checksums.Where(kv => Checksums[kv.Key] != kv.Value).Select(kv => kv.Key).ToList();
        Assert.True(changedCounts.Count == 0 && changedSums.Count == 0 && RowCounts.Count == before.RowCounts.Count,
            $"Database changed. Row counts: [{string.Join(", ", changedCounts)}]; checksums changed: [{string.Join(", ", changedSums)}]");
    }
}
