using System.Net;
using System.Text.Json;

namespace RescueTracker.Chain.Tests;

public sealed class EthRpcClientFailureTests : IDisposable
{
    private readonly LoopbackRpcServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Node_error_reply_throws_with_code_message_and_raw_data()
    {
        _server.ReplyError(-32005, "query returned more than 10000 results. Try with this block range [0x112A880, 0x112A907].",
            """{"from":"0x112A880","to":"0x112A907","limit":10000}""");

        var error = await Assert.ThrowsAsync<JsonRpcException>(() => _server.Client().GetLogsAsync(new LogFilter(18_000_000, 18_001_999, []), CancellationToken.None));

        Assert.Equal("eth_getLogs", error.Method);
        Assert.Equal(-32005, error.Code);
        Assert.Equal("query returned more than 10000 results. Try with this block range [0x112A880, 0x112A907].", error.Message);
        Assert.Equal("""{"from":"0x112A880","to":"0x112A907","limit":10000}""", error.DataJson);
        Assert.False(error.IsMethodNotFound);
    }

    [Fact]
    public async Task Node_without_tracing_is_recognised_as_method_not_found()
    {
        _server.ReplyError(-32601, "the method trace_filter does not exist/is not available");

        var error = await Assert.ThrowsAsync<JsonRpcException>(() => _server.Client().TraceFilterAsync(1, 2, [], CancellationToken.None));

        Assert.True(error.IsMethodNotFound);
        Assert.Null(error.DataJson);
    }

    [Theory]
    [InlineData(-32601, "Method not found")]
    [InlineData(-32000, "Method not found")]
    [InlineData(-32604, "Method trace_filter is not supported")]
    [InlineData(-32600, "Unsupported method: trace_filter. See available methods at https://docs.example/methods")]
    [InlineData(-32602, "the method trace_filter does not exist/is not available")]
    public void Method_not_found_is_recognised_by_code_or_wording(long code, string message)
    {
        Assert.True(new JsonRpcException("trace_filter", code, message, null).IsMethodNotFound);
    }

    [Fact]
    public void Other_errors_are_not_method_not_found()
    {
        Assert.False(new JsonRpcException("trace_filter", -32602, "invalid argument 0: hex string without 0x prefix", null).IsMethodNotFound);
    }

