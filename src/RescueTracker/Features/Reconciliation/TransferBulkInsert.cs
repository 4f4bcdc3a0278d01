using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RescueTracker.Data;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// Inserts a range's transfers with one prepared statement inside the caller's transaction.
/// A catch-up writes tens of thousands of rows per range; tracking each as an EF entity costs
/// far more than reading it from the node. The values are written exactly as the EF model stores
/// them (lower-case kind, decimal TEXT amounts, the provider's own DateTimeOffset text), and the
/// unique key makes the insert idempotent: a row already stored is skipped, not doubled.
/// </summary>
internal static class TransferBulkInsert
{
    private const string Sql = """
        INSERT INTO "Transfers" ("ChainId", "TxHash", "Kind", "Position", "BlockNumber", "BlockHash", "From", "To",
                                 "AssetId", "Amount", "Confirmed", "PledgeId", "AttributedByAdmin", "SeenAt")
        VALUES (@chain, @tx, @kind, @position, @block, @blockHash, @from, @to, @asset, @amount, @confirmed, @pledge, 0, @seen)
        ON CONFLICT ("ChainId", "TxHash", "Kind", "Position") DO NOTHING
        """;

    /// <returns>The rows actually inserted (already stored ones are skipped).</returns>
    public static async Task<List<Transfer>> InsertAsync(RescueDbContext db, IReadOnlyList<Transfer> rows, CancellationToken ct)
    {
        var inserted = new List<Transfer>();
        if (rows.Count == 0) return inserted;
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                              ?? throw new InvalidOperationException("Transfers are inserted only inside the range's transaction.");
        var p = new Dictionary<string, DbParameter>();
        foreach (var name in new[] { "chain", "tx", "kind", "position", "block", "blockHash", "from", "to", "asset", "amount", "confirmed", "pledge", "seen" })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
            p[name] = parameter;
        }
        await command.PrepareAsync(ct);

        foreach (var t in rows)
        {
            p["chain"].Value = t.ChainId;
            p["tx"].Value = t.TxHash;
            p["kind"].Value = t.Kind.ToText();
            p["position"].Value = t.Position;
            p["block"].Value = t.BlockNumber;
            p["blockHash"].Value = t.BlockHash;
            p["from"].Value = t.From;
            p["to"].Value = t.To;
            p["asset"].Value = t.AssetId;
            p["amount"].Value = t.Amount.ToString(CultureInfo.InvariantCulture);
            p["confirmed"].Value = t.Confirmed;
            p["pledge"].Value = (object?)t.PledgeId ?? DBNull.Value;
            p["seen"].Value = t.SeenAt;
            if (await command.ExecuteNonQueryAsync(ct) == 1) inserted.Add(t);
        }
        return inserted;
    }
}
