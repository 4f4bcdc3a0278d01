namespace RescueTracker.Tests.Faults;

/// <summary>A provider that accepts a request and then says nothing for longer than the client waits.</summary>
public sealed class TimeoutTests(FaultChain chain) : IClassFixture<FaultChain>
{
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan SchedulingMargin = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_request_held_past_the_attempt_timeout_is_abandoned_and_asked_again()
    {
        await using var run = await ReconcilerRun.StartAsync(chain,
            FaultRule.Reply(Fault.Timeout(Hold)).To("eth_getLogs").First(2),
            FaultRule.Reply(Fault.Timeout(Hold)).To("eth_getBlockByNumber").Every(20).AtMost(1));

        Assert.Equal(1, await run.PollUntilCaughtUpAsync());

        var log = run.Proxy.Log;
        var held = log.Where(r => r.Reply == ReplyKind.Timeout).ToList();
        Assert.Equal(["eth_getLogs", "eth_getLogs", "eth_getBlockByNumber"], held.Select(r => r.Method));
        foreach (var r in held)
        {
            var retry = FaultAssert.RetryOf(log, r);
            var waited = retry.At - r.At;
            // Asked again after the 500 ms attempt timeout, without sitting out the 2 s hold. The times are
            // when the proxy, in this busy process, got to each request: the held one may be logged a few
            // tens of milliseconds after its attempt's timer started, hence the margin.
            Assert.True(waited >= ReconcilerRun.Retry.AttemptTimeout - SchedulingMargin && waited < Hold,
                $"{r.Method} held at {r.At.TotalMilliseconds:0} ms was retried after {waited.TotalMilliseconds:0} ms.");
            FaultAssert.AnsweredInTheEnd(log, r);
        }
        FaultAssert.AnsweredRangesCover(log, "eth_getLogs", 0, chain.Head, allowOverlap: false);
        await FaultAssert.StoredExactlyTheChainsTransfersAsync(run);
    }
}
