using RescueTracker.Data;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>Each chain's transfers under its own id, and never another chain's under it.</summary>
public sealed class ChainSeparationReconciliationTests
{
    private const string Stani = "Stani Kulechov (personal)";
    private const string ArbitrumDao = "Arbitrum DAO";
    // One sender on both chains: the asset, and so the chain, decides which pledge a payment is for.
    private const string Sender = DevAccounts.Account1;

    private static TestSeed Seed() => TestSeed.Mainnet()
        .Chain(42161, "Arbitrum One").Asset("ETH.arb", 42161, contract: null)
        .Pledge(Stani, "5", "ETH", "committed", Sender)
        .Pledge(ArbitrumDao, "4", "ETH.arb", "committed", Sender);

    [Fact]
    public async Task Two_chains_polled_at_once_store_each_chains_transfers_under_its_own_id_and_asset()
    {
        var nodes = await Task.WhenAll(AnvilNode.StartAsync(1), AnvilNode.StartAsync(42161));
        await using var mainnet = nodes[0];
        await using var arbitrum = nodes[1];
        await using var app = TestApp.OnSeed(Seed());
        var onMainnet = await mainnet.Rpc.SendEthAsync(Sender, TestSeed.Recovery, Wei.Eth(2));
        var onArbitrum = await arbitrum.Rpc.SendEthAsync(Sender, TestSeed.Recovery, Wei.Eth(4));
        var stranger = await arbitrum.Rpc.SendEthAsync(DevAccounts.Account6, TestSeed.Recovery, Wei.Eth(1));
        await mainnet.Rpc.MineAsync(2);
        await arbitrum.Rpc.MineAsync(2);

        await Task.WhenAll(
            app.Reconciler(1, mainnet.RpcUrl).PollAsync(CancellationToken.None),
            app.Reconciler(42161, arbitrum.RpcUrl).PollAsync(CancellationToken.None));

        var stani = await app.PledgeAsync(Stani);
        var dao = await app.PledgeAsync(ArbitrumDao);
        Assert.Equal([(onMainnet, stani.AssetId!.Value, (int?)stani.Id, Wei.Eth(2))],
            (await app.TransfersAsync(1)).Select(t => (t.TxHash, t.AssetId, t.PledgeId, t.Amount)));
        Assert.Equal([(onArbitrum, dao.AssetId!.Value, (int?)dao.Id, Wei.Eth(4)), (stranger, dao.AssetId!.Value, (int?)null, Wei.Eth(1))],
            (await app.TransfersAsync(42161)).Select(t => (t.TxHash, t.AssetId, t.PledgeId, t.Amount)));
        Assert.Equal((PledgeStatus.Committed, PledgeStatus.Delivered), (stani.Status, dao.Status));
        Assert.Equal(("7", "1"), (app.Figures.DeliveredEth.ToString(), app.Figures.UnattributedEth.ToString()));
        Assert.Equal(("2", "4"), (app.Figures.Pledges.Single(p => p.Pledger == Stani).ReceivedEth.ToString(),
            app.Figures.Pledges.Single(p => p.Pledger == ArbitrumDao).ReceivedEth.ToString()));
        Assert.Equal(await mainnet.Rpc.BlockNumberAsync(), (await app.StateAsync(1)).LastScannedBlock);
        Assert.Equal(await arbitrum.Rpc.BlockNumberAsync(), (await app.StateAsync(42161)).LastScannedBlock);
        var transfer = Assert.Single((await app.PledgeJsonAsync(ArbitrumDao)).GetProperty("transfers").EnumerateArray());
        Assert.Equal((42161, "ETH.arb"), (transfer.GetProperty("chainId").GetInt64(), transfer.GetProperty("asset").GetString()));
    }

    [Fact]
    public async Task A_node_reporting_another_chain_id_than_configured_has_nothing_ingested_and_the_error_names_both_ids()
    {
        await using var node = await AnvilNode.StartAsync(1);
        await using var app = TestApp.OnSeed(Seed());
        await node.Rpc.SendEthAsync(Sender, TestSeed.Recovery, Wei.Eth(4));
        await node.Rpc.MineAsync(2);
        var reconciler = app.Reconciler(42161, node.RpcUrl);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => reconciler.PollAsync(CancellationToken.None));
        // Asked again, it refuses again: the check is not a one-off.
        await Assert.ThrowsAsync<InvalidOperationException>(() => reconciler.PollAsync(CancellationToken.None));

        const string expected = "The node at the configured RpcUrl reports chain id 1, not 42161; nothing is ingested for chain 42161.";
        Assert.Equal(expected, error.Message);
        var state = await app.StateAsync(42161);
        Assert.Equal((expected, false, (long?)null, (long?)null), (state.LastError, state.ChainIdVerified, state.LastScannedBlock, state.HeadBlock));
        Assert.NotNull(state.LastErrorAt);
        var status = await app.StatusJsonAsync(42161);
        Assert.Equal((expected, false), (status.GetProperty("lastError").GetString(), status.GetProperty("chainIdVerified").GetBoolean()));
        Assert.Empty(await app.TransfersAsync());
        Assert.Equal("0", app.Figures.DeliveredEth.ToString());
        Assert.Equal(PledgeStatus.Committed, (await app.PledgeAsync(ArbitrumDao)).Status);
    }
}
