using System.Numerics;
using Newtonsoft.Json.Linq;

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

    /// <summary>
    /// Reads a trace_filter or trace_transaction reply; a malformed one is refused whole, naming the
    /// field. Null (how some nodes answer for a transaction they do not know; Anvil says []) is none.
    /// </summary>
    public static IReadOnlyList<RpcTrace> ListFromJson(string method, JToken? result)
    {
        if (result is null || result.Type == JTokenType.Null) return [];
        if (result is not JArray items)
            throw new RpcMalformedResponseException(method, $"the result should be an array, got {result?.Type.ToString() ?? "nothing"}", "");
        try
        {
            return [.. items.Select(FromJson)];
        }
        catch (RpcFormatException e)
        {
            throw new RpcMalformedResponseException(method, e.Message, "", e);
        }
    }

    /// <summary>Reads one entry of a trace_filter or trace_transaction reply, as Nethereum hands it over.</summary>
    public static RpcTrace FromJson(JToken json)
    {
        var traceAddress = new List<int>();
        foreach (var index in TraceJson.Array(json, "traceAddress"))
        {
            traceAddress.Add(index.Type == JTokenType.Integer && index.Value<long>() is >= 0 and <= int.MaxValue
                ? index.Value<int>()
                : throw new RpcFormatException($"field 'traceAddress' holds {index.ToString(Newtonsoft.Json.Formatting.None)}, not an index"));
        }
        var type = TraceJson.String(json, "type");
        var position = TraceJson.OptionalInt64(json, "transactionPosition");
        return new RpcTrace(
            type,
            TraceAction.FromJson(type, TraceJson.Required(json, "action"), TraceJson.Optional(json, "result")),
            TraceJson.Int64(json, "blockNumber"),
            TraceJson.Hash(json, "blockHash"),
            TraceJson.OptionalHash(json, "transactionHash") is { } tx ? new TxHash(tx) : null,
            position is { } p ? RpcFormatException.ToInt32(p, "transactionPosition") : null,
            traceAddress,
            RpcFormatException.ToInt32(TraceJson.OptionalInt64(json, "subtraces") ?? 0, "subtraces"),
            TraceJson.OptionalString(json, "error"));
    }
}

/// <summary>
/// Who sent how much to whom in a trace, whatever its type: for a create the new contract is
/// <see cref="To"/>; for a selfdestruct ("suicide") the destroyed contract is <see cref="From"/>
/// and its beneficiary <see cref="To"/>; a block reward has no sender.
/// </summary>
public sealed record TraceAction(EthAddress? From, EthAddress? To, BigInteger Value, string? CallType)
{
    internal static TraceAction FromJson(string type, JToken action, JToken? result) => type switch
    {
        "call" => new(
            TraceJson.Address(action, "from"),
            TraceJson.Address(action, "to"),
            TraceJson.OptionalBigInteger(action, "value") ?? BigInteger.Zero,
            TraceJson.OptionalString(action, "callType")),
        "create" => new(
            TraceJson.Address(action, "from"),
            result is { } r ? TraceJson.OptionalAddress(r, "address") : null,
            TraceJson.OptionalBigInteger(action, "value") ?? BigInteger.Zero,
            null),
        "suicide" => new(
            TraceJson.Address(action, "address"),
            TraceJson.Address(action, "refundAddress"),
            TraceJson.OptionalBigInteger(action, "balance") ?? BigInteger.Zero,
            null),
        "reward" => new(
            null,
            TraceJson.Address(action, "author"),
            TraceJson.OptionalBigInteger(action, "value") ?? BigInteger.Zero,
            null),
        _ => new(
            TraceJson.OptionalAddress(action, "from"),
            TraceJson.OptionalAddress(action, "to"),
            TraceJson.OptionalBigInteger(action, "value") ?? BigInteger.Zero,
            TraceJson.OptionalString(action, "callType")),
    };
}
