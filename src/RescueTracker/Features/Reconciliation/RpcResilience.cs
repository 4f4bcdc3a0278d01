using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using RescueTracker.Chain;
using RescueTracker.Hosting;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// Retries what a provider does under load, on the HttpClient that Nethereum's RpcClient and the log
/// reader share: 429 (waiting as long as Retry-After says), 5xx and 408, timeouts, dropped
/// connections, replies that are not JSON or are cut off, and JSON-RPC "rate limit" errors. It sits
/// below Nethereum because Nethereum drops the status, the body and Retry-After of a failed reply.
/// Every body is read whole by the attempt that received it, so that a cut-off body is retried here
/// too: an eth_getLogs reply is then decoded from memory (the node builds it whole before sending
/// its first byte anyway, so nothing is lost to overlap).
/// Exponential backoff with jitter, so several chains or instances do not retry in step.
/// </summary>
public sealed class RpcRetryHandler : DelegatingHandler
{
    private static readonly TimeSpan RetryAfterMargin = TimeSpan.FromMilliseconds(100);

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;
    private readonly TimeProvider _time;
    private readonly TimeSpan _attemptTimeout;
    private readonly int _maxAttempts;
    private readonly RescueMetrics _metrics;
    private readonly long _chainId;

    public RpcRetryHandler(ChainRetrySettings settings, ILogger logger, long chainId, TimeProvider time, RescueMetrics metrics)
    {
        _time = time;
        _metrics = metrics;
        _chainId = chainId;
        _attemptTimeout = settings.AttemptTimeout;
        _maxAttempts = settings.MaxAttempts;
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: { } e } => e is HttpRequestException or IOException or TimeoutRejectedException
                                            || (e is OperationCanceledException && !args.Context.CancellationToken.IsCancellationRequested),
                    { Result: { } response } => IsTransient(response),
                    _ => false,
                }),
                MaxRetryAttempts = settings.MaxAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                // Retry-After plus a little: timers may fire a millisecond early, and a request that lands
                // just inside the provider's window is refused again.
                DelayGenerator = args => ValueTask.FromResult(
                    RetryAfter(args.Outcome.Result) is { } wait
                        ? (TimeSpan?)TimeSpan.FromTicks(Math.Min((wait + RetryAfterMargin).Ticks, settings.MaxDelay.Ticks))
                        : null),
                OnRetry = args =>
                {
                    metrics.RpcRetry(chainId, Kind(args.Outcome));
                    logger.LogWarning("Chain {ChainId}: RPC attempt {Attempt} failed ({Error}); retrying in {Delay}",
                        chainId, args.AttemptNumber + 1, Describe(args.Outcome), args.RetryDelay);
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.AttemptTimeout)
            .Build();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var contentType = request.Content?.Headers.ContentType;
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(async token =>
            {
                using var attempt = Copy(request, body, contentType);
                var reply = await base.SendAsync(attempt, token);
                try
                {
                    // Inside the attempt: its timeout covers the body, and a body cut off mid-way is retried.
                    var received = reply.Content;
                    reply.Content = new BufferedContent(await received.ReadAsByteArrayAsync(token), received.Headers);
                    received.Dispose();
                    return reply;
                }
                catch
                {
                    reply.Dispose();
                    throw;
                }
            }, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException
                                  || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            _metrics.RpcError(_chainId, Kind(Outcome.FromException<HttpResponseMessage>(e)));
            throw;
        }
        catch (TimeoutRejectedException e)
        {
            _metrics.RpcError(_chainId, "timeout");
            // The chain library knows timeouts, not Polly.
            throw new TimeoutException($"{RpcReply.MethodOf(body)}: no reply within {_attemptTimeout.TotalSeconds:0.###} s, {_maxAttempts + 1} attempts", e);
        }
        return Settle(response, RpcReply.MethodOf(body));
    }

    /// <summary>What failed in one attempt, as a metric's kind.</summary>
    private static string Kind(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException or OperationCanceledException } => "timeout",
        { Exception: HttpRequestException or IOException } => "connection",
        { Exception: not null } => "other",
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => "rate_limited",
        { Result.StatusCode: HttpStatusCode.RequestTimeout } => "timeout",
        { Result: { } r } when (int)r.StatusCode >= 500 => "server_error",
        { Result: { } r } => RpcReply.Classify(Body(r)) == RpcReplyKind.RateLimited ? "rate_limited" : "malformed",
        _ => "other",
    };

    /// <summary>
    /// What the caller gets once retrying stops. Nethereum reads the body of a 200 only and drops the
    /// rest, so a failure is raised here, where its status and body are still known: a JSON-RPC error
    /// sent with another status (a refusal as HTTP 400, a 429 after the last retry) is handed on as a
    /// 200, because its wording is what says how to narrow a range; any other failed status becomes an
    /// HttpRequestException with the body's start; a body that is not JSON, a malformed-reply error.
    /// </summary>
    private HttpResponseMessage Settle(HttpResponseMessage response, string method)
    {
        var body = Body(response);
        if (!response.IsSuccessStatusCode)
        {
            _metrics.RpcError(_chainId, response.StatusCode == HttpStatusCode.TooManyRequests ? "rate_limited" : "http_status");
            if (RpcReply.ErrorMessage(body) is null)
            {
                response.Dispose();
                throw new HttpRequestException($"{method}: HTTP {(int)response.StatusCode} {response.StatusCode}: {RpcReply.Excerpt(body)}", null, response.StatusCode);
            }
            response.StatusCode = HttpStatusCode.OK;
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return response;
        }
        if (RpcReply.Classify(body) == RpcReplyKind.Broken)
        {
            _metrics.RpcError(_chainId, "malformed");
            response.Dispose();
            throw new RpcMalformedResponseException(method, "not valid JSON", RpcReply.Excerpt(body));
        }
        return response;
    }

    private static bool IsTransient(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status == 429 || status == 408 || status >= 500) return true;
        if (!response.IsSuccessStatusCode) return false;
        return RpcReply.Classify(Body(response)) != RpcReplyKind.Answer;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date > _time.GetUtcNow() ? date - _time.GetUtcNow() : TimeSpan.Zero;
        return null;
    }

    private static ReadOnlySpan<byte> Body(HttpResponseMessage response) => ((BufferedContent)response.Content).Bytes;

    private static string Describe(Outcome<HttpResponseMessage> outcome)
    {
        if (outcome.Exception is { } e) return e.Message;
        var response = outcome.Result!;
        return $"HTTP {(int)response.StatusCode}: {RpcReply.Excerpt(Body(response))}";
    }

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body, MediaTypeHeaderValue? contentType)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
        foreach (var header in request.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        if (body is not null) copy.Content = new ByteArrayContent(body) { Headers = { ContentType = contentType } };
        return copy;
    }
}

/// <summary>A reply body read whole by the attempt that received it, kept readable for the caller.</summary>
internal sealed class BufferedContent : ByteArrayContent
{
    public BufferedContent(byte[] bytes, System.Net.Http.Headers.HttpContentHeaders headers) : base(bytes)
    {
        Bytes = bytes;
        foreach (var header in headers) Headers.TryAddWithoutValidation(header.Key, header.Value);
    }

    public byte[] Bytes { get; }
}

/// <summary>Retry settings per chain; defaults suit public providers.</summary>
public sealed class ChainRetrySettings
{
    public int MaxAttempts { get; set; } = 8;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
