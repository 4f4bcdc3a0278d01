using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// <see cref="TransferBulkInsert"/> on PostgreSQL: one server-side prepared statement with typed parameters,
/// reused for every row (the amount goes as NUMERIC, exact, the instant as timestamptz).
/// </summary>
internal sealed class PostgreSqlTransferInsert : TransferBulkInsert
{
    private const string Sql = """
        INSERT INTO "Transfers" ("ChainId", "TxHash", "Kind", "Position", "BlockNumber", "BlockHash", "From", "To",
                                 "AssetId", "Amount", "Confirmed", "PledgeId", "AttributedByAdmin", "SeenAt")
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, FALSE, $13)
        ON CONFLICT ("ChainId", "TxHash", "Kind", "Position") DO NOTHING
        """;

    private readonly NpgsqlCommand _command;

    private PostgreSqlTransferInsert(NpgsqlCommand command, long safe, IReadOnlyDictionary<(EthAddress, int), int> owners)
        : base(safe, owners) => _command = command;

    public static PostgreSqlTransferInsert Open(RescueDbContext db, long chainId, long safe, IReadOnlyDictionary<(EthAddress, int), int> owners, DateTimeOffset seenAt)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var command = new NpgsqlCommand(Sql, connection, (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter<long> { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = chainId });
        foreach (var type in new[]
                 {
                     NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text,
                     NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Numeric, NpgsqlDbType.Boolean, NpgsqlDbType.Integer,
                 })
        {
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type });
        }
        command.Parameters.Add(new NpgsqlParameter<DateTime> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = seenAt.UtcDateTime });
        command.Prepare();
        return new PostgreSqlTransferInsert(command, safe, owners);
    }

    protected override bool Write(ObservedTransfer t, bool confirmed, int? pledge)
    {
        Span<byte> word = stackalloc byte[Hash32.Size];
        var p = _command.Parameters;
        t.TxHash.Value.CopyTo(word);
        p[1].Value = Hex(word);
        p[2].Value = t.Kind.ToText();
        p[3].Value = t.Position;
        p[4].Value = t.BlockNumber;
        t.BlockHash.CopyTo(word);
        p[5].Value = Hex(word);
        t.From.CopyTo(word);
        p[6].Value = Hex(word[..EthAddress.Size]);
        t.To.CopyTo(word);
        p[7].Value = Hex(word[..EthAddress.Size]);
        p[8].Value = t.AssetId;
        p[9].Value = t.Amount;
        p[10].Value = confirmed;
        p[11].Value = pledge is { } id ? id : DBNull.Value;
        return _command.ExecuteNonQuery() == 1;
    }

    public override void Dispose() => _command.Dispose();

    // Lower-case hex, as the model stores hashes and addresses.
    private static string Hex(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);
}
