using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>
/// Reorganisations made with anvil_reorg (blocks replaced in place) and evm_revert (the chain
/// rewound, then mined again): removed transfers leave every figure, re-included ones count once.
/// </summary>
public sealed class ReorgReconciliationTests
{
    private const string Stani = "Stani Kulechov (personal)";
    private const string EtherFi = "EtherFi Foundation";
    private const string EtherFiSender = DevAccounts.Account2;

    private static TestSeed Seed() => TestSeed.Mainnet()
        .Pledge(Stani, "5", "ETH", "committed", DevAccounts.Account1)
        .Pledge(EtherFi, "3", "ETH", "proposed", EtherFiSender);

    [Theory]
    [InlineData("anvil_reorg")]
    [InlineData("evm_revert")]
    public async Task A_reorg_that_removes_a_counted_transfer_takes_it_out_of_every_figure_and_returns_the_pledge_to_proposed(string how)
    {
        await using var node = await AnvilNode.StartAsync(1);
        await using var app = TestApp.OnSeed(Seed());
        var reconciler = app.Reconciler(1, node.RpcUrl);
        var kept = await node.Rpc.SendEthAsync(DevAccounts.Account1, TestSeed.Recovery, Wei.Eth(1));
        // Deep enough that the kept payment stays confirmed when evm_revert moves the head back.
        await node.Rpc.MineAsync(2);
        var snapshot = await node.Rpc.SnapshotAsync();
        var removed = await node.Rpc.SendEthAsync(EtherFiSender, TestSeed.Recovery, Wei.Eth(3));
        await node.Rpc.MineAsync(2);
        await reconciler.PollAsync(CancellationToken.None);
        Assert.Equal(PledgeStatus.Delivered, (await app.PledgeAsync(EtherFi)).Status);
        Assert.Equal("4", app.Figures.DeliveredEth.ToString());

        if (how == "anvil_reorg") await node.Rpc.ReorgAsync(3);
        else Assert.True(await node.Rpc.RevertAsync(snapshot));
        await node.Rpc.MineAsync();
        Assert.Null(await node.Rpc.GetReceiptAsync(removed));
        await reconciler.PollAsync(CancellationToken.None);

        Assert.Equal([kept], (await app.TransfersAsync()).Select(t => t.TxHash));
        var pledge = await app.PledgeAsync(EtherFi);
        Assert.Equal(PledgeStatus.Proposed, pledge.Status);
        Assert.Equal(3, pledge.History.Count);
        var back = pledge.History[^1];
        Assert.Equal((PledgeStatus.Delivered, PledgeStatus.Proposed, "reconciler"), (back.From, back.To, back.Actor));
        Assert.Equal("Received fell to 0 of 3 ETH: counted transfers were removed by a chain reorganisation.", back.Reason);

        Assert.Equal(("1", "0", "3"), (app.Figures.DeliveredEth.ToString(), app.Figures.Pledges.Single(p => p.Pledger == EtherFi).ReceivedEth.ToString(),
            app.Figures.OutstandingProposedEth.ToString()));
        var json = await app.PledgeJsonAsync(EtherFi);
        Assert.Equal(("0", "proposed", 0), (json.GetProperty("receivedEth").GetString(), json.GetProperty("status").GetString(), json.GetProperty("transfers").GetArrayLength()));
        var summary = await app.GetJsonAsync("/api/summary");
        Assert.Equal(("1", "68899"), (summary.GetProperty("deliveredEth").GetString(), summary.GetProperty("uncoveredNowEth").GetString()));
        await AssertKeptHashesMatchTheNodeAsync(app, node);
    }

    [Theory]
    [InlineData("anvil_reorg")]
    [InlineData("evm_revert")]
    public async Task A_reorg_that_re_includes_the_same_payment_in_a_new_block_counts_it_once_with_the_new_block_hash(string how)
    {
        await using var node = await AnvilNode.StartAsync(1);
        await using var app = TestApp.OnSeed(Seed());
        var reconciler = app.Reconciler(1, node.RpcUrl);
        var snapshot = await node.Rpc.SnapshotAsync();
        // Signed once, so the re-included payment is the very same transaction (same hash).
        var raw = await SignPaymentAsync(node, EtherFiSender, Wei.Eth(3));
        var payment = await SendRawAsync(node, raw);
        var (oldBlock, oldHash) = await node.BlockOfAsync(payment);
        await node.Rpc.MineAsync(2);
        await reconciler.PollAsync(CancellationToken.None);
        Assert.Equal(PledgeStatus.Delivered, (await app.PledgeAsync(EtherFi)).Status);

        if (how == "anvil_reorg") await node.Rpc.ReorgAsync(3);
        else Assert.True(await node.Rpc.RevertAsync(snapshot));
        await node.Rpc.MineAsync();
        Assert.Equal(payment, await SendRawAsync(node, raw));
        var (newBlock, newHash) = await node.BlockOfAsync(payment);
        await node.Rpc.MineAsync(2);
        await reconciler.PollAsync(CancellationToken.None);

        Assert.True(newBlock > oldBlock, $"re-included in block {newBlock}, first in {oldBlock}");
        Assert.NotEqual(oldHash, newHash);
        var row = Assert.Single(await app.TransfersAsync());
        Assert.Equal((payment, newBlock, newHash, Wei.Eth(3), true), (row.TxHash, row.BlockNumber, row.BlockHash, row.Amount, row.Confirmed));
        Assert.Equal(("3", "3"), (app.Figures.DeliveredEth.ToString(), app.Figures.Pledges.Single(p => p.Pledger == EtherFi).ReceivedEth.ToString()));
        var pledge = await app.PledgeAsync(EtherFi);
        Assert.Equal(PledgeStatus.Delivered, pledge.Status);
        // Delivered, back to proposed when the block went, delivered again by the same payment.
        Assert.Equal([PledgeStatus.Proposed, PledgeStatus.Delivered, PledgeStatus.Proposed, PledgeStatus.Delivered], pledge.History.Select(h => h.To));
        Assert.Equal(payment, pledge.History[^1].Evidence);
        await AssertKeptHashesMatchTheNodeAsync(app, node);
    }

