namespace RescueTracker.Tests.Faults;

/// <summary>A provider that refuses even one block: an error to report, never a block to drop.</summary>
public sealed class SingleBlockRefusalTests(FaultChain chain) : IClassFixture<FaultChain>
{
    [Theory]
    [InlineData("ankr", "the provider refused the range as too large")]
    [InlineData("infura", "the provider suggested {0}..{0}, which does not shorten {0}..{0}")]
    public async Task A_single_refused_block_fails_the_poll_keeps_the_checkpoint_before_it_and_is_read_once_the_provider_relents(
        string provider, string reason)
    {
        // A block holding a transfer, inside the second 16-block range, so the first range commits.
        var block = chain.Blocks.Values.Where(b => b is >= 18 and <= 31).Min();
        var fault = provider == "ankr" ? Fault.AnkrMaxResults() : Fault.InfuraTooManyResults(maxBlocks: 1);
        await using var run = await ReconcilerRun.StartAsync(chain, FaultRule.Reply(fault).To("eth_getLogs").WhenCovering(block));
        var expected = $"The provider refuses even the single block {block}: block {block} alone was refused: {string.Format(System.Globalization.CultureInfo.InvariantCulture, reason, block)}";

        for (var poll = 1; poll <= 2; poll++)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => run.Reconciler.PollAsync(CancellationToken.None));
            Assert.Equal(expected, error.Message);
            var state = await run.StateAsync();
            Assert.Equal(expected, state.LastError);
            Assert.NotNull(state.LastErrorAt);
            Assert.Equal(15, state.LastScannedBlock);
            var stored = await run.StoredAsync();
            Assert.Equal(chain.Truth.Where(t => chain.Blocks[t] <= 15).Order(), stored.Order());
        }
        var last = run.Proxy.Log.Last(r => r.Reply == ReplyKind.RangeRefused);
        Assert.Equal((block, block), (last.From!.Value, last.To!.Value));

        run.Proxy.ClearRules();
        await run.Reconciler.PollAsync(CancellationToken.None);

        Assert.Equal(chain.Head, (await run.StateAsync()).LastScannedBlock);
        await FaultAssert.StoredExactlyTheChainsTransfersAsync(run);
    }
}
