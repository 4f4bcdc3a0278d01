namespace RescueTracker.Tests.Infrastructure;

/// <summary>
/// A crash at a chosen point of a poll: the n-th JSON-RPC request from now fails with an error the
/// reconciler cannot retry (or, for a shutdown, cancels the poll's token), so the poll stops exactly
/// there, as if the process had died.
/// </summary>
public sealed class RpcFaults
{
    private int _remaining = int.MaxValue;
    private CancellationTokenSource? _cancel;

    public void CrashAt(int request) => Arm(request, null);

    /// <summary>Cancels <paramref name="cancel"/> just before the n-th request, as a host shutting down would.</summary>
    public void CancelAt(int request, CancellationTokenSource cancel) => Arm(request, cancel);

    public void Off() => Arm(int.MaxValue, null);

    /// <summary>Every JSON-RPC request body sent so far, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Requests { get; } = new();

    private void Arm(int request, CancellationTokenSource? cancel)
    {
        _cancel = cancel;
        Volatile.Write(ref _remaining, request);
    }

    public void BeforeRequest()
    {
        if (Interlocked.Decrement(ref _remaining) != 0) return;
        if (_cancel is null) throw new InjectedCrashException();
        _cancel.Cancel();
    }
}

public sealed class InjectedCrashException() : Exception("Injected crash in the middle of a poll.");

public sealed class RpcFaultHandler(RpcFaults faults) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content) faults.Requests.Enqueue(await content.ReadAsStringAsync(cancellationToken));
        faults.BeforeRequest();
        return await base.SendAsync(request, cancellationToken);
    }
}
