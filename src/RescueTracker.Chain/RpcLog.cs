using System.Text.Json;

namespace RescueTracker.Chain;

/// <summary>
/// An event log as eth_getLogs and receipts return it. Keeps the block hash and
/// <see cref="Removed"/> because a log is only as good as the block it was read from.
/// </summary>
public sealed record RpcLog(
    EthAddress Address,
    IReadOnlyList<Hash32> Topics,
    ReadOnlyMemory<byte> Data,
    long BlockNumber,
    Hash32 BlockHash,
    TxHash TransactionHash,
    int TransactionIndex,
    int LogIndex,
    bool Removed)
{
    internal static RpcLog FromJson(JsonElement json)
    {
        var topics = new List<Hash32>(4);
        foreach (var topic in RpcJson.Array(json, "topics").EnumerateArray())
            topics.Add(RpcJson.ToHash(topic, "topics"));
        return new RpcLog(
            RpcJson.Address(json, "address"),
            topics,
            RpcJson.Data(json, "data"),
            RpcJson.Int64(json, "blockNumber"),
            RpcJson.Hash(json, "blockHash"),
            RpcJson.TxHash(json, "transactionHash"),
            ToInt32(RpcJson.OptionalInt64(json, "transactionIndex") ?? 0, "transactionIndex"),
            ToInt32(RpcJson.Int64(json, "logIndex"), "logIndex"),
            // Older nodes omit "removed" on receipt logs, which are never removed ones.
            RpcJson.OptionalBool(json, "removed"));
    }

    internal static int ToInt32(long value, string name) =>
        value <= int.MaxValue ? (int)value : throw new RpcFormatException($"field '{name}' is too large: {value}");
}
