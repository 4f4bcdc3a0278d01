using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>
/// A catch-up over many small ranges, stopped at one request after another (a crash, a shutdown)
/// and resumed each time by a new reconciler, as a restarted process would: it ends with exactly
/// the transfers the node holds, and at every stop the ledger is a gap-free prefix of them.
/// </summary>
public sealed class CatchUpRestartReconciliationTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>
{
    private const string Stani = "Stani Kulechov (personal)";
    private const string TokenDao = "Token DAO";

    [Fact]
    public async Task A_catch_up_stopped_again_and_again_and_resumed_by_new_instances_ends_with_exactly_the_transfers_on_chain()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var contracts = fixture.Contracts;
        var token = await contracts.DeployTokenAsync(node, "Test Token", "TKN", 18);
        await using var app = TestApp.OnSeed(TestSeed.Mainnet().Asset("TKN", 1, token)
            .Pledge(Stani, "50", "ETH", "committed", DevAccounts.Account1)
            .Pledge(TokenDao, "500", "TKN", "committed", DevAccounts.Account3));
        await contracts.MintAsync(node, token, DevAccounts.Account3, Wei.Eth(1000));
        for (var i = 1; i <= 12; i++)
        {
            await node.Rpc.SendEthAsync(DevAccounts.Account1, TestSeed.Recovery, Wei.Eth(1));
            await contracts.TransferAsync(node, token, DevAccounts.Account3, TestSeed.Recovery, Wei.Eth(10));
            await contracts.TransferAsync(node, token, DevAccounts.Account3, DevAccounts.Account7, Wei.Eth(1));
            if (i % 3 == 0) await node.Rpc.SendEthAsync(DevAccounts.Account6, TestSeed.Recovery, Wei.Tenths(i));
            await node.Rpc.MineAsync(i % 4);
        }
        await node.Rpc.MineAsync(2);
        var truth = (await ChainTruth.NativeInflowsAsync(node.Rpc, TestSeed.Recovery))
            .Concat(await ChainTruth.TokenInflowsAsync(node.Rpc, token, TestSeed.Recovery)).ToHashSet();
        Assert.Equal(28, truth.Count);
        var settings = Reconcilers.Fast(node.RpcUrl, maxLogRange: 3);

        var checkpoints = new List<long?>();
        foreach (var stop in new[] { 2, 5, 9, 14, 20, 27 })
        {
            if (stop == 20)
            {
                using var shutdown = new CancellationTokenSource();
                app.Faults.CancelAt(stop, shutdown);
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => app.Reconciler(1, settings).PollAsync(shutdown.Token));
            }
            else
            {
                app.Faults.CrashAt(stop);
                // Nethereum wraps whatever its HttpClient throws; the crash is the cause.
                var crash = await Assert.ThrowsAnyAsync<Exception>(() => app.Reconciler(1, settings).PollAsync(CancellationToken.None));
                Assert.IsType<InjectedCrashException>(crash as InjectedCrashException ?? crash.InnerException);
            }
            var scanned = (await app.StateAsync(1)).LastScannedBlock;
            checkpoints.Add(scanned);
            await AssertGapFreePrefixAsync(app, truth, scanned ?? -1);
        }
        app.Faults.Off();
        Assert.Contains(checkpoints, c => c > 0);
        Assert.True(checkpoints[^1] < await node.Rpc.BlockNumberAsync(), $"the last stop came after the catch-up finished: {string.Join(", ", checkpoints)}");

        await app.Reconciler(1, settings).PollAsync(CancellationToken.None);
        await app.Reconciler(1, settings).PollAsync(CancellationToken.None);

        var stored = (await app.TransfersAsync()).Select(TruthRow.Of).ToList();
        Assert.Equal(truth.Count, stored.Count);
        Assert.Equal(truth.OrderBy(t => (t.BlockNumber, t.TxHash)), stored.OrderBy(t => (t.BlockNumber, t.TxHash)));
        Assert.All(await app.TransfersAsync(), t => Assert.True(t.Confirmed));
        // 12 ETH and 120 TKN attributed; 0.3 + 0.6 + 0.9 + 1.2 ETH from the stranger.
        Assert.Equal(("12", "120", "3", "135"), (Received(app, Stani), Received(app, TokenDao), app.Figures.UnattributedEth.ToString(), app.Figures.DeliveredEth.ToString()));
    }

    private static string Received(TestApp app, string pledger) => app.Figures.Pledges.Single(p => p.Pledger == pledger).Received.ToString();

    /// <summary>Nothing stored twice, nothing that is not on chain, and everything up to the checkpoint.</summary>
    private static async Task AssertGapFreePrefixAsync(TestApp app, IReadOnlySet<TruthRow> truth, long scanned)
    {
        var stored = (await app.TransfersAsync()).Select(TruthRow.Of).ToList();
        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.All(stored, row => Assert.Contains(row, truth));
        Assert.Equal(truth.Where(t => t.BlockNumber <= scanned).OrderBy(t => (t.BlockNumber, t.TxHash)),
            stored.Where(t => t.BlockNumber <= scanned).OrderBy(t => (t.BlockNumber, t.TxHash)));
        Assert.DoesNotContain(stored, t => t.BlockNumber > scanned);
    }
}
