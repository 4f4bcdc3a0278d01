namespace RescueTracker.Chain;

/// <summary>
/// Which traces of a transaction really moved value. A frame that reverts undoes everything
/// inside it, yet the calls inside keep no error of their own (a Safe's <c>ExecutionFailure</c>,
/// a batch that reverts after an earlier send), and trace_filter by recipient returns them
/// without their parents. So a trace counts only when it and every frame enclosing it, the
/// frames whose trace address is a prefix of its own down to the root call, ended without an
/// error. The receipt's status is the caller's to check: a failed transaction moved nothing.
/// </summary>
public static class TraceFrames
{
    /// <param name="transactionTraces">Every trace of the candidate's transaction, as trace_transaction returns them.</param>
    /// <param name="candidate">One trace of that transaction, for example from trace_filter.</param>
    /// <exception cref="RpcMalformedResponseException">A frame enclosing the candidate, or the candidate itself, is not among the traces.</exception>
    public static bool AllSucceeded(IReadOnlyList<RpcTrace> transactionTraces, RpcTrace candidate)
    {
        var path = candidate.TraceAddress;
        for (var depth = 0; depth <= path.Count; depth++)
        {
            var frame = FindFrame(transactionTraces, candidate.TransactionHash, path, depth)
                ?? throw new RpcMalformedResponseException("trace_transaction",
                    $"no trace at [{string.Join(',', path.Take(depth))}] for the one at [{string.Join(',', path)}]", "");
            if (frame.Error is not null) return false;
        }
        return candidate.Error is null;
    }

    private static RpcTrace? FindFrame(IReadOnlyList<RpcTrace> traces, TxHash? transaction, IReadOnlyList<int> path, int depth)
    {
        foreach (var trace in traces)
        {
            if (trace.TransactionHash == transaction && trace.TraceAddress.Count == depth && StartsWith(path, trace.TraceAddress))
                return trace;
        }
        return null;
    }

    private static bool StartsWith(IReadOnlyList<int> path, IReadOnlyList<int> prefix)
    {
        for (var i = 0; i < prefix.Count; i++)
        {
            if (path[i] != prefix[i]) return false;
        }
        return true;
    }
}