    [Fact]
    public async Task Rate_limit_reply_throws_with_status_retry_after_and_the_provider_error()
    {
        _server.Reply(
            """{"jsonrpc":"2.0","id":1,"error":{"code":-32005,"message":"Too Many Requests"}}""",
            status: 429,
            headers: ("Retry-After", "7"));

        var error = await Assert.ThrowsAsync<RpcHttpException>(() => _server.Client().GetBlockNumberAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Equal("""{"jsonrpc":"2.0","id":1,"error":{"code":-32005,"message":"Too Many Requests"}}""", error.BodyExcerpt);
        Assert.Equal(-32005, error.RpcError?.Code);
        Assert.Equal("Too Many Requests", error.RpcError?.Message);
        Assert.Equal("eth_blockNumber", error.Method);
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_is_measured_from_now()
    {
        _server.Reply("Too Many Requests", status: 429, headers: ("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT"));
        var now = new FixedTime(new DateTimeOffset(2026, 10, 21, 7, 26, 30, TimeSpan.Zero));

        var error = await Assert.ThrowsAsync<RpcHttpException>(() => _server.Client(time: now).GetBlockNumberAsync(CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(90), error.RetryAfter);
        Assert.Null(error.RpcError);
    }

    [Fact]
    public void Retry_after_date_in_the_past_means_retry_now()
    {
        var header = new System.Net.Http.Headers.RetryConditionHeaderValue(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(TimeSpan.Zero, RpcHttpException.ParseRetryAfter(header, new DateTimeOffset(2026, 1, 1, 0, 0, 5, TimeSpan.Zero)));
        Assert.Null(RpcHttpException.ParseRetryAfter(null, DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public async Task Gateway_error_page_throws_with_the_start_of_the_body()
    {
        var page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>" + new string(' ', 1000) + "</body></html>";
        _server.Reply(page, status: 502);

        var error = await Assert.ThrowsAsync<RpcHttpException>(() => _server.Client().GetChainIdAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Null(error.RetryAfter);
        Assert.Null(error.RpcError);
        Assert.Equal(page[..500] + "…", error.BodyExcerpt);
    }

    [Fact]
    public async Task Truncated_json_throws_a_malformed_reply_error()
    {
        _server.Reply("""{"jsonrpc":"2.0","id":1,"result":[{"address":"0xdac17f958d2ee523a2206206994597c13d831ec7","topics":["0xddf2""", echoId: false);

        var error = await Assert.ThrowsAsync<RpcMalformedResponseException>(() => _server.Client().GetLogsAsync(new LogFilter(1, 1, []), CancellationToken.None));

        Assert.Equal("not valid JSON", error.Problem);
        Assert.Equal("eth_getLogs", error.Method);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
        Assert.StartsWith("eth_getLogs: malformed reply (not valid JSON): {\"jsonrpc\"", error.Message);
    }

    [Fact]
    public async Task Reply_with_neither_result_nor_error_is_malformed()
    {
        _server.Reply("""{"jsonrpc":"2.0","id":1}""");

        var error = await Assert.ThrowsAsync<RpcMalformedResponseException>(() => _server.Client().GetChainIdAsync(CancellationToken.None));

        Assert.Equal("neither result nor error", error.Problem);
    }

    [Fact]
    public async Task Reply_to_another_request_is_malformed()
    {
        _server.Reply("""{"jsonrpc":"2.0","id":41,"result":"0x1"}""", echoId: false);

        var error = await Assert.ThrowsAsync<RpcMalformedResponseException>(() => _server.Client().GetChainIdAsync(CancellationToken.None));

        Assert.Equal("reply id 41 does not match request id 1", error.Problem);
    }

    [Fact]
    public async Task Log_with_a_bad_field_is_malformed_and_names_the_field()
    {
        _server.ReplyResult("""
            [{"address":"0xdac17f958d2ee523a2206206994597c13d831ec","blockHash":"0x2e16030779d881acd4306aa7d00ba9a9177b0b28d9ef334b607ff47d712e558c",
              "blockNumber":"0x7d7da1","data":"0x","logIndex":"0x49","removed":false,"topics":[],
              "transactionHash":"0x382dc93eae2df291bd5e885499778ac871babba3e2c5dcbf308be7c06be84739","transactionIndex":"0x91"}]
            """);

        var error = await Assert.ThrowsAsync<RpcMalformedResponseException>(() => _server.Client().GetLogsAsync(new LogFilter(1, 1, []), CancellationToken.None));

        Assert.Equal("field 'address': '0xdac17f958d2ee523a2206206994597c13d831ec' has 39 characters after 0x; an address has 40 hex digits.", error.Problem);
    }

    [Fact]
    public async Task Log_without_a_block_number_is_malformed()
    {
        _server.ReplyResult("""
            [{"address":"0xdac17f958d2ee523a2206206994597c13d831ec7","blockHash":null,"blockNumber":null,"data":"0x","logIndex":null,"removed":false,"topics":[],
              "transactionHash":"0x382dc93eae2df291bd5e885499778ac871babba3e2c5dcbf308be7c06be84739","transactionIndex":null}]
            """);

        var error = await Assert.ThrowsAsync<RpcMalformedResponseException>(() => _server.Client().GetLogsAsync(new LogFilter(1, 1, []), CancellationToken.None));

        Assert.Equal("field 'blockNumber' is missing", error.Problem);
    }

    [Fact]
    public async Task Slow_node_times_out_as_a_timeout_not_as_a_cancellation_by_the_caller()
    {
        _server.Reply("""{"jsonrpc":"2.0","id":1,"result":"0x1"}""", delay: TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => _server.Client(timeout: TimeSpan.FromMilliseconds(200)).GetChainIdAsync(CancellationToken.None));

        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task Caller_cancellation_stops_the_request()
    {
        _server.Reply("""{"jsonrpc":"2.0","id":1,"result":"0x1"}""", delay: TimeSpan.FromSeconds(5));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _server.Client().GetChainIdAsync(cancel.Token));

        Assert.Equal(cancel.Token, error.CancellationToken);
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
