namespace RescueTracker.Tests.Faults;

/// <summary>Replies that are not JSON-RPC: a body cut off half way, a gateway's HTML error page.</summary>
public sealed class MalformedReplyTests(FaultChain chain) : IClassFixture<FaultChain>
{
    [Fact]
    public async Task Truncated_bodies_and_html_gateway_pages_are_retried_and_do_not_switch_traces_off()
    {
        await using var run = await ReconcilerRun.StartAsync(chain,
            FaultRule.Reply(Fault.Truncated()).To("eth_getLogs").First(2),
            FaultRule.Reply(Fault.Truncated()).To("eth_blockNumber").First(1),
            // The first trace_filter is the probe for trace support; a broken reply must not read as "no traces".
            FaultRule.Reply(Fault.Truncated()).To("trace_filter").First(1),
            FaultRule.Reply(Fault.Gateway502()).To("eth_getBlockByNumber").Every(9).AtMost(2),
            FaultRule.Reply(Fault.Gateway502()).To("eth_getLogs").Every(3).AtMost(1));

        Assert.Equal(1, await run.PollUntilCaughtUpAsync());

        var log = run.Proxy.Log;
        var truncated = log.Where(r => r.Reply == ReplyKind.Truncated).Select(r => r.Method).Order(StringComparer.Ordinal);
        Assert.Equal(["eth_blockNumber", "eth_getLogs", "eth_getLogs", "trace_filter"], truncated);
        var gateway = log.Where(r => r.Reply == ReplyKind.GatewayError).Select(r => r.Method).Order(StringComparer.Ordinal);
        Assert.Equal(["eth_getBlockByNumber", "eth_getBlockByNumber", "eth_getLogs"], gateway);
        foreach (var r in log.Where(r => r.Reply is ReplyKind.Truncated or ReplyKind.GatewayError))
            FaultAssert.AnsweredInTheEnd(log, r);

        Assert.True((await run.StateAsync()).TracesSupported);
        FaultAssert.AnsweredRangesCover(log, "eth_getLogs", 0, chain.Head, allowOverlap: false);
        await FaultAssert.StoredExactlyTheChainsTransfersAsync(run);
    }

    [Fact]
    public async Task A_trace_probe_answered_only_with_broken_bodies_fails_the_poll_rather_than_switching_traces_off()
    {
        // More broken replies in a row than the retries allow: the probe itself gives up.
        var attempts = ReconcilerRun.Retry.MaxAttempts + 1;
        await using var run = await ReconcilerRun.StartAsync(chain,
            FaultRule.Reply(Fault.Truncated()).To("trace_filter").First(attempts));

        Assert.Equal(2, await run.PollUntilCaughtUpAsync());

        var failure = Assert.Single(run.FailedPolls);
        Assert.StartsWith("trace_filter: malformed reply (not valid JSON): {\"jsonrpc\":\"2.0\"", failure);
        Assert.Equal(attempts, run.Proxy.Log.Count(r => r.Reply == ReplyKind.Truncated));
        Assert.True((await run.StateAsync()).TracesSupported);
        await FaultAssert.StoredExactlyTheChainsTransfersAsync(run);
    }
}
