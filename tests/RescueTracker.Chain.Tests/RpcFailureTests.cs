using System.Net;
using System.Text.Json;
using Nethereum.JsonRpc.Client;
using Newtonsoft.Json.Linq;

namespace RescueTracker.Chain.Tests;

public sealed class RpcFailureTests : IDisposable
{
    private readonly LoopbackRpcServer _server = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task Node_error_reply_is_raised_as_nethereum_raises_it_with_code_message_and_raw_data()
    {
        const string message = "query returned more than 10000 results. Try with this block range [0x112A880, 0x112A907].";
        const string data = """{"from":"0x112A880","to":"0x112A907","limit":10000}""";
        _server.ReplyError(-32005, message, data);
        _server.ReplyError(-32005, message, data);

        var ours = await Assert.ThrowsAsync<RpcResponseException>(() => _server.Client().GetLogsAsync(new LogFilter(18_000_000, 18_001_999, []), CancellationToken.None));
        var theirs = await Assert.ThrowsAsync<RpcResponseException>(() => _server.Nethereum().SendRequestAsync<JToken>(new RpcRequest(1, "eth_getLogs")));

        foreach (var error in new[] { ours, theirs })
        {
            Assert.Equal(-32005, error.RpcError.Code);
            Assert.Equal(message + ": eth_getLogs", error.RpcError.Message);
            Assert.Equal(data, RpcErrors.DataJson(error.RpcError));
            Assert.False(RpcErrors.IsMethodNotFound(error));
        }
    }

    [Fact]
    public async Task Node_without_tracing_is_recognised_as_method_not_found()
    {
        _server.ReplyError(-32601, "the method trace_filter does not exist/is not available");

        var error = await Assert.ThrowsAsync<RpcResponseException>(() => _server.Nethereum().SendRequestAsync<JToken>(new RpcRequest(1, "trace_filter")));

        Assert.True(RpcErrors.IsMethodNotFound(error));
        Assert.Null(RpcErrors.DataJson(error.RpcError));
    }

    [Theory]
    [InlineData(-32601, "Method not found")]
    [InlineData(-32000, "Method not found")]
    [InlineData(-32604, "Method trace_filter is not supported")]
    [InlineData(-32600, "Unsupported method: trace_filter. See available methods at https://docs.example/methods")]
    [InlineData(-32602, "the method trace_filter does not exist/is not available")]
    public void Method_not_found_is_recognised_by_code_or_wording(int code, string message)
    {
        Assert.True(RpcErrors.IsMethodNotFound(RpcErrors.Raise("trace_filter", code, message, null)));
    }

    [Fact]
    public void Other_errors_are_not_method_not_found()
    {
        Assert.False(RpcErrors.IsMethodNotFound(RpcErrors.Raise("trace_filter", -32602, "invalid argument 0: hex string without 0x prefix", null)));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(502)]
    public async Task Http_failure_is_raised_with_its_status_by_both_clients(int status)
    {
        _server.Reply("<html><head><title>Bad Gateway</title></head></html>", status: status);
        _server.Reply("<html><head><title>Bad Gateway</title></head></html>", status: status);

        var ours = await Assert.ThrowsAnyAsync<Exception>(() => _server.Client().GetLogsAsync(new LogFilter(1, 1, []), CancellationToken.None));
        var theirs = await Assert.ThrowsAnyAsync<Exception>(() => _server.Nethereum().SendRequestAsync<JToken>(new RpcRequest(1, "eth_chainId")));

        Assert.Equal((HttpStatusCode)status, RpcErrors.HttpStatus(ours));
        Assert.Equal((HttpStatusCode)status, RpcErrors.HttpStatus(theirs));
        Assert.IsType<RpcClientUnknownException>(theirs);
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

        var error = await Assert.ThrowsAsync<RpcMalformedResponseException>(() => _server.Client().GetLogsAsync(new LogFilter(1, 1, []), CancellationToken.None));

        Assert.Equal("neither result nor error", error.Problem);
    }

    [Fact]
    public async Task Reply_to_another_request_is_malformed()
    {
        _server.Reply("""{"jsonrpc":"2.0","id":41,"result":[]}""", echoId: false);

        var error = await Assert.ThrowsAsync<RpcMalformedResponseException>(() => _server.Client().GetLogsAsync(new LogFilter(1, 1, []), CancellationToken.None));

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

        Assert.Equal("field 'address' is not 0x followed by 40 hex digits", error.Problem);
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
        _server.Reply("""{"jsonrpc":"2.0","id":1,"result":[]}""", delay: TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<TaskCanceledException>(() => _server.Client(timeout: TimeSpan.FromMilliseconds(200)).GetLogsAsync(new LogFilter(1, 1, []), CancellationToken.None));

        Assert.IsType<TimeoutException>(error.InnerException);
        Assert.True(RpcErrors.IsTimeout(error));
    }

    [Fact]
    public async Task Caller_cancellation_stops_the_request()
    {
        _server.Reply("""{"jsonrpc":"2.0","id":1,"result":[]}""", delay: TimeSpan.FromSeconds(5));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _server.Client().GetLogsAsync(new LogFilter(1, 1, []), cancel.Token));

        Assert.Equal(cancel.Token, error.CancellationToken);
    }
}
