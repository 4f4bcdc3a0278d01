namespace RescueTracker.Tests.Faults;

/// <summary>Every kind of fault in one catch-up, including a burst long enough to fail a whole poll.</summary>
public sealed class MixedFaultTests(FaultChain chain) : IClassFixture<FaultChain>
{
    [Fact]
    public async Task With_every_fault_at_once_the_catch_up_ends_with_exactly_the_chains_transfers()
    {
        var attempts = ReconcilerRun.Retry.MaxAttempts + 1;
        await using var run = await ReconcilerRun.StartAsync(chain,
            // One more 502 than the retries allow: the first poll gives up there and the next resumes.
            FaultRule.Reply(Fault.Gateway502()).To("eth_getLogs").WhenCovering(40).First(attempts),
            FaultRule.Reply(Fault.Http429(retryAfterSeconds: 1)).To("eth_getLogs").First(1),
            FaultRule.Reply(Fault.RpcTooManyRequests()).To("eth_blockNumber").First(1),
            FaultRule.Reply(Fault.InfuraRateLimited()).To("eth_getBlockByNumber").Every(13).AtMost(2),
            FaultRule.Reply(Fault.Timeout(TimeSpan.FromSeconds(2))).Every(17).AtMost(2),
            FaultRule.Reply(Fault.Truncated()).To("eth_getLogs").Every(3).AtMost(2),
            FaultRule.Reply(Fault.AnkrMaxResults()).To("eth_getLogs").WhenWiderThan(12),
            FaultRule.Reply(Fault.InfuraTooManyResults(maxBlocks: 8)).To("eth_getLogs").WhenWiderThan(8).Every(2),
            FaultRule.Reply(Fault.AlchemyResponseTooLarge(maxBlocks: 6)).To("eth_getLogs").WhenWiderThan(6).Every(2),
            FaultRule.Reply(Fault.QuickNodeRangeLimit(maxBlocks: 5)).To("trace_filter").WhenWiderThan(5));

        Assert.Equal(2, await run.PollUntilCaughtUpAsync());

        var failure = Assert.Single(run.FailedPolls);
        Assert.StartsWith("eth_getLogs: HTTP 502 BadGateway: <html>", failure);
        var state = await run.StateAsync();
        Assert.Equal(failure, state.LastError);
        Assert.Equal(chain.Head, state.LastScannedBlock);

        var log = run.Proxy.Log;
        Assert.Equal(Enum.GetValues<ReplyKind>(), log.Select(r => r.Reply).Distinct().Order());
        Assert.Equal(attempts, log.Count(r => r.Reply == ReplyKind.GatewayError));
        FaultAssert.AnsweredRangesCover(log, "eth_getLogs", 0, chain.Head, allowOverlap: true);
        FaultAssert.AnsweredRangesCover(log, "trace_filter", 0, chain.Head, allowOverlap: true);
        await FaultAssert.StoredExactlyTheChainsTransfersAsync(run);
    }
}
