using System.Net;

namespace RescueTracker.Chain;

/// <summary>What to do after an eth_getLogs request over [from, to] failed.</summary>
public enum LogRangeAction
{
    /// <summary>Ask for the same range again after a wait (rate limit, 5xx, timeout, broken reply).</summary>
    RetryLater,

    /// <summary>Ask for the shorter range the provider named or allowed; it starts at the same block.</summary>
    Narrow,

    /// <summary>Ask for the first half; the provider refused without saying what would work.</summary>
    Halve,

    /// <summary>Even one block is refused: report it. Skipping it would lose transfers silently.</summary>
    SingleBlockFailed,

    /// <summary>Not a refusal of the range (bad request, no such method, cancelled): rethrow.</summary>
    NotARangeProblem,
}

/// <summary>
/// The next request to make after a failed eth_getLogs over [from, to]. <see cref="From"/>
/// and <see cref="To"/> are the range to ask next; a range is never skipped, only shortened,
/// and its remainder is the caller's next request once this one succeeds.
/// </summary>
public sealed record LogRangeAdvice(
    LogRangeAction Action,
    long From,
    long To,
    long? MaxBlocks,
    string Reason)
{
    public static LogRangeAdvice Classify(Exception error, long from, long to)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        ArgumentOutOfRangeException.ThrowIfLessThan(to, from);

        var status = RpcErrors.HttpStatus(error);
        var rpc = RpcErrors.JsonRpcError(error);
        var message = string.Join(" | ", Messages(error));

        if (RpcErrors.IsTimeout(error)) return new(LogRangeAction.RetryLater, from, to, null, "timed out");
        if (error is OperationCanceledException) return NotARangeProblem(from, to, "cancelled");
        if (rpc is not null && RpcErrors.IsMethodNotFound(rpc)) return NotARangeProblem(from, to, "the node does not offer eth_getLogs");
        // Some providers send their 429 as a JSON-RPC error code inside an HTTP 200.
        if (status == HttpStatusCode.TooManyRequests || rpc?.Code == 429 || ProviderRefusals.IsRateLimit(message))
            return new(LogRangeAction.RetryLater, from, to, null, "rate limited");

        if (ProviderRefusals.SuggestedRange(message, rpc is null ? null : RpcErrors.DataJson(rpc)) is var (suggestedFrom, suggestedTo))
        {
            return suggestedFrom == from && suggestedTo >= from && suggestedTo < to
                ? new(LogRangeAction.Narrow, from, suggestedTo, null, $"the provider suggested {suggestedFrom}..{suggestedTo}")
                : Halve(from, to, $"the provider suggested {suggestedFrom}..{suggestedTo}, which does not shorten {from}..{to}");
        }
        if (ProviderRefusals.MaxBlocks(message) is { } maxBlocks)
        {
            return maxBlocks >= 1 && maxBlocks < to - from + 1
                ? new(LogRangeAction.Narrow, from, from + maxBlocks - 1, maxBlocks, $"the provider allows {maxBlocks} blocks per request")
                : Halve(from, to, $"the provider allows {maxBlocks} blocks per request, but {to - from + 1} were refused");
        }
        if (ProviderRefusals.IsTooLarge(message)) return Halve(from, to, "the provider refused the range as too large");

        if (status is { } h && ((int)h >= 500 || h == HttpStatusCode.RequestTimeout))
            return new(LogRangeAction.RetryLater, from, to, null, $"HTTP {(int)h}");
        if (RpcErrors.Find<HttpRequestException>(error) is { StatusCode: null } || RpcErrors.Find<IOException>(error) is not null)
            return new(LogRangeAction.RetryLater, from, to, null, "connection failed");
        if (RpcErrors.Find<RpcMalformedResponseException>(error) is not null || RpcErrors.Find<Newtonsoft.Json.JsonException>(error) is not null)
            return new(LogRangeAction.RetryLater, from, to, null, "malformed reply");

        return NotARangeProblem(from, to, "not a range refusal");
    }

    private static LogRangeAdvice Halve(long from, long to, string reason) =>
        from == to
            ? new(LogRangeAction.SingleBlockFailed, from, to, null, $"block {from} alone was refused: {reason}")
            : new(LogRangeAction.Halve, from, from + (to - from) / 2, null, reason);

    private static LogRangeAdvice NotARangeProblem(long from, long to, string reason) =>
        new(LogRangeAction.NotARangeProblem, from, to, null, reason);

    private static IEnumerable<string> Messages(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException) yield return e.Message;
    }
}
