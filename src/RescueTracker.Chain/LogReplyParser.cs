using System.Text.Json;

namespace RescueTracker.Chain;

/// <summary>
/// The JSON-RPC envelope of one eth_getLogs reply, read piece by piece as the body arrives. Each log
/// is decoded once it is wholly buffered; everything else (the error, the id) is judged when the
/// reply ends, in the order <see cref="EthRpcClient"/> judges a reply read whole: not an object,
/// then the error, then a mismatched id, then a missing or non-array result.
/// </summary>
internal sealed class LogReplyParser(string method, long requestId)
{
    private const int ExcerptBytes = RpcReply.ExcerptLength * 4;

    private enum Phase { Start, Envelope, Logs, Done }

    private Phase _phase;
    private JsonReaderState _state;
    private readonly byte[] _excerpt = new byte[ExcerptBytes];
    private int _excerptLength;
    private Nethereum.JsonRpc.Client.RpcResponseException? _error;
    private string? _problem;
    private bool _resultSeen;

    public int LogCount { get; private set; }

    /// <summary>Keeps the start of the body for error messages.</summary>
    public void Observe(ReadOnlySpan<byte> received)
    {
        var take = Math.Min(received.Length, ExcerptBytes - _excerptLength);
        received[..take].CopyTo(_excerpt.AsSpan(_excerptLength));
        _excerptLength += take;
    }

    /// <summary>Decodes what <paramref name="data"/> completes and returns how many of its bytes were used.</summary>
    /// <exception cref="RpcMalformedResponseException">The reply is not valid JSON, or a log in it is malformed.</exception>
    public int Parse(ReadOnlySpan<byte> data, bool isFinalBlock, List<Erc20Transfer> transfers)
    {
        var reader = new Utf8JsonReader(data, isFinalBlock, _state);
        try
        {
            while (_phase != Phase.Done && Step(ref reader, data, transfers))
            {
            }
            // After the envelope only whitespace may follow; the reader throws on anything else.
            if (_phase == Phase.Done && isFinalBlock) reader.Read();
        }
        catch (JsonException e)
        {
            throw Malformed("not valid JSON", e);
        }
        catch (RpcFormatException e)
        {
            throw Malformed(e.Message, e);
        }
        if (isFinalBlock && _phase != Phase.Done) throw Malformed("the reply ended before its JSON did");
        _state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    /// <summary>Called once the whole reply was parsed: raises what the envelope said instead of a result.</summary>
    public void Finish()
    {
        if (_error is not null) throw _error;
        if (_problem is not null) throw Malformed(_problem);
        if (!_resultSeen) throw Malformed("neither result nor error");
    }

    public RpcMalformedResponseException Malformed(string problem, Exception? inner = null) =>
        new(method, problem, RpcReply.Excerpt(_excerpt.AsSpan(0, _excerptLength)), inner);

    /// <summary>One token or one whole value; false when <paramref name="data"/> ends first (the reader is then left before it).</summary>
    private bool Step(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, List<Erc20Transfer> transfers)
    {
        var before = reader;
        if (!reader.Read()) return false;
        switch (_phase)
        {
            case Phase.Start:
                if (reader.TokenType != JsonTokenType.StartObject)
                    throw new RpcFormatException($"expected a JSON-RPC object, got {Kind(reader.TokenType)}");
                _phase = Phase.Envelope;
                return true;
            case Phase.Envelope when reader.TokenType == JsonTokenType.EndObject:
                _phase = Phase.Done;
                return true;
            case Phase.Envelope:
                var name = reader.GetString();
                if (!reader.Read())
                {
                    reader = before;
                    return false;
                }
                if (name == "result" && reader.TokenType == JsonTokenType.StartArray)
                {
                    if (_resultSeen) throw new RpcFormatException("the reply holds two results");
                    _resultSeen = true;
                    _phase = Phase.Logs;
                    return true;
                }
                if (!Whole(ref reader, data, out var value))
                {
                    reader = before;
                    return false;
                }
                Member(name, value);
                return true;
            default:
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _phase = Phase.Envelope;
                    return true;
                }
                if (reader.TokenType != JsonTokenType.StartObject)
                    throw new RpcFormatException($"expected an object holding 'address', got {Kind(reader.TokenType)}");
                if (!Whole(ref reader, data, out var log))
                {
                    reader = before;
                    return false;
                }
                LogCount++;
                if (LogJson.TryDecodeTransfer(log, out var transfer)) transfers.Add(transfer!);
                return true;
        }
    }

    /// <summary>The value starting at the current token, if it is all in <paramref name="data"/>; the reader then moves past it.</summary>
    private static bool Whole(ref Utf8JsonReader reader, ReadOnlySpan<byte> data, out ReadOnlySpan<byte> value)
    {
        var probe = reader;
        value = default;
        if (!probe.TrySkip()) return false;
        value = data[(int)reader.TokenStartIndex..(int)probe.BytesConsumed];
        reader = probe;
        return true;
    }

    private void Member(string? name, ReadOnlySpan<byte> value)
    {
        using var document = JsonDocument.Parse(value.ToArray());
        var element = document.RootElement;
        switch (name)
        {
            case "error" when element.ValueKind != JsonValueKind.Null:
                _error ??= ReadError(method, element);
                break;
            case "id" when element.ValueKind == JsonValueKind.Number && (!element.TryGetInt64(out var id) || id != requestId):
                _problem ??= $"reply id {element.GetRawText()} does not match request id {requestId}";
                break;
            case "result":
                if (_resultSeen) throw new RpcFormatException("the reply holds two results");
                _resultSeen = true;
                _problem ??= $"result should be an array, got {element.ValueKind}";
                break;
        }
    }

    internal static Nethereum.JsonRpc.Client.RpcResponseException ReadError(string method, JsonElement error)
    {
        if (error.ValueKind != JsonValueKind.Object) return RpcErrors.Raise(method, 0, error.ToString(), null);
        var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : 0;
        var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
        var data = error.TryGetProperty("data", out var d) && d.ValueKind != JsonValueKind.Null ? d.GetRawText() : null;
        return RpcErrors.Raise(method, code, message, data);
    }

    private static string Kind(JsonTokenType token) => token switch
    {
        JsonTokenType.StartArray => "Array",
        JsonTokenType.StartObject => "Object",
        JsonTokenType.True => "True",
        JsonTokenType.False => "False",
        _ => token.ToString(),
    };
}
