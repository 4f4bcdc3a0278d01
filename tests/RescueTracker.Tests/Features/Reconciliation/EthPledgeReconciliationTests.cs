using System.Text.Json;
using RescueTracker.Data;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>Native ETH payments on a real node, read by the reconciler one poll at a time.</summary>
public sealed class EthPledgeReconciliationTests
{
    private const string Stani = "Stani Kulechov (personal)";
    private const string EtherFi = "EtherFi Foundation";
    private const string StaniSender = DevAccounts.Account1;
    private const string Stranger = DevAccounts.Account6;

    private static TestSeed Seed() => TestSeed.Mainnet()
        .Pledge(Stani, "5", "ETH", "committed", StaniSender)
        .Pledge(EtherFi, "3", "ETH", "proposed", DevAccounts.Account2)
        .Pledge("Ethena", null, null, "proposed");

    [Fact]
    public async Task A_pledge_paid_in_two_transfers_is_partial_after_the_first_and_delivered_after_the_second_with_both_hashes_as_evidence()
    {
        await using var node = await AnvilNode.StartAsync(1);
        await using var app = TestApp.OnSeed(Seed());
        var reconciler = app.Reconciler(1, node.RpcUrl);

        var first = await node.Rpc.SendEthAsync(StaniSender, TestSeed.Recovery, Wei.Eth(2));
        await node.Rpc.MineAsync(2);
        await reconciler.PollAsync(CancellationToken.None);

        var pledge = await app.PledgeAsync(Stani);
        var (firstBlock, firstBlockHash) = await node.BlockOfAsync(first);
        var row = Assert.Single(await app.TransfersAsync());
        Assert.Equal((1L, first, TransferKind.Native, "", firstBlock, firstBlockHash), (row.ChainId, row.TxHash, row.Kind, row.Position, row.BlockNumber, row.BlockHash));
        Assert.Equal((StaniSender, TestSeed.Recovery, Wei.Eth(2), true, (int?)pledge.Id), (row.From, row.To, row.Amount, row.Confirmed, row.PledgeId));
        Assert.Equal(PledgeStatus.Committed, pledge.Status);
        var partial = app.Figures.Pledges.Single(p => p.Pledger == Stani);
        Assert.Equal(("2", "2", true), (partial.Received.ToString(), partial.ReceivedEth.ToString(), partial.IsPartial));
        Assert.Contains("partially delivered 2 of 5 ETH", await app.GetHtmlAsync($"/pledges/{pledge.Id}"));
        var partialJson = await app.PledgeJsonAsync(Stani);
        Assert.Equal(("2", "committed"), (partialJson.GetProperty("receivedEth").GetString(), partialJson.GetProperty("status").GetString()));
        Assert.Equal("2", (await app.GetJsonAsync("/api/summary")).GetProperty("deliveredEth").GetString());

        var second = await node.Rpc.SendEthAsync(StaniSender, TestSeed.Recovery, Wei.Eth(3));
        await node.Rpc.MineAsync(2);
        await reconciler.PollAsync(CancellationToken.None);

        pledge = await app.PledgeAsync(Stani);
        Assert.Equal(PledgeStatus.Delivered, pledge.Status);
        Assert.Equal(2, pledge.History.Count);
        var delivered = pledge.History[^1];
        Assert.Equal((PledgeStatus.Committed, PledgeStatus.Delivered, "reconciler"), (delivered.From, delivered.To, delivered.Actor));
        Assert.Equal($"{first} {second}", delivered.Evidence);
        Assert.Equal("Received 5 of 5 ETH: paid in full.", delivered.Reason);

        var json = await app.PledgeJsonAsync(Stani);
        Assert.Equal(("5", "5", "delivered", false), (json.GetProperty("received").GetString(), json.GetProperty("receivedEth").GetString(),
            json.GetProperty("status").GetString(), json.GetProperty("overDelivered").GetBoolean()));
        var history = json.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(("committed", "delivered", "reconciler"), (history.GetProperty("from").GetString(), history.GetProperty("to").GetString(), history.GetProperty("actor").GetString()));
        Assert.Equal([first, second], history.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { first, second }.Order(), json.GetProperty("transfers").EnumerateArray().Select(t => t.GetProperty("txHash").GetString()).Order());
        Assert.All(json.GetProperty("transfers").EnumerateArray(), t => Assert.Equal(("native", "confirmed"), (t.GetProperty("kind").GetString(), t.GetProperty("status").GetString())));

        var summary = await app.GetJsonAsync("/api/summary");
        Assert.Equal(("5", "0", "3", "8"), (summary.GetProperty("deliveredEth").GetString(), summary.GetProperty("outstandingCommittedEth").GetString(),
            summary.GetProperty("outstandingProposedEth").GetString(), summary.GetProperty("pledgedEth").GetString()));
        Assert.Equal(("68895", "68892"), (summary.GetProperty("uncoveredNowEth").GetString(), summary.GetProperty("uncoveredIfAllArriveEth").GetString()));
    }

