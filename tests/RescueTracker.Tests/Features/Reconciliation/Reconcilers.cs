using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Features.Chains;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>
/// Reconcilers a test builds from a <see cref="TestApp"/>'s own factory and polls itself. With no chain
/// configured the app's background loop stays idle, so nothing races the test.
/// </summary>
public static class Reconcilers
{
    /// <summary>Settings that keep a test fast: depth 2, quick retries, the whole chain from block 0.</summary>
    public static ChainSettings Fast(string rpcUrl, int maxLogRange = 2000) => new()
    {
        RpcUrl = new Uri(rpcUrl),
        Confirmations = 2,
        StartBlock = 0,
        MaxLogRange = maxLogRange,
        Retry = new ChainRetrySettings
        {
            MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50),
            AttemptTimeout = TimeSpan.FromSeconds(10),
        },
    };

    /// <summary>A new reconciler instance, as a restarted process would build it.</summary>
    public static ChainReconciler Reconciler(this TestApp app, long chainId, ChainSettings settings) =>
        app.Started().Services.GetRequiredService<ChainReconcilerFactory>().Create(chainId, settings);

    public static ChainReconciler Reconciler(this TestApp app, long chainId, string rpcUrl) => app.Reconciler(chainId, Fast(rpcUrl));
}
