using RescueTracker.Features.Chains;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Tests.Faults;
using RescueTracker.Tests.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Drills;

/// <summary>
/// One reconciler of R3: the app in memory on its own SQLite file, reading the shared node through
/// its own fault proxy (so each proxy's log holds one client's requests), with its own random faults.
/// </summary>
internal sealed class FaultLane : IAsyncDisposable
{
    private FaultLane(TestApp app, FaultyRpcProxy proxy, ChainReconciler reconciler)
    {
        App = app;
        Proxy = proxy;
        Reconciler = reconciler;
    }

    public TestApp App { get; }
    public FaultyRpcProxy Proxy { get; }
    public ChainReconciler Reconciler { get; }
    public List<string> FailedPolls { get; } = [];

    public static async Task<FaultLane> StartAsync(TestSeed seed, string nodeUrl, ChainSettings settings, IEnumerable<FaultRule> rules)
    {
        var proxy = await FaultyRpcProxy.StartAsync(nodeUrl);
        foreach (var rule in rules) proxy.Add(rule);
        var app = TestApp.OnSeed(seed, quiet: true);
        settings.RpcUrl = proxy.Url;
        return new FaultLane(app, proxy, app.Reconciler(1, settings));
    }

    /// <summary>
    /// Polls until the checkpoint is <paramref name="head"/>. A poll whose retries run out fails and
    /// the next resumes from the checkpoint, as the background loop would.
    /// </summary>
    public async Task CatchUpAsync(long head)
    {
        for (var poll = 1; poll <= 50; poll++)
        {
            try
            {
                await Reconciler.PollAsync(CancellationToken.None);
            }
            catch (Exception e)
            {
                FailedPolls.Add(e.Message);
            }
            if ((await App.StateAsync(1)).LastScannedBlock == head) return;
        }
        throw new Xunit.Sdk.XunitException($"Not caught up with block {head} after 50 polls:\n{string.Join("\n", FailedPolls.TakeLast(5))}");
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}
