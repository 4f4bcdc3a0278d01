using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Chains;
using RescueTracker.Features.Figures;

namespace RescueTracker.Features.Reconciliation;

/// <summary>Builds a chain's reconciler with its own HTTP client and retry pipeline.</summary>
public sealed class ChainReconcilerFactory(
    IHttpClientFactory httpClients,
    IDbContextFactory<RescueDbContext> dbFactory,
    FiguresService figures,
    TimeProvider clock,
    ILoggerFactory loggers)
{
    public const string HttpClientName = "chain-rpc";

    public ChainReconciler Create(long chainId, ChainSettings settings)
    {
        var http = httpClients.CreateClient(HttpClientName);
        http.BaseAddress = settings.RpcUrl ?? throw new InvalidOperationException($"Chain {chainId} has no RpcUrl.");
        // Each attempt has its own timeout in the retry pipeline; the client's must not cut it short.
        http.Timeout = Timeout.InfiniteTimeSpan;
        var logger = loggers.CreateLogger($"RescueTracker.Reconciliation.Chain{chainId}");
        var rpc = new EthRpcClient(http, clock);
        var reader = new ChainReader(rpc, new LogStreamReader(http, clock), RpcResilience.Create(settings.Retry, logger, chainId), settings.MaxLogRange, logger, chainId);
        return new ChainReconciler(chainId, settings, rpc, reader, dbFactory, figures, clock, logger);
    }
}
