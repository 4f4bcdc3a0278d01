using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Status;

/// <summary>
/// The shipped seed with chain 1 configured (12 confirmations, reorg window 64, an explorer), chain 42161
/// left unconfigured, and chain 10 configured though not in the data. The reconciler loop is removed:
/// tests write scan state and transfers themselves, so nothing races them and no node is needed.
/// </summary>
public sealed class WatchedChains : IAppProfile
{
    public TestAppOptions Options { get; } = new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Chains:1:RpcUrl"] = "http://127.0.0.1:9/",
            ["Chains:1:Confirmations"] = "12",
            ["Chains:1:ReorgWindow"] = "64",
            ["Chains:1:ExplorerUrl"] = "https://etherscan.io",
            ["Chains:10:RpcUrl"] = "http://127.0.0.1:9/",
        },
        ReconcilerLoop = false,
    };
}
