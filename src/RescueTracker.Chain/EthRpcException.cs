namespace RescueTracker.Chain;

/// <summary>Base of every failure the JSON-RPC client reports, so a caller can catch them together.</summary>
public abstract class EthRpcException(string method, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The JSON-RPC method that failed, such as "eth_getLogs".</summary>
    public string Method { get; } = method;
}
