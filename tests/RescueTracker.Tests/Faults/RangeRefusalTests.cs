namespace RescueTracker.Tests.Faults;

/// <summary>eth_getLogs ranges refused as too wide or too large, in four providers' words.</summary>
public sealed class RangeRefusalTests(FaultChain chain) : IClassFixture<FaultChain>
{
    [Theory]
    [InlineData("infura")]
    [InlineData("alchemy")]
    [InlineData("quicknode")]
    [InlineData("ankr")]
    public async Task A_refused_log_range_is_asked_again_as_the_provider_suggests_and_no_block_is_skipped(string provider)
    {
        // Every limit is below MaxLogRange (16), so every first request of a range is refused.
        var (fault, limit) = provider switch
        {
            "infura" => (Fault.InfuraTooManyResults(maxBlocks: 5), 5),
            "alchemy" => (Fault.AlchemyResponseTooLarge(maxBlocks: 4), 4),
            "quicknode" => (Fault.QuickNodeRangeLimit(maxBlocks: 3), 3),
            _ => (Fault.AnkrMaxResults(), 6),
        };
        await using var run = await ReconcilerRun.StartAsync(chain, FaultRule.Reply(fault).To("eth_getLogs").WhenWiderThan(limit));

        Assert.Equal(1, await run.PollUntilCaughtUpAsync());

        var log = run.Proxy.Log;
        var refused = log.Where(r => r.Reply == ReplyKind.RangeRefused).ToList();
        Assert.NotEmpty(refused);
        foreach (var r in refused)
        {
            var next = FaultAssert.NextCall(log, r, "eth_getLogs");
            // Ankr names no number: halve. The others name a range or a block count from the same start.
            var expectedTo = provider == "ankr" ? r.From!.Value + (r.To!.Value - r.From!.Value) / 2 : r.From!.Value + limit - 1;
            Assert.Equal((r.From, expectedTo), (next.From, next.To!.Value));
        }
        Assert.All(log.Where(r => r.Method == "eth_getLogs" && r.Reply == ReplyKind.Forwarded), r => Assert.InRange(r.Call.Width!.Value, 1, limit));
        FaultAssert.AnsweredRangesCover(log, "eth_getLogs", 0, chain.Head, allowOverlap: false);
        await FaultAssert.StoredExactlyTheChainsTransfersAsync(run);
    }
}
