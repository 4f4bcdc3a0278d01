namespace RescueTracker.Chain.Tests;

/// <summary>
/// One test per provider refusal in shared/provider-errors.md, each replayed through the real
/// client from a loopback server so that the exception classified is the one a provider causes.
/// </summary>
public sealed class LogRangeAdviceTests : IDisposable
{
    private readonly LoopbackRpcServer _server = new();

    public void Dispose() => _server.Dispose();

    // Suggested ranges

    [Fact]
    public async Task Infura_more_than_10000_results_narrows_to_the_range_in_its_error_data()
    {
        var error = await RefusalAsync(-32005,
            "query returned more than 10000 results. Try with this block range [0x112A880, 0x112A907].",
            """{"from":"0x112A880","to":"0x112A907","limit":10000}""");

        var advice = LogRangeAdvice.Classify(error, 18_000_000, 18_001_999);

        Assert.Equal(LogRangeAction.Narrow, advice.Action);
        Assert.Equal((18_000_000L, 18_000_135L), (advice.From, advice.To));
        Assert.Null(advice.MaxBlocks);
    }

    [Fact]
    public async Task Infura_style_range_in_the_message_alone_is_used_when_there_is_no_data()
    {
        var error = await RefusalAsync(-32005, "query returned more than 10000 results. Try with this block range [0x112A880, 0x112A907].");

        var advice = LogRangeAdvice.Classify(error, 18_000_000, 18_001_999);

        Assert.Equal((LogRangeAction.Narrow, 18_000_000L, 18_000_135L), (advice.Action, advice.From, advice.To));
    }

    [Fact]
    public async Task Alchemy_log_response_size_exceeded_narrows_to_the_range_that_should_work()
    {
        var error = await RefusalAsync(-32602,
            "Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no limit on the response size, "
            + "or you can request any block range with a cap of 10K logs in the response. Based on your parameters, this block range should work: [0x112a880, 0x112abcd]");

        var advice = LogRangeAdvice.Classify(error, 18_000_000, 18_009_999);

        Assert.Equal((LogRangeAction.Narrow, 18_000_000L, 18_000_845L), (advice.Action, advice.From, advice.To));
    }

    // Block counts

    [Fact]
    public async Task QuickNode_limited_to_a_10000_range_narrows_to_10000_blocks()
    {
        var error = await RefusalAsync(-32614, "eth_getLogs is limited to a 10,000 range");

        var advice = LogRangeAdvice.Classify(error, 18_000_000, 18_049_999);

        Assert.Equal((LogRangeAction.Narrow, 18_000_000L, 18_009_999L, 10_000L), (advice.Action, advice.From, advice.To, advice.MaxBlocks));
    }

    [Fact]
    public async Task BlockPI_limited_to_5000_block_narrows_to_5000_blocks()
    {
        var error = await RefusalAsync(-32602, "eth_getLogs is limited to 5000 block range, please narrow your query");

        var advice = LogRangeAdvice.Classify(error, 100, 20_099);

        Assert.Equal((LogRangeAction.Narrow, 100L, 5_099L, 5_000L), (advice.Action, advice.From, advice.To, advice.MaxBlocks));
    }

    [Fact]
    public async Task Avalanche_maximum_is_set_to_2048_narrows_to_2048_blocks_not_to_the_numbers_quoted_back()
    {
        var error = await RefusalAsync(-32000, "requested too many blocks from 100 to 5000, maximum is set to 2048");

        var advice = LogRangeAdvice.Classify(error, 100, 5_000);

        Assert.Equal((LogRangeAction.Narrow, 100L, 2_147L, 2_048L), (advice.Action, advice.From, advice.To, advice.MaxBlocks));
    }

    [Fact]
    public async Task Cloudflare_max_range_800_narrows_to_800_blocks()
    {
        var error = await RefusalAsync(-32047, "Invalid eth_getLogs request. 'fromBlock'-'toBlock' range too large. Max range: 800");

        var advice = LogRangeAdvice.Classify(error, 1_000, 2_999);

        Assert.Equal((LogRangeAction.Narrow, 1_000L, 1_799L, 800L), (advice.Action, advice.From, advice.To, advice.MaxBlocks));
    }

