using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// <see cref="TransferBulkInsert"/> on PostgreSQL: one server-side prepared statement that inserts up to
/// <see cref="RowsPerStatement"/> rows from typed arrays (<c>unnest</c>) and returns the rows it stored, so a range
/// costs one round trip per batch instead of one per row (measured: about 5,000 rows/s a row at a time, the client's
/// CPU in the per-command work). Amounts go as decimal text cast to NUMERIC(78,0), exact; the instant as timestamptz.
/// </summary>
internal sealed class PostgreSqlTransferInsert : TransferBulkInsert
{
    public const int RowsPerStatement = 1000;

    private const string Sql = """
        INSERT INTO "Transfers" ("ChainId", "TxHash", "Kind", "Position", "BlockNumber", "BlockHash", "From", "To",
                                 "AssetId", "Amount", "Confirmed", "PledgeId", "AttributedByAdmin", "SeenAt")
        SELECT $1, r.tx, r.kind, r.position, r.block, r.hash, r.sender, r.recipient, r.asset, r.amount::numeric(78,0),
               r.confirmed, r.pledge, FALSE, $2
        FROM unnest($3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
             AS r(tx, kind, position, block, hash, sender, recipient, asset, amount, confirmed, pledge)
        ON CONFLICT ("ChainId", "TxHash", "Kind", "Position") DO NOTHING
        RETURNING "Confirmed", "PledgeId"
        """;

    // The arrays' element types, in the order of unnest's arguments ($3..$13).
    private static readonly NpgsqlDbType[] Columns =
    [
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text,
        NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Boolean, NpgsqlDbType.Integer,
    ];

    private readonly NpgsqlCommand _command;

    private PostgreSqlTransferInsert(NpgsqlCommand command, long safe, IReadOnlyDictionary<(EthAddress, int), int> owners)
        : base(safe, owners) => _command = command;

    public static PostgreSqlTransferInsert Open(RescueDbContext db, long chainId, long safe, IReadOnlyDictionary<(EthAddress, int), int> owners, DateTimeOffset seenAt)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var command = new NpgsqlCommand(Sql, connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = chainId });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = seenAt.UtcDateTime });
        foreach (var type in Columns) command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | type });
        command.Prepare();
        return new PostgreSqlTransferInsert(command, safe, owners);
    }

    protected override void Write(IReadOnlyList<ObservedTransfer> transfers)
    {
        for (var start = 0; start < transfers.Count; start += RowsPerStatement)
            WriteBatch(transfers, start, Math.Min(RowsPerStatement, transfers.Count - start));
    }

    private void WriteBatch(IReadOnlyList<ObservedTransfer> transfers, int start, int count)
    {
        var (tx, kind, position, block, hash) = (new string[count], new string[count], new string[count], new long[count], new string[count]);
        var (sender, recipient, asset, amount) = (new string[count], new string[count], new int[count], new string[count]);
        var (confirmed, pledge) = (new bool[count], new int?[count]);
        Span<byte> word = stackalloc byte[Hash32.Size];
        for (var i = 0; i < count; i++)
        {
            var t = transfers[start + i];
            t.TxHash.Value.CopyTo(word);
            tx[i] = Hex(word);
            kind[i] = t.Kind.ToText();
            position[i] = t.Position;
            block[i] = t.BlockNumber;
            t.BlockHash.CopyTo(word);
            hash[i] = Hex(word);
            t.From.CopyTo(word);
            sender[i] = Hex(word[..EthAddress.Size]);
            t.To.CopyTo(word);
            recipient[i] = Hex(word[..EthAddress.Size]);
            asset[i] = t.AssetId;
            amount[i] = t.Amount.ToString(CultureInfo.InvariantCulture);
            confirmed[i] = IsConfirmed(t);
            pledge[i] = PledgeOf(t);
        }
        object[] values = [tx, kind, position, block, hash, sender, recipient, asset, amount, confirmed, pledge];
        for (var i = 0; i < values.Length; i++) _command.Parameters[2 + i].Value = values[i];

        using var stored = _command.ExecuteReader();
        while (stored.Read()) Stored(stored.GetBoolean(0), stored.IsDBNull(1) ? null : stored.GetInt32(1));
    }

    public override void Dispose() => _command.Dispose();

    // Lower-case hex, as the model stores hashes and addresses.
    private static string Hex(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);
}
