using System.Globalization;
using System.Text.Json;

namespace RescueTracker.Tests.Faults;

/// <summary>
/// One JSON-RPC request as the proxy saw it. The block range is read for the two range methods,
/// because range refusals and the "no gap" check are about exactly those.
/// </summary>
public sealed record RpcCall(string Method, string IdJson, string ParamsJson, long? From, long? To)
{
    /// <summary>Blocks in the requested range, or null for methods without one.</summary>
    public long? Width => From is { } f && To is { } t ? t - f + 1 : null;

    public static RpcCall Parse(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var method = root.GetProperty("method").GetString()!;
        var id = root.TryGetProperty("id", out var i) ? i.GetRawText() : "null";
        var hasParams = root.TryGetProperty("params", out var p);
        long? from = null, to = null;
        if (method is "eth_getLogs" or "trace_filter" && hasParams && p.ValueKind == JsonValueKind.Array && p.GetArrayLength() > 0)
        {
            from = Quantity(p[0], "fromBlock");
            to = Quantity(p[0], "toBlock");
        }
        return new RpcCall(method, id, hasParams ? p.GetRawText() : "[]", from, to);
    }

    private static long? Quantity(JsonElement filter, string name) =>
        filter.TryGetProperty(name, out var value) && value.GetString() is { } hex && hex.StartsWith("0x", StringComparison.Ordinal)
            ? long.Parse(hex.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
            : null;
}

/// <summary>What the proxy did with a request.</summary>
public enum ReplyKind
{
    /// <summary>Passed to the node; its reply went back unchanged.</summary>
    Forwarded,
    /// <summary>HTTP 429 with Retry-After.</summary>
    HttpRateLimited,
    /// <summary>HTTP 200 carrying a JSON-RPC rate-limit error.</summary>
    RpcRateLimited,
    /// <summary>HTTP 200 carrying a JSON-RPC refusal of the block range.</summary>
    RangeRefused,
    /// <summary>Held longer than the client waits.</summary>
    Timeout,
    /// <summary>The node's reply cut off half way.</summary>
    Truncated,
    /// <summary>A gateway's HTML 502 page instead of JSON.</summary>
    GatewayError,
}

/// <summary>One line of the proxy's log: <see cref="At"/> is when the request arrived, from the proxy's start.</summary>
public sealed record ProxyRecord(int Seq, RpcCall Call, ReplyKind Reply, TimeSpan At)
{
    /// <summary>When the reply was written out in full; null while pending, or when the client gave up first.</summary>
    public TimeSpan? Answered { get; init; }

    /// <summary>The name of the fault that answered, e.g. "HTTP 429, Retry-After 1"; null when forwarded.</summary>
    public string? FaultName { get; init; }

    public string Method => Call.Method;
    public long? From => Call.From;
    public long? To => Call.To;

    /// <summary>The same method with the same parameters: a retry of this request.</summary>
    public bool IsSameRequestAs(ProxyRecord other) => Method == other.Method && Call.ParamsJson == other.Call.ParamsJson;
}