    [Fact]
    public async Task Thirdweb_maximum_allowed_1000_blocks_narrows_to_1000_blocks()
    {
        var error = await RefusalAsync(-32602, "Maximum allowed number of requested blocks is 1000");

        var advice = LogRangeAdvice.Classify(error, 0, 1_999);

        Assert.Equal((LogRangeAction.Narrow, 0L, 999L, 1_000L), (advice.Action, advice.From, advice.To, advice.MaxBlocks));
    }

    [Fact]
    public async Task Coinbase_at_most_10000_blocks_narrows_to_10000_blocks()
    {
        var error = await RefusalAsync(-32000, "please limit the query to at most 10,000 blocks");

        var advice = LogRangeAdvice.Classify(error, 1, 20_000);

        Assert.Equal((LogRangeAction.Narrow, 1L, 10_000L, 10_000L), (advice.Action, advice.From, advice.To, advice.MaxBlocks));
    }

    [Fact]
    public async Task PublicNode_maximum_block_range_50000_narrows_to_50000_blocks()
    {
        var error = await RefusalAsync(-32701, "exceed maximum block range: 50000");

        var advice = LogRangeAdvice.Classify(error, 10_000_000, 10_099_999);

        Assert.Equal((LogRangeAction.Narrow, 10_000_000L, 10_049_999L, 50_000L), (advice.Action, advice.From, advice.To, advice.MaxBlocks));
    }

    [Fact]
    public async Task Merkle_max_is_10k_blocks_narrows_to_10000_blocks()
    {
        var error = await RefusalAsync(-32000, "eth_getLogs range is too large, max is 10k blocks");

        var advice = LogRangeAdvice.Classify(error, 0, 99_999);

        Assert.Equal((LogRangeAction.Narrow, 0L, 9_999L, 10_000L), (advice.Action, advice.From, advice.To, advice.MaxBlocks));
    }

    [Fact]
    public async Task Infura_range_exceeds_limit_of_10000_narrows_to_10000_blocks()
    {
        var error = await RefusalAsync(-32602, "range 1000000 exceeds limit of 10000");

        var advice = LogRangeAdvice.Classify(error, 0, 999_999);

        Assert.Equal((LogRangeAction.Narrow, 0L, 9_999L, 10_000L), (advice.Action, advice.From, advice.To, advice.MaxBlocks));
    }

    // No suggestion: halve

    [Theory]
    [InlineData(-32600, "block range is too wide")]                                   // Ankr
    [InlineData(-32000, "query exceeds max results 10000")]                           // Ankr, LlamaRPC
    [InlineData(-32000, "logs matched by query exceeds limit of 10000")]              // Arbitrum Nitro
    [InlineData(-32000, "backend response too large")]                                // Optimism
    [InlineData(-32000, "Block range is too large")]                                  // Optimism
    [InlineData(-32000, "block range too large")]                                     // Base
    [InlineData(-32011, "no backend is currently healthy to serve traffic")]          // Base
    [InlineData(-32000, "response size should not greater than 10000000 bytes")]      // 1RPC
    [InlineData(-32000, "Block range limit exceeded.")]                               // Chainstack
    public async Task Refusal_without_a_usable_number_halves_the_range(int code, string message)
    {
        var error = await RefusalAsync(code, message);

        var advice = LogRangeAdvice.Classify(error, 18_000_000, 18_001_999);

        Assert.Equal((LogRangeAction.Halve, 18_000_000L, 18_000_999L), (advice.Action, advice.From, advice.To));
        Assert.Null(advice.MaxBlocks);
    }

    private async Task<Exception> RefusalAsync(int code, string message, string? dataJson = null)
    {
        _server.ReplyError(code, message, dataJson);
        return await CaptureAsync();
    }

    private async Task<Exception> CaptureAsync() =>
        await Assert.ThrowsAnyAsync<Exception>(() => _server.Client().GetLogsAsync(new LogFilter(1, 2, []), CancellationToken.None));
}
