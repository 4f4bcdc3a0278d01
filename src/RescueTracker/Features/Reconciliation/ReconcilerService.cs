using Microsoft.Extensions.Options;
using RescueTracker.Features.Chains;
using RescueTracker.Hosting;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// The loop: one task per chain with an RpcUrl, each polling at its own interval, and beside it the chain's lease kept
/// (renewed, or taken when free): of several instances on one database only the holder's polls do anything. A failed
/// poll is logged (and shown on the status page) and the loop carries on; the logic lives in ChainReconciler. On a
/// graceful stop the leases are released, so another instance takes over at once.
/// </summary>
public sealed class ReconcilerService(
    IOptions<ChainsOptions> chains, ChainReconcilerFactory factory, StartupReadiness readiness, ILogger<ReconcilerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watched = chains.Value.Where(c => c.Value.RpcUrl is not null).ToList();
        if (watched.Count == 0) logger.LogInformation("No chain has an RpcUrl: transfers are not being reconciled");
        try
        {
            // The scan state lives in tables the start-up migrations may still be creating.
            await readiness.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await Task.WhenAll(watched.Select(c => RunAsync(factory.Create(c.Key, c.Value), c.Value.PollInterval, stoppingToken)));
    }

    private async Task RunAsync(ChainReconciler reconciler, TimeSpan interval, CancellationToken stoppingToken)
    {
        // Leave the start-up path before the first network call.
        await Task.Yield();
        var keeping = reconciler.Lease.KeepAsync(stoppingToken);
        try
        {
            await PollUntilStoppedAsync(reconciler, interval, stoppingToken);
        }
        finally
        {
            await keeping;
            await reconciler.Lease.ReleaseAsync();
        }
    }

    private async Task PollUntilStoppedAsync(ChainReconciler reconciler, TimeSpan interval, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await reconciler.PollAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Chain {ChainId}: poll failed; retrying in {Interval}", reconciler.ChainId, interval);
            }
            try
            {
                await Task.Delay(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