    [Fact]
    public async Task A_reorg_deeper_than_the_reorg_window_halts_the_chain_with_an_error_and_changes_nothing()
    {
        await using var node = await AnvilNode.StartAsync(1);
        await using var app = TestApp.OnSeed(Seed());
        var settings = Reconcilers.Fast(node.RpcUrl);
        settings.ReorgWindow = 3;
        var reconciler = app.Reconciler(1, settings);
        await node.Rpc.SendEthAsync(DevAccounts.Account1, TestSeed.Recovery, Wei.Eth(1));
        var snapshot = await node.Rpc.SnapshotAsync();
        await node.Rpc.SendEthAsync(EtherFiSender, TestSeed.Recovery, Wei.Eth(3));
        await node.Rpc.MineAsync(6);
        await reconciler.PollAsync(CancellationToken.None);
        var before = (await app.TransfersAsync()).Select(TruthRow.Of).ToList();
        Assert.Equal(2, before.Count);

        // Back to block 1, then a different chain of the same length: blocks 2..8 all change, 6..8 are the kept ones.
        Assert.True(await node.Rpc.RevertAsync(snapshot));
        await node.Rpc.SendEthAsync(DevAccounts.Account6, TestSeed.Recovery, Wei.Eth(2));
        await node.Rpc.MineAsync(6);
        Assert.Equal(8, await node.Rpc.BlockNumberAsync());
        await reconciler.PollAsync(CancellationToken.None);

        var state = await app.StateAsync(1);
        Assert.True(state.Halted);
        Assert.Equal("Reorganisation deeper than the reorg window (3 blocks): none of the kept blocks from 6 to 8 is on the node's chain any more. "
                     + "Ingestion for chain 1 is stopped; check the node, then restart from a clean checkpoint.", state.LastError);
        Assert.NotNull(state.LastErrorAt);
        Assert.Equal(8, state.LastScannedBlock);
        var status = await app.StatusJsonAsync(1);
        Assert.Equal((true, state.LastError), (status.GetProperty("halted").GetBoolean(), status.GetProperty("lastError").GetString()));
        Assert.Equal(before, (await app.TransfersAsync()).Select(TruthRow.Of));
        Assert.Equal(PledgeStatus.Delivered, (await app.PledgeAsync(EtherFi)).Status);

        // Halted means halted: later blocks are not read either.
        await node.Rpc.SendEthAsync(DevAccounts.Account6, TestSeed.Recovery, Wei.Eth(2));
        await node.Rpc.MineAsync(2);
        await app.Reconciler(1, settings).PollAsync(CancellationToken.None);
        Assert.Equal(before, (await app.TransfersAsync()).Select(TruthRow.Of));
        Assert.Equal(8, (await app.StateAsync(1)).LastScannedBlock);
    }

    /// <summary>eth_signTransaction with a fixed nonce and fees, so the bytes can be sent twice.</summary>
    private static async Task<string> SignPaymentAsync(AnvilNode node, string from, System.Numerics.BigInteger wei)
    {
        var nonce = await node.Rpc.RequestAsync("eth_getTransactionCount", from, "latest");
        var tx = new Dictionary<string, object?>
        {
            ["from"] = from, ["to"] = TestSeed.Recovery, ["value"] = AnvilHex.Quantity(wei), ["nonce"] = nonce.GetString(),
            ["gas"] = "0x5208", ["maxFeePerGas"] = AnvilHex.Quantity(100_000_000_000), ["maxPriorityFeePerGas"] = "0x1",
            ["chainId"] = AnvilHex.Quantity(node.ChainId),
        };
        return (await node.Rpc.RequestAsync("eth_signTransaction", tx)).GetString()!;
    }

    private static async Task<string> SendRawAsync(AnvilNode node, string raw)
    {
        var hash = (await node.Rpc.RequestAsync("eth_sendRawTransaction", raw)).GetString()!;
        await node.Rpc.WaitForReceiptAsync(hash);
        return hash;
    }

    private static async Task AssertKeptHashesMatchTheNodeAsync(TestApp app, AnvilNode node)
    {
        await using var db = app.Db();
        var kept = await db.SeenBlocks.AsNoTracking().Where(b => b.ChainId == 1).OrderBy(b => b.Number).ToListAsync();
        Assert.Equal(await node.Rpc.BlockNumberAsync(), kept[^1].Number);
        foreach (var block in kept) Assert.Equal(await node.BlockHashAsync(block.Number), block.Hash);
    }
}
