using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Nethereum.JsonRpc.Client;
using Newtonsoft.Json.Linq;
using RescueTracker.Chain;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>
/// The retry handler under Nethereum's client, fed provider replies (shapes from
/// shared/provider-errors.md) by a handler standing in for the remote provider: what it retries,
/// how long it waits, and what the caller sees once it stops.
/// </summary>
public sealed class RpcRetryHandlerTests : IDisposable
{
    private static readonly Uri Node = new("http://127.0.0.1:8545/");
    private readonly ReplayingProvider _provider = new();
    private readonly LogCapture _logs = new();

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task Http_429_is_retried_after_the_seconds_retry_after_gives_plus_a_margin()
    {
        _provider.Enqueue(HttpStatusCode.TooManyRequests, """{"jsonrpc":"2.0","id":1,"error":{"code":-32005,"message":"project ID request rate exceeded"}}""", retryAfter: "1");
        _provider.Enqueue(HttpStatusCode.OK, """{"jsonrpc":"2.0","id":1,"result":"0x1"}""");

        Assert.Equal("0x1", await CallAsync(Client(), "eth_chainId"));

        Assert.Equal(2, _provider.Requests);
        Assert.Contains(_logs.Entries, e => e.Message.Contains("retrying in 00:00:01.1000000", StringComparison.Ordinal)
                                            && e.Message.Contains("HTTP 429", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Retry_after_as_an_http_date_is_measured_from_the_clock()
    {
        var now = new DateTimeOffset(2026, 10, 21, 7, 27, 59, TimeSpan.Zero);
        _provider.Enqueue(HttpStatusCode.TooManyRequests, "Too Many Requests", retryAfter: "Wed, 21 Oct 2026 07:28:00 GMT");
        _provider.Enqueue(HttpStatusCode.OK, """{"jsonrpc":"2.0","id":1,"result":"0x1"}""");

        await CallAsync(Client(time: new FixedNow(now)), "eth_chainId");

        Assert.Contains(_logs.Entries, e => e.Message.Contains("retrying in 00:00:01.1000000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Json_rpc_rate_limit_inside_a_200_is_retried()
    {
        _provider.Enqueue(HttpStatusCode.OK, """{"jsonrpc":"2.0","id":1,"error":{"code":429,"message":"Too Many Requests"}}""");
        _provider.Enqueue(HttpStatusCode.OK, """{"jsonrpc":"2.0","id":1,"result":"0x2a"}""");

        Assert.Equal("0x2a", await CallAsync(Client(), "eth_blockNumber"));
        Assert.Equal(2, _provider.Requests);
    }

    [Fact]
    public async Task A_refusal_sent_with_http_400_reaches_the_caller_as_the_providers_json_rpc_error()
    {
        _provider.Enqueue(HttpStatusCode.BadRequest,
            """{"jsonrpc":"2.0","id":1,"error":{"code":-32005,"message":"query returned more than 10000 results. Try with this block range [0x10, 0x1f].","data":{"from":"0x10","to":"0x1f","limit":10000}}}""");

        var error = await Assert.ThrowsAsync<RpcResponseException>(() => CallAsync(Client(), "eth_getLogs"));

        Assert.Equal(1, _provider.Requests);
        var advice = LogRangeAdvice.Classify(error, 16, 100);
        Assert.Equal((LogRangeAction.Narrow, 16L, 31L), (advice.Action, advice.From, advice.To));
    }

    [Fact]
    public async Task A_gateway_page_after_the_last_retry_is_raised_with_its_status_and_the_start_of_the_body()
    {
        for (var i = 0; i < 3; i++) _provider.Enqueue(HttpStatusCode.BadGateway, "<html><head><title>502 Bad Gateway</title></head></html>");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => CallAsync(Client(maxAttempts: 2), "eth_chainId"));

        Assert.Equal(3, _provider.Requests);
        Assert.Equal(HttpStatusCode.BadGateway, RpcErrors.HttpStatus(error));
        Assert.Equal("eth_chainId: HTTP 502 BadGateway: <html><head><title>502 Bad Gateway</title></head></html>", RpcErrors.Describe(error));
    }

    [Fact]
    public async Task A_cut_off_body_is_retried_and_reported_as_malformed_when_it_persists()
    {
        for (var i = 0; i < 2; i++) _provider.Enqueue(HttpStatusCode.OK, """{"jsonrpc":"2.0","id":1,"result":[{"addr""");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => CallAsync(Client(maxAttempts: 1), "trace_filter"));

        Assert.Equal(2, _provider.Requests);
        Assert.StartsWith("trace_filter: malformed reply (not valid JSON): {\"jsonrpc\"", RpcErrors.Describe(error));
        Assert.Equal(LogRangeAction.RetryLater, LogRangeAdvice.Classify(error, 1, 2).Action);
    }

    [Fact]
    public async Task A_node_that_never_answers_times_out_per_attempt_and_says_so()
    {
        _provider.Hang = true;

        var error = await Assert.ThrowsAnyAsync<Exception>(() => CallAsync(Client(maxAttempts: 1), "eth_chainId"));

        Assert.Equal(2, _provider.Requests);
        Assert.True(RpcErrors.IsTimeout(error));
        Assert.Equal(LogRangeAction.RetryLater, LogRangeAdvice.Classify(error, 1, 2).Action);
    }

    private RpcClient Client(int maxAttempts = 3, TimeProvider? time = null)
    {
        var settings = new ChainRetrySettings
        {
            MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromSeconds(5),
            AttemptTimeout = TimeSpan.FromMilliseconds(300),
        };
        var handler = new RpcRetryHandler(settings, _logs.CreateLogger("test"), 1, time ?? TimeProvider.System, TestMetrics.New()) { InnerHandler = _provider };
        return new RpcClient(Node, new HttpClient(handler) { BaseAddress = Node, Timeout = Timeout.InfiniteTimeSpan });
    }

    private static async Task<string> CallAsync(RpcClient client, string method) =>
        (await client.SendRequestAsync<JToken>(new RpcRequest(1, method))).ToString();

    private sealed class FixedNow(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>The remote provider's side of the wire: queued replies, in order.</summary>
    private sealed class ReplayingProvider : HttpMessageHandler
    {
        private readonly ConcurrentQueue<(HttpStatusCode Status, string Body, string? RetryAfter)> _replies = new();
        private int _requests;

        public int Requests => _requests;
        public bool Hang { get; set; }

        public void Enqueue(HttpStatusCode status, string body, string? retryAfter = null) => _replies.Enqueue((status, body, retryAfter));

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            if (Hang) await Task.Delay(Timeout.Infinite, cancellationToken);
            if (!_replies.TryDequeue(out var reply)) throw new InvalidOperationException("No reply queued.");
            var response = new HttpResponseMessage(reply.Status)
            {
                Content = new StringContent(reply.Body, Encoding.UTF8, reply.Body.StartsWith('<') ? "text/html" : "application/json"),
            };
            if (reply.RetryAfter is { } wait) response.Headers.TryAddWithoutValidation("Retry-After", wait);
            return response;
        }
    }
}
