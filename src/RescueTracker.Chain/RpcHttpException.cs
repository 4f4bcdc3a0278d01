using System.Net;
using System.Net.Http.Headers;

namespace RescueTracker.Chain;

/// <summary>
/// The node's HTTP endpoint answered with a non-success status. When the body was itself a
/// JSON-RPC error (providers send those with 429 and 5xx too), it is the inner exception.
/// </summary>
public sealed class RpcHttpException(
    string method,
    HttpStatusCode statusCode,
    TimeSpan? retryAfter,
    string bodyExcerpt,
    JsonRpcException? rpcError)
    : EthRpcException(method, Describe(method, statusCode, retryAfter, bodyExcerpt), rpcError)
{
    public HttpStatusCode StatusCode { get; } = statusCode;

    /// <summary>How long the server asked us to wait, from its Retry-After header, if it sent one.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    /// <summary>The start of the response body, for logs and the status page.</summary>
    public string BodyExcerpt { get; } = bodyExcerpt;

    public JsonRpcException? RpcError { get; } = rpcError;

    /// <summary>
    /// Reads Retry-After in either of its forms: delay-seconds or an HTTP-date, the latter
    /// measured from <paramref name="now"/>. A date already past means "now", not a negative wait.
    /// </summary>
    public static TimeSpan? ParseRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date > now ? date - now : TimeSpan.Zero;
        return null;
    }

    private static string Describe(string method, HttpStatusCode status, TimeSpan? retryAfter, string body)
    {
        var wait = retryAfter is { } r ? $", retry after {r.TotalSeconds:0.###} s" : "";
        var excerpt = body.Length == 0 ? "" : $": {body}";
        return $"{method}: HTTP {(int)status} {status}{wait}{excerpt}";
    }
}
