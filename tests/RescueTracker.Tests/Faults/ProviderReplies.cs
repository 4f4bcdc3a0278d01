using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RescueTracker.Tests.Faults;

/// <summary>A reply the proxy writes instead of (or made from) the node's.</summary>
public sealed record ProxyReply(int Status, string ContentType, byte[] Body, int? RetryAfterSeconds = null);

/// <summary>
/// Replies shaped like real providers' (shared/provider-errors.md): same codes, same wording, same
/// hex style, so the client is tested against what it will meet rather than what we wish it met.
/// </summary>
public static class ProviderReplies
{
    /// <summary>Infura's rate limit as sent with HTTP 429.</summary>
    public static ProxyReply Http429(RpcCall call, int retryAfterSeconds) => new(429, "application/json",
        Error(call, -32005, "project ID request rate exceeded",
            $$"""{"see":"https://infura.io/dashboard","current_rps":13.333,"allowed_rps":10.0,"backoff_seconds":{{retryAfterSeconds}}}"""),
        retryAfterSeconds);

    /// <summary>Some providers put the 429 inside an HTTP 200 as a JSON-RPC error.</summary>
    public static ProxyReply RpcTooManyRequests(RpcCall call) => Ok(Error(call, 429, "Too Many Requests"));

    /// <summary>Infura's -32005 rate limit in an HTTP 200.</summary>
    public static ProxyReply InfuraRateLimited(RpcCall call) => Ok(Error(call, -32005, "daily request count exceeded, request rate limited"));

    /// <summary>Infura: the same start, a shorter end, upper-case hex, and the range repeated in data.</summary>
    public static ProxyReply InfuraTooManyResults(RpcCall call, long maxBlocks)
    {
        var (from, to) = Suggest(call, maxBlocks);
        var f = "0x" + from.ToString("X", CultureInfo.InvariantCulture);
        var t = "0x" + to.ToString("X", CultureInfo.InvariantCulture);
        return Ok(Error(call, -32005, $"query returned more than 10000 results. Try with this block range [{f}, {t}].",
            $$"""{"from":"{{f}}","to":"{{t}}","limit":10000}"""));
    }

    /// <summary>Alchemy: -32602 with the working range in the message, lower-case hex.</summary>
    public static ProxyReply AlchemyResponseTooLarge(RpcCall call, long maxBlocks)
    {
        var (from, to) = Suggest(call, maxBlocks);
        return Ok(Error(call, -32602,
            "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no limit on the response size, "
            + "or you can request any block range with a cap of 10K logs in the response. Based on your parameters, this block range should work: "
            + $"[0x{from:x}, 0x{to:x}]"));
    }

    /// <summary>QuickNode, 1RPC, Blast: a block count with a thousands separator, no range. The code varies; -32000 is the generic one.</summary>
    public static ProxyReply QuickNodeRangeLimit(RpcCall call, long maxBlocks) =>
        Ok(Error(call, -32000, $"eth_getLogs is limited to a {maxBlocks.ToString("N0", CultureInfo.InvariantCulture)} range"));

    /// <summary>
    /// Providers that name only a block count, each in its own words (shared/provider-errors.md):
    /// BlockPI, Avalanche (which repeats the range asked), Cloudflare, thirdweb, Coinbase's Base node.
    /// </summary>
    public static ProxyReply BlockCountLimit(RpcCall call, string provider, long maxBlocks)
    {
        var n = maxBlocks.ToString("N0", CultureInfo.InvariantCulture);
        var message = provider switch
        {
            "blockpi" => $"eth_getLogs is limited to {maxBlocks} block range",
            "avalanche" => $"requested too many blocks from {call.From} to {call.To}, maximum is set to {maxBlocks}",
            "cloudflare" => $"Invalid eth_getLogs request. Max range: {maxBlocks}",
            "thirdweb" => $"Maximum allowed number of requested blocks is {maxBlocks}",
            "coinbase" => $"please limit the query to at most {n} blocks",
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "No such provider shape."),
        };
        return Ok(Error(call, -32000, message));
    }

    /// <summary>Ankr, LlamaRPC: no number that helps; the client has to halve.</summary>
    public static ProxyReply AnkrMaxResults(RpcCall call) => Ok(Error(call, -32000, "query exceeds max results 10000"));

    /// <summary>An nginx gateway in front of a node that went away.</summary>
    public static ProxyReply Gateway502() => new(502, "text/html", Encoding.UTF8.GetBytes(
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n"
        + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"));

    /// <summary>The node's own reply cut in half, as when a connection drops mid-body behind a proxy.</summary>
    public static ProxyReply Truncated(ProxyReply real) => real with { Body = real.Body[..(real.Body.Length / 2)] };

    private static (long From, long To) Suggest(RpcCall call, long maxBlocks)
    {
        var from = call.From ?? throw new InvalidOperationException($"{call.Method} has no block range to refuse.");
        return (from, Math.Min(call.To!.Value, from + maxBlocks - 1));
    }

    private static ProxyReply Ok(byte[] body) => new(200, "application/json", body);

    private static byte[] Error(RpcCall call, long code, string message, string? dataJson = null)
    {
        var data = dataJson is null ? "" : $",\"data\":{dataJson}";
        return Encoding.UTF8.GetBytes(
            $"{{\"jsonrpc\":\"2.0\",\"id\":{call.IdJson},\"error\":{{\"code\":{code},\"message\":{JsonSerializer.Serialize(message)}{data}}}}}");
    }
}
