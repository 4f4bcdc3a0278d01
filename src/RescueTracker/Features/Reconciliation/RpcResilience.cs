using Polly;
using Polly.Retry;
using Polly.Timeout;
using RescueTracker.Chain;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// Retries for what a provider does under load: 429 (waiting as long as Retry-After says), 5xx,
/// timeouts, dropped connections, replies that are not JSON, and JSON-RPC "rate limit" errors.
/// Exponential backoff with jitter, so several chains or instances do not retry in step.
/// </summary>
public static class RpcResilience
{
    private static readonly TimeSpan RetryAfterMargin = TimeSpan.FromMilliseconds(100);

    public static ResiliencePipeline Create(ChainRetrySettings settings, ILogger logger, long chainId) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = settings.MaxAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                // Retry-After plus a little: timers may fire a millisecond early, and a request that lands
                // just inside the provider's window is refused again.
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is RpcHttpException { RetryAfter: { } wait }
                        ? (TimeSpan?)TimeSpan.FromTicks(Math.Min((wait + RetryAfterMargin).Ticks, settings.MaxDelay.Ticks))
                        : null),
                OnRetry = args =>
                {
                    logger.LogWarning("Chain {ChainId}: RPC attempt {Attempt} failed ({Error}); retrying in {Delay}",
                        chainId, args.AttemptNumber + 1, args.Outcome.Exception?.Message, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(settings.AttemptTimeout)
            .Build();

    /// <summary>The same reading of an error as the range splitter's, so the two never disagree.</summary>
    public static bool IsTransient(Exception error) =>
        error is TimeoutRejectedException || LogRangeAdvice.Classify(error, 0, 0).Action == LogRangeAction.RetryLater;
}

/// <summary>Retry settings per chain; defaults suit public providers.</summary>
public sealed class ChainRetrySettings
{
    public int MaxAttempts { get; set; } = 8;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
