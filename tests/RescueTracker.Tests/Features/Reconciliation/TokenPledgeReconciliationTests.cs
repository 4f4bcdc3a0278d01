using System.Numerics;
using RescueTracker.Data;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>ERC-20 pledges: Transfer logs of configured tokens into the recovery address, and nothing else.</summary>
public sealed class TokenPledgeReconciliationTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>
{
    private const string TokenDao = "Token DAO";
    private const string Lido = "Lido Finance";
    private const string TokenSender = DevAccounts.Account3;
    private const string LidoSender = DevAccounts.Account4;
    private static readonly BigInteger Steth2500 = Wei.Eth(2500);

    private TestContracts Contracts => fixture.Contracts;

    [Fact]
    public async Task A_token_pledge_counts_only_its_tokens_transfer_logs_into_the_recovery_address()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var token = await Contracts.DeployTokenAsync(node, "Test Token", "TKN", 18);
        var unlisted = await Contracts.DeployTokenAsync(node, "Other Token", "OTH", 18);
        await using var app = TestApp.OnSeed(TestSeed.Mainnet().Asset("TKN", 1, token)
            .Pledge(TokenDao, "500", "TKN", "committed", TokenSender));
        await Contracts.MintAsync(node, token, TokenSender, Wei.Eth(1000));
        await Contracts.MintAsync(node, unlisted, TokenSender, Wei.Eth(1000));

        var paid = await Contracts.TransferAsync(node, token, TokenSender, TestSeed.Recovery, Wei.Eth(500));
        // The same token to another address, and another token to the recovery address: neither is an inflow.
        await Contracts.TransferAsync(node, token, TokenSender, DevAccounts.Account7, Wei.Eth(200));
        await Contracts.TransferAsync(node, unlisted, TokenSender, TestSeed.Recovery, Wei.Eth(100));
        await node.Rpc.MineAsync(2);
        await app.Reconciler(1, node.RpcUrl).PollAsync(CancellationToken.None);

        var pledge = await app.PledgeAsync(TokenDao);
        var row = Assert.Single(await app.TransfersAsync());
        Assert.Equal((paid, TransferKind.Erc20, "0", TokenSender, TestSeed.Recovery), (row.TxHash, row.Kind, row.Position, row.From, row.To));
        Assert.Equal((Wei.Eth(500), true, (int?)pledge.Id, pledge.AssetId!.Value), (row.Amount, row.Confirmed, row.PledgeId, row.AssetId));
        Assert.Equal(PledgeStatus.Delivered, pledge.Status);
        Assert.Equal(paid, pledge.History[^1].Evidence);

        var json = await app.PledgeJsonAsync(TokenDao);
        Assert.Equal(("500", "500", "delivered"), (json.GetProperty("received").GetString(), json.GetProperty("receivedEth").GetString(), json.GetProperty("status").GetString()));
        var transfer = Assert.Single(json.GetProperty("transfers").EnumerateArray());
        Assert.Equal(("erc20", 0, "TKN", "500"), (transfer.GetProperty("kind").GetString(), transfer.GetProperty("logIndex").GetInt32(),
            transfer.GetProperty("asset").GetString(), transfer.GetProperty("amount").GetString()));
        Assert.Equal("500", (await app.GetJsonAsync("/api/summary")).GetProperty("deliveredEth").GetString());
    }

    [Fact]
    public async Task A_steth_pledge_becomes_delivered_within_its_two_wei_tolerance_and_not_three_wei_short()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var steth = await Contracts.DeployTokenAsync(node, "Liquid staked Ether 2.0", "stETH", 18);
        await using var app = TestApp.OnSeed(TestSeed.Mainnet().Asset("stETH", 1, steth)
            .Pledge(Lido, "2500", "stETH", "proposed", LidoSender));
        await Contracts.MintAsync(node, steth, LidoSender, Steth2500);
        var reconciler = app.Reconciler(1, node.RpcUrl);

        // stETH rounds down on transfer: a rebasing token arrives a few wei short of what was asked.
        var first = await Contracts.TransferAsync(node, steth, LidoSender, TestSeed.Recovery, Steth2500 - 3);
        await node.Rpc.MineAsync(2);
        await reconciler.PollAsync(CancellationToken.None);

        Assert.Equal(PledgeStatus.Proposed, (await app.PledgeAsync(Lido)).Status);
        var partial = app.Figures.Pledges.Single(p => p.Pledger == Lido);
        Assert.Equal(("2499.999999999999999997", true), (partial.Received.ToString(), partial.IsPartial));

        var second = await Contracts.TransferAsync(node, steth, LidoSender, TestSeed.Recovery, 1);
        await node.Rpc.MineAsync(2);
        await reconciler.PollAsync(CancellationToken.None);

        var pledge = await app.PledgeAsync(Lido);
        Assert.Equal(PledgeStatus.Delivered, pledge.Status);
        Assert.Equal((PledgeStatus.Proposed, "reconciler", $"{first} {second}"), (pledge.History[^1].From, pledge.History[^1].Actor, pledge.History[^1].Evidence));
        Assert.Equal([Steth2500 - 3, BigInteger.One], (await app.TransfersAsync()).Select(t => t.Amount));
        Assert.Equal("2499.999999999999999998", app.Figures.DeliveredEth.ToString());
        Assert.Equal("2499.999999999999999998", (await app.PledgeJsonAsync(Lido)).GetProperty("receivedEth").GetString());
    }
}