    [Fact]
    public async Task Eth_from_an_unknown_sender_counts_as_unattributed_and_leaves_every_pledge_untouched()
    {
        await using var node = await AnvilNode.StartAsync(1);
        await using var app = TestApp.OnSeed(Seed());

        var hash = await node.Rpc.SendEthAsync(Stranger, TestSeed.Recovery, Wei.Tenths(15));
        await node.Rpc.MineAsync(2);
        await app.Reconciler(1, node.RpcUrl).PollAsync(CancellationToken.None);

        var row = Assert.Single(await app.TransfersAsync());
        Assert.Equal((hash, Stranger, Wei.Tenths(15), true, (int?)null), (row.TxHash, row.From, row.Amount, row.Confirmed, row.PledgeId));
        Assert.Equal(("1.5", "1.5", "68898.5"), (app.Figures.UnattributedEth.ToString(), app.Figures.DeliveredEth.ToString(), app.Figures.UncoveredNowEth.ToString()));
        Assert.All(app.Figures.Pledges, p => Assert.Equal("0", p.ReceivedEth.ToString()));
        Assert.Equal(PledgeStatus.Committed, (await app.PledgeAsync(Stani)).Status);
        Assert.Single((await app.PledgeAsync(Stani)).History);
        Assert.Equal(PledgeStatus.Proposed, (await app.PledgeAsync(EtherFi)).Status);
        Assert.Single((await app.PledgeAsync(EtherFi)).History);
        Assert.Equal("1.5", (await app.GetJsonAsync("/api/summary")).GetProperty("deliveredEth").GetString());
    }

    [Fact]
    public async Task A_transfer_above_the_confirmation_depth_is_stored_as_pending_and_counted_only_two_blocks_later()
    {
        await using var node = await AnvilNode.StartAsync(1);
        await using var app = TestApp.OnSeed(Seed());
        var reconciler = app.Reconciler(1, node.RpcUrl);

        var hash = await node.Rpc.SendEthAsync(StaniSender, TestSeed.Recovery, Wei.Eth(1));
        var (block, _) = await node.BlockOfAsync(hash);
        for (var extra = 0; extra < 2; extra++)
        {
            await reconciler.PollAsync(CancellationToken.None);
            var pending = Assert.Single(await app.TransfersAsync());
            Assert.False(pending.Confirmed, $"confirmed at head {block + extra}");
            Assert.Equal(block + extra, (await app.StateAsync(1)).LastScannedBlock);
            Assert.Equal("0", app.Figures.DeliveredEth.ToString());
            var json = await app.PledgeJsonAsync(Stani);
            Assert.Equal("0", json.GetProperty("receivedEth").GetString());
            Assert.Equal((hash, "pending"), TxAndStatus(Assert.Single(json.GetProperty("transfers").EnumerateArray())));
            await node.Rpc.MineAsync();
        }

        await reconciler.PollAsync(CancellationToken.None);

        Assert.True(Assert.Single(await app.TransfersAsync()).Confirmed);
        Assert.Equal("1", app.Figures.DeliveredEth.ToString());
        var confirmed = await app.PledgeJsonAsync(Stani);
        Assert.Equal("1", confirmed.GetProperty("receivedEth").GetString());
        Assert.Equal((hash, "confirmed"), TxAndStatus(Assert.Single(confirmed.GetProperty("transfers").EnumerateArray())));
    }

    [Fact]
    public async Task Polling_again_and_reading_the_same_blocks_again_adds_nothing()
    {
        await using var node = await AnvilNode.StartAsync(1);
        await using var app = TestApp.OnSeed(Seed());
        await node.Rpc.SendEthAsync(StaniSender, TestSeed.Recovery, Wei.Eth(5));
        await node.Rpc.SendEthAsync(Stranger, TestSeed.Recovery, Wei.Eth(1));
        await node.Rpc.MineAsync(2);
        await app.Reconciler(1, node.RpcUrl).PollAsync(CancellationToken.None);
        var before = await LedgerTextAsync(app);

        await app.Reconciler(1, node.RpcUrl).PollAsync(CancellationToken.None);
        Assert.Equal(before, await LedgerTextAsync(app));

        // A crash between reading and moving the checkpoint makes the next run read the blocks again.
        await using (var db = app.Db())
        {
            var state = db.ChainScanStates.Single(s => s.ChainId == 1);
            state.LastScannedBlock = 0;
            await db.SaveChangesAsync();
        }
        await app.Reconciler(1, node.RpcUrl).PollAsync(CancellationToken.None);

        Assert.Equal(before, await LedgerTextAsync(app));
        Assert.Equal(2, (await app.TransfersAsync()).Count);
        Assert.Equal("6", app.Figures.DeliveredEth.ToString());
    }

    private static (string?, string?) TxAndStatus(JsonElement transfer) =>
        (transfer.GetProperty("txHash").GetString(), transfer.GetProperty("status").GetString());

    /// <summary>Transfers, history and checkpoint as text, so "nothing changed" compares everything at once.</summary>
    private static async Task<string> LedgerTextAsync(TestApp app)
    {
        var transfers = (await app.TransfersAsync()).Select(t => $"{t.Id} {t.TxHash} {t.Kind} {t.Position} {t.BlockNumber} {t.Amount} {t.Confirmed} {t.PledgeId}");
        var pledge = await app.PledgeAsync(Stani);
        var history = pledge.History.Select(h => $"{h.Id} {h.From}->{h.To} {h.Evidence}");
        var state = await app.StateAsync(1);
        return string.Join('\n', [.. transfers, .. history, $"status {pledge.Status}", $"scanned {state.LastScannedBlock}"]);
    }
}
