using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Chains;
using RescueTracker.Features.Figures;
using RescueTracker.Hosting;

namespace RescueTracker.Features.Reconciliation;

/// <summary>Builds a chain's reconciler with its own HTTP client, retry handler, Nethereum client and lease.</summary>
public sealed class ChainReconcilerFactory(
    IHttpMessageHandlerFactory handlers,
    IDbContextFactory<RescueDbContext> dbFactory,
    FiguresService figures,
    TimeProvider clock,
    RescueMetrics metrics,
    InstanceIdentity instance,
    IOptions<ReconcilerLeaseOptions> leaseOptions,
    ILoggerFactory loggers)
{
    public const string HttpClientName = "chain-rpc";

    // Nethereum's one process-wide timeout (20 s) would cancel a call that is waiting out a provider's
    // Retry-After; the retry handler bounds every attempt and the retries instead.
    static ChainReconcilerFactory() => ClientBase.ConnectionTimeout = Timeout.InfiniteTimeSpan;

    public ChainReconciler Create(long chainId, ChainSettings settings)
    {
        var url = settings.RpcUrl ?? throw new InvalidOperationException($"Chain {chainId} has no RpcUrl.");
        var logger = loggers.CreateLogger($"RescueTracker.Reconciliation.Chain{chainId}");
        var retries = new RpcRetryHandler(settings.Retry, logger, chainId, clock, metrics) { InnerHandler = handlers.CreateHandler(HttpClientName) };
        // Each attempt has its own timeout in the retry handler; the client's must not cut the retries short.
        var http = new HttpClient(retries, disposeHandler: false) { BaseAddress = url, Timeout = Timeout.InfiniteTimeSpan };
        var web3 = new Web3(new RpcClient(url, http));
        var reader = new ChainReader(web3, new LogStreamReader(http), settings.MaxLogRange, logger, chainId);
        var lease = new ChainLease(chainId, instance.Id, leaseOptions.Value, dbFactory, clock, metrics, logger);
        return new ChainReconciler(chainId, settings, reader, lease, dbFactory, figures, clock, metrics, logger);
    }
}
