using RescueTracker.Data;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>
/// ETH sent by contracts (a DAO treasury, a Safe) is visible only in traces. A forwarder pays the
/// recovery address from inside a call; a second forwarder stands in for a Safe that is itself a
/// recovery address and receives a call that reverts inside a successful transaction.
/// </summary>
public sealed class InternalTransferReconciliationTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>
{
    private const string Treasury = "DAO Treasury";
    private const string Stani = "Stani Kulechov (personal)";

    private sealed record Chain(AnvilNode Node, TestApp App, string Treasury, string Safe, string Forwarded, string Plain, string IntoSafe)
        : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.DisposeAsync();
            await Node.DisposeAsync();
        }
    }

    [Fact]
    public async Task With_traces_an_internal_transfer_is_stored_with_its_trace_position_and_every_payment_counts_once()
    {
        await using var chain = await BuildAsync();
        var (node, app, treasury, safe, forwarded, plain, intoSafe) = chain;

        await app.Reconciler(1, node.RpcUrl).PollAsync(CancellationToken.None);

        var rows = (await app.TransfersAsync()).Select(t => (t.TxHash, t.Kind, t.Position, t.From, t.To, t.Amount)).ToList();
        Assert.Equal(
            [
                (forwarded, TransferKind.Internal, "0", treasury, TestSeed.Recovery, Wei.Eth(4)),
                (plain, TransferKind.Native, "", DevAccounts.Account1, TestSeed.Recovery, Wei.Eth(1)),
                // The reverted inner call to the Safe (trace position "0", 2 ETH) moved nothing and is absent.
                (intoSafe, TransferKind.Native, "", DevAccounts.Account2, safe, Wei.Eth(2)),
            ],
            rows);
        Assert.Equal(PledgeStatus.Delivered, (await app.PledgeAsync(Treasury)).Status);
        Assert.Equal(("7", "2"), (app.Figures.DeliveredEth.ToString(), app.Figures.UnattributedEth.ToString()));
        Assert.True((await app.StateAsync(1)).TracesSupported);
        var transfer = Assert.Single((await app.PledgeJsonAsync(Treasury)).GetProperty("transfers").EnumerateArray());
        Assert.Equal(("internal", true, "4"), (transfer.GetProperty("kind").GetString(),
            transfer.GetProperty("logIndex").ValueKind == System.Text.Json.JsonValueKind.Null, transfer.GetProperty("amount").GetString()));
    }

    [Fact]
    public async Task Without_traces_top_level_payments_are_still_seen_internal_ones_are_not_and_the_state_says_so_until_traces_are_back()
    {
        await using var chain = await BuildAsync();
        var (node, app, _, safe, _, plain, intoSafe) = chain;
        var settings = Reconcilers.Fast(node.RpcUrl);
        settings.UseTraces = false;

        await app.Reconciler(1, settings).PollAsync(CancellationToken.None);

        Assert.Equal(
            [(plain, TransferKind.Native, "", DevAccounts.Account1, TestSeed.Recovery), (intoSafe, TransferKind.Native, "", DevAccounts.Account2, safe)],
            (await app.TransfersAsync()).Select(t => (t.TxHash, t.Kind, t.Position, t.From, t.To)));
        Assert.Equal(PledgeStatus.Committed, (await app.PledgeAsync(Treasury)).Status);
        Assert.Equal("3", app.Figures.DeliveredEth.ToString());
        Assert.False((await app.StateAsync(1)).TracesSupported);
        Assert.False((await app.StatusJsonAsync(1)).GetProperty("tracesSupported").GetBoolean());

        // Switched back on, the node is asked again rather than the old "no" being kept.
        await app.Reconciler(1, node.RpcUrl).PollAsync(CancellationToken.None);
        Assert.True((await app.StateAsync(1)).TracesSupported);
    }

    /// <summary>Three payments, two blocks deep: via the treasury contract, plain, and into the Safe past a reverted call.</summary>
    private async Task<Chain> BuildAsync()
    {
        var node = await AnvilNode.StartAsync(1);
        var contracts = fixture.Contracts;
        var treasury = await contracts.DeployForwarderAsync(node, TestSeed.Recovery);
        var safe = await contracts.DeployForwarderAsync(node, DevAccounts.Account7);
        var app = TestApp.OnSeed(new TestSeed().Chain(1, "Ethereum", TestSeed.Recovery, safe).Asset("ETH", 1, contract: null)
            .Pledge(Treasury, "4", "ETH", "committed", treasury)
            .Pledge(Stani, "5", "ETH", "committed", DevAccounts.Account1));

        var forwarded = await contracts.ForwardAsync(node, treasury, DevAccounts.Account1, TestSeed.Recovery, Wei.Eth(4));
        var plain = await node.Rpc.SendEthAsync(DevAccounts.Account1, TestSeed.Recovery, Wei.Eth(1));
        var intoSafe = await contracts.ForwardAfterFailedCallAsync(node, safe, DevAccounts.Account2, DevAccounts.Account7, Wei.Eth(2));
        await node.Rpc.MineAsync(2);
        return new Chain(node, app, treasury, safe, forwarded, plain, intoSafe);
    }
}
