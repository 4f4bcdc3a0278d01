namespace RescueTracker.Tests.Faults;

/// <summary>Rate limits, as HTTP 429 with Retry-After and as JSON-RPC errors in an HTTP 200.</summary>
public sealed class RateLimitTests(FaultChain chain) : IClassFixture<FaultChain>
{
    [Fact]
    public async Task Http_429_is_retried_no_sooner_than_its_retry_after_and_every_transfer_is_stored_once()
    {
        await using var run = await ReconcilerRun.StartAsync(chain,
            FaultRule.Reply(Fault.Http429(retryAfterSeconds: 1)).To("eth_getLogs").First(2));

        Assert.Equal(1, await run.PollUntilCaughtUpAsync());

        var log = run.Proxy.Log;
        var limited = log.Where(r => r.Reply == ReplyKind.HttpRateLimited).ToList();
        Assert.Equal(2, limited.Count);
        foreach (var refused in limited)
        {
            var retry = FaultAssert.RetryOf(log, refused);
            // The jittered backoff alone would wait about 20-40 ms; only Retry-After explains a second.
            Assert.True(retry.At - refused.At >= TimeSpan.FromSeconds(1),
                $"eth_getLogs {refused.From}..{refused.To} was retried after {(retry.At - refused.At).TotalMilliseconds:0} ms, before Retry-After: 1.");
        }
        FaultAssert.AnsweredRangesCover(log, "eth_getLogs", 0, chain.Head, allowOverlap: false);
        await FaultAssert.StoredExactlyTheChainsTransfersAsync(run);
    }

    [Fact]
    public async Task Rate_limit_errors_inside_a_200_reply_are_retried_like_a_429()
    {
        await using var run = await ReconcilerRun.StartAsync(chain,
            FaultRule.Reply(Fault.RpcTooManyRequests()).To("eth_getLogs").First(2),
            FaultRule.Reply(Fault.InfuraRateLimited()).To("eth_getBlockByNumber").Every(5).AtMost(3),
            FaultRule.Reply(Fault.RpcTooManyRequests()).To("trace_filter").First(1));

        Assert.Equal(1, await run.PollUntilCaughtUpAsync());

        var log = run.Proxy.Log;
        var limited = log.Where(r => r.Reply == ReplyKind.RpcRateLimited).ToList();
        Assert.Equal(["eth_getBlockByNumber", "eth_getBlockByNumber", "eth_getBlockByNumber", "eth_getLogs", "eth_getLogs", "trace_filter"],
            limited.Select(r => r.Method).Order(StringComparer.Ordinal));
        foreach (var refused in limited) FaultAssert.AnsweredInTheEnd(log, refused);
        FaultAssert.AnsweredRangesCover(log, "eth_getLogs", 0, chain.Head, allowOverlap: false);
        await FaultAssert.StoredExactlyTheChainsTransfersAsync(run);
    }
}
