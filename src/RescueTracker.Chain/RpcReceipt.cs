using System.Text.Json;

namespace RescueTracker.Chain;

/// <summary>
/// A transaction receipt. <see cref="Succeeded"/> is null before Byzantium (2017), when
/// receipts carried a state root instead of a status; a failed transaction moved no value.
/// </summary>
public sealed record RpcReceipt(
    TxHash TransactionHash,
    long BlockNumber,
    Hash32 BlockHash,
    EthAddress From,
    EthAddress? To,
    EthAddress? ContractAddress,
    bool? Succeeded,
    IReadOnlyList<RpcLog> Logs)
{
    internal static RpcReceipt FromJson(JsonElement json)
    {
        var logs = new List<RpcLog>();
        foreach (var log in RpcJson.Array(json, "logs").EnumerateArray())
            logs.Add(RpcLog.FromJson(log));
        bool? succeeded = RpcJson.OptionalInt64(json, "status") switch
        {
            null => null,
            0 => false,
            1 => true,
            var other => throw new RpcFormatException($"field 'status' should be 0x0 or 0x1, got {other}"),
        };
        return new RpcReceipt(
            RpcJson.TxHash(json, "transactionHash"),
            RpcJson.Int64(json, "blockNumber"),
            RpcJson.Hash(json, "blockHash"),
            RpcJson.Address(json, "from"),
            RpcJson.OptionalAddress(json, "to"),
            RpcJson.OptionalAddress(json, "contractAddress"),
            succeeded,
            logs);
    }
}
