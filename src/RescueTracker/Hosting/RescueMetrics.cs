using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace RescueTracker.Hosting;

/// <summary>
/// The app's own instruments, on one meter, "RescueTracker". Recorded always (cheap when nobody listens); exported at
/// /metrics only when <c>Metrics:Enabled</c> is true. Per-chain instruments carry a <c>chainId</c> tag.
/// </summary>
public sealed class RescueMetrics
{
    public const string MeterName = "RescueTracker";

    private readonly ConcurrentDictionary<long, long> _lag = new();
    private readonly ConcurrentDictionary<long, int> _held = new();
    private readonly Counter<long> _takeovers;
    private readonly Counter<long> _transfers;
    private readonly Counter<long> _rpcErrors;
    private readonly Counter<long> _rpcRetries;
    private readonly Counter<long> _refreshes;
    private readonly Histogram<double> _refreshSeconds;

    public RescueMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("rescuetracker.ingest.lag",
            () => _lag.Select(c => new Measurement<long>(c.Value, Chain(c.Key))),
            unit: "{block}", description: "Blocks between the chain's head, as last polled, and the last block read");
        meter.CreateObservableGauge("rescuetracker.reconciler.held",
            () => _held.Select(c => new Measurement<int>(c.Value, Chain(c.Key))),
            unit: "{lease}", description: "1 while this instance holds the chain's reconciler lease (runs its reconciler), else 0");
        _takeovers = meter.CreateCounter<long>("rescuetracker.reconciler.takeovers", unit: "{takeover}",
            description: "Reconciler leases this instance took over from another after they expired");
        _transfers = meter.CreateCounter<long>("rescuetracker.ingest.transfers", unit: "{transfer}",
            description: "Transfers stored from the chain's logs, blocks and traces (new ones only)");
        _rpcErrors = meter.CreateCounter<long>("rescuetracker.rpc.errors", unit: "{call}",
            description: "RPC calls that failed after their retries, by kind");
        _rpcRetries = meter.CreateCounter<long>("rescuetracker.rpc.retries", unit: "{attempt}",
            description: "RPC attempts retried, by what failed");
        _refreshes = meter.CreateCounter<long>("rescuetracker.figures.refreshes", unit: "{refresh}",
            description: "Figures recomputed from the ledger (after every write and ingested range)");
        _refreshSeconds = meter.CreateHistogram<double>("rescuetracker.figures.refresh.duration", unit: "s",
            description: "Time to recompute the figures");
    }

    /// <param name="lastRead">The last block read, or the block before the first one to read.</param>
    public void IngestPosition(long chainId, long head, long lastRead) => _lag[chainId] = Math.Max(0, head - lastRead);

    public void ReconcilerHeld(long chainId, bool held) => _held[chainId] = held ? 1 : 0;

    public void ReconcilerTakeover(long chainId) => _takeovers.Add(1, Chain(chainId));

    public void TransfersStored(long chainId, int count)
    {
        if (count > 0) _transfers.Add(count, Chain(chainId));
    }

    public void RpcError(long chainId, string kind) => _rpcErrors.Add(1, Chain(chainId), new("kind", kind));

    public void RpcRetry(long chainId, string kind) => _rpcRetries.Add(1, Chain(chainId), new("kind", kind));

    public void FiguresRefreshed(TimeSpan took)
    {
        _refreshes.Add(1);
        _refreshSeconds.Record(took.TotalSeconds);
    }

    private static KeyValuePair<string, object?> Chain(long chainId) => new("chainId", chainId);
}
