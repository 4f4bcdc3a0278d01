using System.Net;
using Nethereum.JsonRpc.Client;

namespace RescueTracker.Chain;

/// <summary>
/// Reads a failed node call, whatever raised it: Nethereum's client (a JSON-RPC error is an
/// <see cref="RpcResponseException"/> whose message ends in ": method"; an HTTP failure an
/// <see cref="HttpRequestException"/> inside its wrapper) or our own log reader, which raises the same.
/// </summary>
public static class RpcErrors
{
    public const int MethodNotFoundCode = -32601;

    /// <summary>The node's JSON-RPC error, if the failure was one.</summary>
    public static RpcError? JsonRpcError(Exception error) => Find<RpcResponseException>(error)?.RpcError;

    /// <summary>The HTTP status the node's endpoint answered with, if the failure was one.</summary>
    public static HttpStatusCode? HttpStatus(Exception error) => Find<HttpRequestException>(error)?.StatusCode;

    /// <summary>The error's "data" member as JSON text, or null when there was none.</summary>
    public static string? DataJson(RpcError error) => error.Data switch
    {
        null => null,
        Newtonsoft.Json.Linq.JToken token => token.ToString(Newtonsoft.Json.Formatting.None),
        var other => other.ToString(),
    };

    /// <summary>A JSON-RPC error as the node sent it, raised the way Nethereum raises one.</summary>
    public static RpcResponseException Raise(string method, int code, string message, string? dataJson) =>
        new(new RpcError(code, $"{message}: {method}", dataJson is null ? null : Newtonsoft.Json.Linq.JToken.Parse(dataJson)));

    /// <summary>
    /// Whether the node does not offer the method at all (no tracing module, a provider plan
    /// without it). Providers disagree on the code, so the message is read too.
    /// </summary>
    public static bool IsMethodNotFound(Exception error) => JsonRpcError(error) is { } rpc && IsMethodNotFound(rpc);

    public static bool IsMethodNotFound(RpcError error) =>
        error.Code == MethodNotFoundCode
        || error.Message.Contains("method not found", StringComparison.OrdinalIgnoreCase)
        || error.Message.Contains("not supported", StringComparison.OrdinalIgnoreCase)
        || error.Message.Contains("unsupported method", StringComparison.OrdinalIgnoreCase)
        || error.Message.Contains("does not exist/is not available", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the call ran out of time (ours per attempt, Nethereum's, or HttpClient's).</summary>
    public static bool IsTimeout(Exception error) =>
        Find<TimeoutException>(error) is not null || Find<RpcClientTimeoutException>(error) is not null;

    /// <summary>
    /// The message that says what went wrong, for logs and the status page: Nethereum wraps every
    /// transport failure in a message of its own ("Error occurred when trying to send rpc requests(s)")
    /// that hides the cause, so its wrapper is looked through.
    /// </summary>
    public static string Describe(Exception error)
    {
        var e = error;
        while (e is RpcClientUnknownException { InnerException: { } inner }) e = inner;
        return e.Message;
    }

    internal static T? Find<T>(Exception error) where T : Exception
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is T match) return match;
        return null;
    }
}
