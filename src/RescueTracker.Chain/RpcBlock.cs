using System.Numerics;
using System.Text.Json;

namespace RescueTracker.Chain;

/// <summary>
/// A block header's identity fields and its transactions. With full transactions,
/// <see cref="Transactions"/> is filled; otherwise only <see cref="TransactionHashes"/>.
/// </summary>
public sealed record RpcBlock(
    long Number,
    Hash32 Hash,
    Hash32 ParentHash,
    long Timestamp,
    IReadOnlyList<TxHash> TransactionHashes,
    IReadOnlyList<RpcTransaction> Transactions)
{
    public DateTimeOffset Time => DateTimeOffset.FromUnixTimeSeconds(Timestamp);

    internal static RpcBlock FromJson(JsonElement json)
    {
        var hashes = new List<TxHash>();
        var transactions = new List<RpcTransaction>();
        foreach (var tx in RpcJson.Array(json, "transactions").EnumerateArray())
        {
            if (tx.ValueKind == JsonValueKind.String)
            {
                hashes.Add(new TxHash(RpcJson.ToHash(tx, "transactions")));
            }
            else
            {
                var full = RpcTransaction.FromJson(tx);
                transactions.Add(full);
                hashes.Add(full.Hash);
            }
        }
        return new RpcBlock(
            RpcJson.Int64(json, "number"),
            RpcJson.Hash(json, "hash"),
            RpcJson.Hash(json, "parentHash"),
            RpcJson.Int64(json, "timestamp"),
            hashes,
            transactions);
    }
}

/// <summary>A transaction as a full block lists it. <see cref="To"/> is null for a contract creation.</summary>
public sealed record RpcTransaction(
    TxHash Hash,
    EthAddress From,
    EthAddress? To,
    BigInteger Value,
    long BlockNumber,
    Hash32 BlockHash,
    int TransactionIndex)
{
    internal static RpcTransaction FromJson(JsonElement json) => new(
        RpcJson.TxHash(json, "hash"),
        RpcJson.Address(json, "from"),
        RpcJson.OptionalAddress(json, "to"),
        RpcJson.BigInteger(json, "value"),
        RpcJson.Int64(json, "blockNumber"),
        RpcJson.Hash(json, "blockHash"),
        RpcLog.ToInt32(RpcJson.Int64(json, "transactionIndex"), "transactionIndex"));
}
