using System.Net;

namespace RescueTracker.Chain.Tests;

/// <summary>
/// Failures that are not a provider's verdict on the range (rate limits, outages, broken
/// replies), and the rules that keep a range from ever being skipped.
/// </summary>
public sealed class LogRangeRetryAndRulesTests : IDisposable
{
    private readonly LoopbackRpcServer _server = new();

    public void Dispose() => _server.Dispose();

    // Retry later

    [Fact]
    public async Task Http_429_with_retry_after_seconds_retries_the_same_range_after_that_wait()
    {
        _server.Reply("""{"jsonrpc":"2.0","id":1,"error":{"code":429,"message":"Your app has exceeded its compute units per second capacity."}}""",
            status: 429, headers: ("Retry-After", "3"));
        var error = await CaptureAsync();

        var advice = LogRangeAdvice.Classify(error, 18_000_000, 18_001_999);

        // How long to wait is the retry handler's business (it reads Retry-After before Nethereum drops it).
        Assert.Equal((LogRangeAction.RetryLater, 18_000_000L, 18_001_999L), (advice.Action, advice.From, advice.To));
    }

    [Theory]
    [InlineData(-32005, "daily request count exceeded, request rate limited")]
    [InlineData(-32005, "Too Many Requests")]
    [InlineData(-32000, "request limit exceeded")]
    [InlineData(-32090, "Rate limit reached: 25 requests per second")]
    [InlineData(-32005, "project ID request rate exceeded")]
    [InlineData(429, "Your app has exceeded its compute units per second capacity. If you have retries enabled, you can safely ignore this message.")]
    public async Task Json_rpc_rate_limit_retries_the_same_range_later(int code, string message)
    {
        var error = await RefusalAsync(code, message);

        var advice = LogRangeAdvice.Classify(error, 100, 199);

        Assert.Equal((LogRangeAction.RetryLater, 100L, 199L), (advice.Action, advice.From, advice.To));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Server_error_retries_the_same_range_later(int status)
    {
        _server.Reply("<html><body><h1>Bad gateway</h1></body></html>", status: status);
        var error = await CaptureAsync();

        var advice = LogRangeAdvice.Classify(error, 100, 199);

        Assert.Equal((LogRangeAction.RetryLater, 100L, 199L), (advice.Action, advice.From, advice.To));
    }

    [Fact]
    public async Task Malformed_reply_retries_the_same_range_later()
    {
        _server.Reply("""{"jsonrpc":"2.0","id":1,"result":[{"address":"0xdac17f""", echoId: false);
        var error = await CaptureAsync();

        Assert.IsType<RpcMalformedResponseException>(error);
        Assert.Equal(LogRangeAction.RetryLater, LogRangeAdvice.Classify(error, 100, 199).Action);
    }

    [Fact]
    public void Refused_connection_retries_the_same_range_later()
    {
        var error = new HttpRequestException("Connection refused (127.0.0.1:8545)", new System.Net.Sockets.SocketException(111));

        Assert.Equal(LogRangeAction.RetryLater, LogRangeAdvice.Classify(error, 100, 199).Action);
    }

    [Fact]
    public async Task Timeout_retries_the_same_range_later()
    {
        _server.Reply("""{"jsonrpc":"2.0","id":1,"result":[]}""", delay: TimeSpan.FromSeconds(5));
        var error = await Assert.ThrowsAsync<TaskCanceledException>(
            () => _server.Client(timeout: TimeSpan.FromMilliseconds(200)).GetLogsAsync(new LogFilter(100, 199, []), CancellationToken.None));

        var advice = LogRangeAdvice.Classify(error, 100, 199);

        Assert.Equal((LogRangeAction.RetryLater, 100L, 199L), (advice.Action, advice.From, advice.To));
    }

    // Rules

    [Fact]
    public async Task Suggested_range_that_does_not_start_at_the_asked_block_halves_instead()
    {
        var error = await RefusalAsync(-32005, "query returned more than 10000 results. Try with this block range [0x112A881, 0x112A907].");

        var advice = LogRangeAdvice.Classify(error, 18_000_000, 18_001_999);

        Assert.Equal((LogRangeAction.Halve, 18_000_000L, 18_000_999L), (advice.Action, advice.From, advice.To));
    }

    [Fact]
    public async Task Suggested_range_that_is_not_shorter_halves_instead()
    {
        var error = await RefusalAsync(-32005, "query returned more than 10000 results. Try with this block range [0x112A880, 0x112A907].");

        var advice = LogRangeAdvice.Classify(error, 18_000_000, 18_000_135);

        Assert.Equal((LogRangeAction.Halve, 18_000_000L, 18_000_067L), (advice.Action, advice.From, advice.To));
    }

    [Fact]
    public async Task Block_limit_no_smaller_than_the_asked_range_halves_instead()
    {
        var error = await RefusalAsync(-32614, "eth_getLogs is limited to a 10,000 range");

        var advice = LogRangeAdvice.Classify(error, 1, 10_000);

        Assert.Equal((LogRangeAction.Halve, 1L, 5_000L), (advice.Action, advice.From, advice.To));
    }

    [Fact]
    public async Task Two_block_range_halves_to_its_first_block()
    {
        var error = await RefusalAsync(-32000, "query exceeds max results 10000");

        var advice = LogRangeAdvice.Classify(error, 500, 501);

        Assert.Equal((LogRangeAction.Halve, 500L, 500L), (advice.Action, advice.From, advice.To));
    }

    [Theory]
    [InlineData("query exceeds max results 10000")]
    [InlineData("query returned more than 10000 results. Try with this block range [0x1f4, 0x1f4].")]
    [InlineData("eth_getLogs is limited to a 10,000 range")]
    public async Task Single_block_that_is_still_refused_is_reported_not_skipped(string message)
    {
        var error = await RefusalAsync(-32005, message);

        var advice = LogRangeAdvice.Classify(error, 500, 500);

        Assert.Equal((LogRangeAction.SingleBlockFailed, 500L, 500L), (advice.Action, advice.From, advice.To));
        Assert.StartsWith("block 500 alone was refused: ", advice.Reason);
    }

    [Fact]
    public async Task Single_block_that_is_rate_limited_is_still_retried_later()
    {
        var error = await RefusalAsync(-32005, "Too Many Requests");

        Assert.Equal(LogRangeAction.RetryLater, LogRangeAdvice.Classify(error, 500, 500).Action);
    }

    [Fact]
    public async Task Invalid_parameters_are_not_a_range_problem()
    {
        var error = await RefusalAsync(-32602, "invalid argument 0: hex string without 0x prefix");

        var advice = LogRangeAdvice.Classify(error, 100, 199);

        Assert.Equal(LogRangeAction.NotARangeProblem, advice.Action);
    }

    [Fact]
    public async Task Missing_method_is_not_a_range_problem()
    {
        var error = await RefusalAsync(-32601, "the method eth_getLogs does not exist/is not available");

        Assert.Equal(LogRangeAction.NotARangeProblem, LogRangeAdvice.Classify(error, 100, 199).Action);
    }

    [Fact]
    public void Http_client_error_without_a_refusal_is_not_a_range_problem()
    {
        var error = new HttpRequestException("eth_getLogs: HTTP 401 Unauthorized", null, HttpStatusCode.Unauthorized);

        Assert.Equal(LogRangeAction.NotARangeProblem, LogRangeAdvice.Classify(error, 100, 199).Action);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_a_range_problem()
    {
        _server.Reply("""{"jsonrpc":"2.0","id":1,"result":[]}""", delay: TimeSpan.FromSeconds(5));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _server.Client().GetLogsAsync(new LogFilter(100, 199, []), cancel.Token));

        Assert.Equal(LogRangeAction.NotARangeProblem, LogRangeAdvice.Classify(error, 100, 199).Action);
    }

    [Fact]
    public void Inverted_range_is_a_caller_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LogRangeAdvice.Classify(new TimeoutException(), 10, 9));
    }

    private async Task<Exception> RefusalAsync(int code, string message, string? dataJson = null)
    {
        _server.ReplyError(code, message, dataJson);
        return await CaptureAsync();
    }

    private async Task<Exception> CaptureAsync() =>
        await Assert.ThrowsAnyAsync<Exception>(() => _server.Client().GetLogsAsync(new LogFilter(1, 2, []), CancellationToken.None));
}
