namespace RescueTracker.Chain;

/// <summary>
/// The node answered with a JSON-RPC error object. <see cref="Exception.Message"/> is the
/// node's own message, unchanged, because providers put the useful part (a suggested block
/// range, a limit) in it.
/// </summary>
public sealed class JsonRpcException(string method, long code, string message, string? dataJson)
    : EthRpcException(method, message)
{
    public const long MethodNotFoundCode = -32601;

    public long Code { get; } = code;

    /// <summary>The error's "data" member as raw JSON, or null when there was none.</summary>
    public string? DataJson { get; } = dataJson;

    /// <summary>
    /// Whether the node does not offer the method at all (no tracing module, a provider plan
    /// without it). Providers disagree on the code, so the message is read too.
    /// </summary>
    public bool IsMethodNotFound =>
        Code == MethodNotFoundCode
        || Message.Contains("method not found", StringComparison.OrdinalIgnoreCase)
        || Message.Contains("not supported", StringComparison.OrdinalIgnoreCase)
        || Message.Contains("unsupported method", StringComparison.OrdinalIgnoreCase)
        || Message.Contains("does not exist/is not available", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Method} failed with JSON-RPC error {Code}: {Message}";
}
