namespace RescueTracker.Tests.Faults;

/// <summary>
/// What the proxy answers instead of the node. <paramref name="Reply"/> gets the call and a way to ask
/// the real node, for faults built from its real reply (a truncated body, a slow answer).
/// </summary>
public sealed record Fault(
    ReplyKind Kind,
    string Name,
    Func<RpcCall, Func<CancellationToken, Task<ProxyReply>>, CancellationToken, Task<ProxyReply>> Reply)
{
    public static Fault Http429(int retryAfterSeconds = 1) =>
        Fixed(ReplyKind.HttpRateLimited, $"HTTP 429, Retry-After {retryAfterSeconds}", c => ProviderReplies.Http429(c, retryAfterSeconds));

    public static Fault RpcTooManyRequests() =>
        Fixed(ReplyKind.RpcRateLimited, "JSON-RPC 429 Too Many Requests", ProviderReplies.RpcTooManyRequests);

    public static Fault InfuraRateLimited() =>
        Fixed(ReplyKind.RpcRateLimited, "Infura -32005 rate limited", ProviderReplies.InfuraRateLimited);

    public static Fault InfuraTooManyResults(long maxBlocks) =>
        Fixed(ReplyKind.RangeRefused, $"Infura -32005, {maxBlocks} blocks suggested", c => ProviderReplies.InfuraTooManyResults(c, maxBlocks));

    public static Fault AlchemyResponseTooLarge(long maxBlocks) =>
        Fixed(ReplyKind.RangeRefused, $"Alchemy -32602, {maxBlocks} blocks suggested", c => ProviderReplies.AlchemyResponseTooLarge(c, maxBlocks));

    public static Fault QuickNodeRangeLimit(long maxBlocks) =>
        Fixed(ReplyKind.RangeRefused, $"QuickNode limit of {maxBlocks} blocks", c => ProviderReplies.QuickNodeRangeLimit(c, maxBlocks));

    /// <summary>A block count only, in the words of <paramref name="provider"/> (see <see cref="ProviderReplies.BlockCountLimit"/>).</summary>
    public static Fault BlockCountLimit(string provider, long maxBlocks) =>
        Fixed(ReplyKind.RangeRefused, $"{provider} limit of {maxBlocks} blocks", c => ProviderReplies.BlockCountLimit(c, provider, maxBlocks));

    public static Fault AnkrMaxResults() =>
        Fixed(ReplyKind.RangeRefused, "Ankr max results, no suggestion", ProviderReplies.AnkrMaxResults);

    public static Fault Gateway502() => Fixed(ReplyKind.GatewayError, "nginx 502 page", _ => ProviderReplies.Gateway502());

    public static Fault Truncated() => new(ReplyKind.Truncated, "truncated body",
        async (_, node, ct) => ProviderReplies.Truncated(await node(ct)));

    /// <summary>Holds the request, then answers late; a client that gave up has gone by then.</summary>
    public static Fault Timeout(TimeSpan hold) => new(ReplyKind.Timeout, $"held {hold.TotalMilliseconds:0} ms",
        async (_, node, ct) =>
        {
            await Task.Delay(hold, ct);
            return await node(ct);
        });

    private static Fault Fixed(ReplyKind kind, string name, Func<RpcCall, ProxyReply> reply) =>
        new(kind, name, (call, _, _) => Task.FromResult(reply(call)));
}
