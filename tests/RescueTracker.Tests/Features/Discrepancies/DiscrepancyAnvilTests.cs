using System.Globalization;
using System.Text.Json;
using RescueTracker.Data;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Discrepancies;

/// <summary>
/// Discrepancies of a ledger the reconciler read from a real node: a pledge paid past its amount in two transfers, and
/// ETH from an address no pledge names. The rows name the real transactions, blocks and the times the ledger saw them.
/// </summary>
public sealed class DiscrepancyAnvilTests
{
    private const string Stani = "Stani Kulechov (personal)";
    private const string StaniSender = DevAccounts.Account1;
    private const string Stranger = DevAccounts.Account6;

    [Fact]
    public async Task Ingested_transfers_give_an_over_delivered_pledge_and_an_unattributed_inflow_with_their_transactions()
    {
        await using var node = await AnvilNode.StartAsync(1);
        await using var app = TestApp.OnSeed(TestSeed.Mainnet().Pledge(Stani, "5", "ETH", "committed", StaniSender));
        var first = await node.Rpc.SendEthAsync(StaniSender, TestSeed.Recovery, Wei.Eth(3));
        var second = await node.Rpc.SendEthAsync(StaniSender, TestSeed.Recovery, Wei.Eth(4));
        var stray = await node.Rpc.SendEthAsync(Stranger, TestSeed.Recovery, Wei.Tenths(15));
        await node.Rpc.MineAsync(2);

        await app.Reconciler(1, node.RpcUrl).PollAsync(CancellationToken.None);

        var transfers = (await app.TransfersAsync()).ToDictionary(t => t.TxHash);
        Assert.Equal(3, transfers.Count);
        Assert.All(transfers.Values, t => Assert.True(t.Confirmed));
        var (strayBlock, _) = await node.BlockOfAsync(stray);
        var stani = await app.PledgeIdAsync(Stani);
        var rows = (await app.GetJsonAsync("/api/discrepancies")).EnumerateArray().ToList();
        var byKind = rows.ToDictionary(r => r.GetProperty("kind").GetString()!);
        Assert.Equal(["overDelivered", "unattributedInflow"], byKind.Keys.Order(StringComparer.Ordinal));

        var over = byKind["overDelivered"];
        Assert.Equal((stani, transfers[second].Id), (over.GetProperty("pledgeId").GetInt32(), over.GetProperty("transferId").GetInt64()));
        Assert.Equal("Received 7 ETH against 5 ETH pledged: 2 ETH more.", over.GetProperty("detail").GetString());
        Assert.Equal(transfers[second].SeenAt.ToUniversalTime(), Since(over));

        var inflow = byKind["unattributedInflow"];
        Assert.Equal(JsonValueKind.Null, inflow.GetProperty("pledgeId").ValueKind);
        Assert.Equal(transfers[stray].Id, inflow.GetProperty("transferId").GetInt64());
        Assert.Equal($"1.5 ETH from {transfers[stray].From} (transaction {stray}, block {strayBlock} on chain 1) is attributed to no pledge.",
            inflow.GetProperty("detail").GetString());
        Assert.Equal(transfers[stray].SeenAt.ToUniversalTime(), Since(inflow));
        // The same money the figures count: the pledge's R(p) and the unattributed I.
        Assert.Equal(("7", "1.5"), (app.Figures.Pledges.Single(p => p.Id == stani).Received.ToString(), app.Figures.UnattributedEth.ToString()));
        Assert.Equal(PledgeStatus.Delivered, (await app.PledgeAsync(Stani)).Status);
        Assert.NotEqual(transfers[first].Id, over.GetProperty("transferId").GetInt64());
    }

    private static DateTimeOffset Since(JsonElement row) =>
        DateTimeOffset.Parse(row.GetProperty("since").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
