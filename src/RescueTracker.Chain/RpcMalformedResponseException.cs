namespace RescueTracker.Chain;

/// <summary>
/// The reply was not the JSON-RPC the method promises: not JSON, cut off, no result, or a
/// field of the wrong shape. Often a proxy or an overloaded node; worth a retry, never a guess.
/// </summary>
public sealed class RpcMalformedResponseException(string method, string problem, string bodyExcerpt, Exception? inner = null)
    : Exception($"{method}: malformed reply ({problem}){(bodyExcerpt.Length == 0 ? "" : ": " + bodyExcerpt)}", inner)
{
    /// <summary>The JSON-RPC method whose reply it was, such as "eth_getLogs".</summary>
    public string Method { get; } = method;

    public string Problem { get; } = problem;
    public string BodyExcerpt { get; } = bodyExcerpt;
}
