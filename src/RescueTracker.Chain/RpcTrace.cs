using System.Numerics;
using System.Text.Json;

namespace RescueTracker.Chain;

/// <summary>
/// One trace from trace_filter (Parity/OpenEthereum format, served by Erigon, Nethermind,
/// Reth and Anvil). An empty <see cref="TraceAddress"/> is the transaction's top-level call,
/// which the transaction itself already shows; a non-empty one is an internal call.
/// </summary>
public sealed record RpcTrace(
    string Type,
    TraceAction Action,
    long BlockNumber,
    Hash32 BlockHash,
    TxHash? TransactionHash,
    int? TransactionPosition,
    IReadOnlyList<int> TraceAddress,
    int Subtraces,
    string? Error)
{
    public bool IsTopLevel => TraceAddress.Count == 0;

    /// <summary>
    /// Whether this trace moved ether from <see cref="TraceAction.From"/> to <see cref="TraceAction.To"/>.
    /// A delegatecall's value is the caller's own, re-reported, and staticcall cannot carry value;
    /// counting either would count one payment twice. A trace with an error of its own moved
    /// nothing; one without may still sit inside a reverted frame (see <see cref="TraceFrames"/>).
    /// </summary>
    public bool MovesValue =>
        Error is null
        && Action.Value.Sign > 0
        && Action.From is not null
        && Action.To is not null
        && Type switch
        {
            "call" => Action.CallType is null or "call",
            "create" or "suicide" => true,
            _ => false,
        };

    internal static RpcTrace FromJson(JsonElement json)
    {
        var traceAddress = new List<int>();
        foreach (var index in RpcJson.Array(json, "traceAddress").EnumerateArray())
        {
            traceAddress.Add(index.ValueKind == JsonValueKind.Number && index.TryGetInt32(out var i) && i >= 0
                ? i
                : throw new RpcFormatException($"field 'traceAddress' holds {index.GetRawText()}, not an index"));
        }
        var type = RpcJson.String(json, "type");
        var position = RpcJson.OptionalInt64(json, "transactionPosition");
        return new RpcTrace(
            type,
            TraceAction.FromJson(type, RpcJson.Required(json, "action"), RpcJson.Optional(json, "result")),
            RpcJson.Int64(json, "blockNumber"),
            RpcJson.Hash(json, "blockHash"),
            RpcJson.OptionalTxHash(json, "transactionHash"),
            position is { } p ? RpcLog.ToInt32(p, "transactionPosition") : null,
            traceAddress,
            RpcLog.ToInt32(RpcJson.OptionalInt64(json, "subtraces") ?? 0, "subtraces"),
            RpcJson.OptionalString(json, "error"));
    }
}

/// <summary>
/// Who sent how much to whom in a trace, whatever its type: for a create the new contract is
/// <see cref="To"/>; for a selfdestruct ("suicide") the destroyed contract is <see cref="From"/>
/// and its beneficiary <see cref="To"/>; a block reward has no sender.
/// </summary>
public sealed record TraceAction(EthAddress? From, EthAddress? To, BigInteger Value, string? CallType)
{
    internal static TraceAction FromJson(string type, JsonElement action, JsonElement? result) => type switch
    {
        "call" => new(
            RpcJson.Address(action, "from"),
            RpcJson.Address(action, "to"),
            RpcJson.OptionalBigInteger(action, "value") ?? BigInteger.Zero,
            RpcJson.OptionalString(action, "callType")),
        "create" => new(
            RpcJson.Address(action, "from"),
            result is { } r ? RpcJson.OptionalAddress(r, "address") : null,
            RpcJson.OptionalBigInteger(action, "value") ?? BigInteger.Zero,
            null),
        "suicide" => new(
            RpcJson.Address(action, "address"),
            RpcJson.Address(action, "refundAddress"),
            RpcJson.OptionalBigInteger(action, "balance") ?? BigInteger.Zero,
            null),
        "reward" => new(
            null,
            RpcJson.Address(action, "author"),
            RpcJson.OptionalBigInteger(action, "value") ?? BigInteger.Zero,
            null),
        _ => new(
            RpcJson.OptionalAddress(action, "from"),
            RpcJson.OptionalAddress(action, "to"),
            RpcJson.OptionalBigInteger(action, "value") ?? BigInteger.Zero,
            RpcJson.OptionalString(action, "callType")),
    };
}
