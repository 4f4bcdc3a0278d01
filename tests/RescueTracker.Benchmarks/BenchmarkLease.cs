using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RescueTracker.Data;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Hosting;

namespace RescueTracker.Benchmarks;

/// <summary>The reconciler lease a benchmark's own writes are fenced by, as the reconciler holds it before it writes.</summary>
internal static class BenchmarkLease
{
    public static async Task<LeaseHold> HoldAsync(IServiceProvider services, long chainId) =>
        await new ChainLease(chainId, "benchmark", new ReconcilerLeaseOptions(), services.GetRequiredService<IDbContextFactory<RescueDbContext>>(),
            TimeProvider.System, services.GetRequiredService<RescueMetrics>(), NullLogger.Instance).HoldAsync(CancellationToken.None)
        ?? throw new InvalidOperationException($"Chain {chainId}: the reconciler lease is held by another instance.");
}
