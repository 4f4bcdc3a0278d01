using System.Numerics;
using RescueTracker.Data;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>
/// Only value that really moved counts, on Anvil with published contracts (Safe 1.4.1, its
/// MultiSend, WETH9): a transfer counts when its transaction succeeded and, for an internal one,
/// no frame around it reverted. Each case runs with traces and with the block-and-receipt
/// fallback, and delivered is checked against the recovery addresses' real balances.
/// </summary>
public sealed class RealContractReconciliationTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>
{
    private const int SafeTxGas = 100_000;

    [Theory, InlineData(true), InlineData(false)]
    public async Task A_Safe_payment_that_reports_ExecutionFailure_never_appears_as_a_transfer_and_counts_nowhere(bool useTraces)
    {
        await using var chain = await RealContractChain.StartAsync(fixture);
        var safe = chain.PayingSafe;

        // The relay receives the 3 ETH and sends them on to the recovery address, then reverts.
        var payment = new SafeCall(chain.Relay, Wei.Eth(3), chain.Contracts.RelayThenRevertCall(TestSeed.Recovery));
        var hash = await safe.ExecAsync(chain.Node, payment, SafeTxGas);
        await chain.PollAsync(useTraces);

        Assert.Equal(SafeOutcome.ExecutionFailure, await safe.OutcomeAsync(chain.Node, hash));
        Assert.Empty(await chain.RowsAsync());
        await chain.AssertDeliveredAsync(0, useTraces);
        Assert.Equal(("0", "0"), (chain.App.Figures.UnattributedEth.ToString(), chain.App.Figures.Pledges.Single(p => p.Pledger == RealContractChain.Ink).Received.ToString()));
        Assert.Equal(PledgeStatus.Committed, (await chain.App.PledgeAsync(RealContractChain.Ink)).Status);
    }

    [Theory]
    [InlineData(SafeTxGas, SafeOutcome.ExecutionFailure, true)]
    [InlineData(SafeTxGas, SafeOutcome.ExecutionFailure, false)]
    [InlineData(0, SafeOutcome.Reverted, true)]
    [InlineData(0, SafeOutcome.Reverted, false)]
    public async Task A_MultiSend_batch_whose_later_call_reverts_undoes_its_earlier_send_and_nothing_counts(int safeTxGas, SafeOutcome outcome, bool useTraces)
    {
        await using var chain = await RealContractChain.StartAsync(fixture);
        var batch = chain.Stack.Batch(
            SafeCall.Pay(TestSeed.Recovery, Wei.Eth(1)),
            SafeCall.Pay(chain.RecoverySafe.Address, Wei.Eth(2)),
            new SafeCall(chain.Relay, 0, chain.Contracts.FailCall()));

        var hash = await chain.PayingSafe.ExecAsync(chain.Node, batch, safeTxGas);
        await chain.PollAsync(useTraces);

        Assert.Equal(outcome, await chain.PayingSafe.OutcomeAsync(chain.Node, hash));
        Assert.Empty(await chain.RowsAsync());
        await chain.AssertDeliveredAsync(0, useTraces);
        Assert.Equal(PledgeStatus.Committed, (await chain.App.PledgeAsync(RealContractChain.Ink)).Status);
    }

    [Theory, InlineData(true), InlineData(false)]
    public async Task A_reverted_transaction_counts_none_of_the_value_its_trace_shows_moving(bool useTraces)
    {
        await using var chain = await RealContractChain.StartAsync(fixture);

        var relayed = await chain.Contracts.RelayThenRevertAsync(chain.Node, chain.Relay, DevAccounts.Account2, TestSeed.Recovery, Wei.Eth(2));
        // Straight into the recovery Safe, with an execution it refuses (GS025): a top-level payment that failed.
        var refused = await chain.RecoverySafe.ExecAsync(chain.Node, SafeCall.Pay(DevAccounts.Account2, 0), sender: DevAccounts.Account2, value: Wei.Eth(2));
        await chain.PollAsync(useTraces);

        Assert.Equal(("0x0", "0x0"), (await StatusAsync(chain, relayed), await StatusAsync(chain, refused)));
        var trace = Assert.Single((await chain.Node.Rpc.TraceFilterAsync(0, await chain.Node.Rpc.BlockNumberAsync(), TestSeed.Recovery)).EnumerateArray());
        Assert.False(trace.TryGetProperty("error", out _));
        Assert.Empty(await chain.RowsAsync());
        await chain.AssertDeliveredAsync(0, useTraces);
    }

    [Theory, InlineData(true), InlineData(false)]
    public async Task Selfdestruct_to_the_recovery_address_counts_when_its_transaction_succeeded_and_not_when_it_reverted(bool useTraces)
    {
        await using var chain = await RealContractChain.StartAsync(fixture);
        var undone = await chain.Contracts.DeploySelfDestructorAsync(chain.Node, Wei.Eth(6));

        var destroyed = await chain.Contracts.DestroyAsync(chain.Node, chain.Vault, DevAccounts.Account3, TestSeed.Recovery);
        await chain.Contracts.CallThenRevertAsync(chain.Node, chain.Relay, DevAccounts.Account3, undone, chain.Contracts.DestroyCall(TestSeed.Recovery));
        await chain.PollAsync(useTraces);

        var tydra = await chain.App.PledgeAsync(RealContractChain.Tydra);
        if (useTraces)
        {
            Assert.Equal([(destroyed, TransferKind.Internal, "0", chain.Vault, TestSeed.Recovery, Wei.Eth(4))], await chain.RowsAsync());
            Assert.Equal((PledgeStatus.Delivered, destroyed), (tydra.Status, tydra.History[^1].Evidence));
            await chain.AssertDeliveredAsync(Wei.Eth(4), useTraces);
        }
        else
        {
            // Without traces nothing but a transaction's own value is visible.
            Assert.Empty(await chain.RowsAsync());
            Assert.Equal(PledgeStatus.Proposed, tydra.Status);
            await chain.AssertDeliveredAsync(0, useTraces);
        }
        Assert.Equal(Wei.Eth(6), await chain.Node.Rpc.GetBalanceAsync(undone));
    }

    [Theory, InlineData(true), InlineData(false)]
    public async Task Weth_transfer_logs_of_failed_transactions_never_count_while_a_successful_transfer_does(bool useTraces)
    {
        await using var chain = await RealContractChain.StartAsync(fixture);
        var (contracts, safe) = (chain.Contracts, chain.PayingSafe);
        var wrapAndPay = chain.Stack.Batch(
            new SafeCall(chain.Weth, Wei.Eth(2), contracts.WethDepositCall()),
            new SafeCall(chain.Weth, 0, contracts.WethTransferCall(TestSeed.Recovery, Wei.Eth(2))),
            new SafeCall(chain.Relay, 0, contracts.FailCall()));

        var reverted = await safe.ExecAsync(chain.Node, wrapAndPay);
        var failed = await safe.ExecAsync(chain.Node, wrapAndPay, SafeTxGas);
        var paid = await contracts.TransferWethAsync(chain.Node, chain.Weth, DevAccounts.Account1, TestSeed.Recovery, Wei.Eth(5));
        await chain.PollAsync(useTraces);

        Assert.Equal((SafeOutcome.Reverted, SafeOutcome.ExecutionFailure), (await safe.OutcomeAsync(chain.Node, reverted), await safe.OutcomeAsync(chain.Node, failed)));
        Assert.Equal([(paid, TransferKind.Erc20, "0", DevAccounts.Account1, TestSeed.Recovery, Wei.Eth(5))], await chain.RowsAsync());
        Assert.Equal(Wei.Eth(5), await contracts.WethBalanceAsync(chain.Node, chain.Weth, TestSeed.Recovery));
        Assert.Equal(PledgeStatus.Delivered, (await chain.App.PledgeAsync(RealContractChain.Golem)).Status);
        await chain.AssertDeliveredAsync(Wei.Eth(5), useTraces);
    }

    [Theory, InlineData(true), InlineData(false)]
    public async Task The_same_Safes_successful_payment_counts_and_delivers_its_pledge_after_its_failed_one_did_not(bool useTraces)
    {
        await using var chain = await RealContractChain.StartAsync(fixture);
        var safe = chain.PayingSafe;
        var failing = chain.Stack.Batch(SafeCall.Pay(TestSeed.Recovery, Wei.Eth(3)), new SafeCall(chain.Relay, 0, chain.Contracts.FailCall()));

        var failed = await safe.ExecAsync(chain.Node, failing, SafeTxGas);
        var paid = await safe.ExecAsync(chain.Node, SafeCall.Pay(TestSeed.Recovery, Wei.Eth(3)));
        await chain.PollAsync(useTraces);

        Assert.Equal((SafeOutcome.ExecutionFailure, SafeOutcome.Success), (await safe.OutcomeAsync(chain.Node, failed), await safe.OutcomeAsync(chain.Node, paid)));
        var ink = await chain.App.PledgeAsync(RealContractChain.Ink);
        if (useTraces)
        {
            // Proxy call, delegatecall into the singleton, then the Safe's own call: trace [0,0].
            Assert.Equal([(paid, TransferKind.Internal, "0.0", safe.Address, TestSeed.Recovery, Wei.Eth(3))], await chain.RowsAsync());
            Assert.Equal((PledgeStatus.Delivered, paid), (ink.Status, ink.History[^1].Evidence));
            await chain.AssertDeliveredAsync(Wei.Eth(3), useTraces);
        }
        else
        {
            Assert.Empty(await chain.RowsAsync());
            Assert.Equal(PledgeStatus.Committed, ink.Status);
            await chain.AssertDeliveredAsync(0, useTraces);
        }
    }

    [Theory, InlineData(true), InlineData(false)]
    public async Task With_every_case_on_one_chain_delivered_is_exactly_what_the_recovery_addresses_received(bool useTraces)
    {
        await using var chain = await RealContractChain.StartAsync(fixture);
        var (node, contracts, safe) = (chain.Node, chain.Contracts, chain.PayingSafe);
        var fail = new SafeCall(chain.Relay, 0, contracts.FailCall());
        var batch = chain.Stack.Batch(SafeCall.Pay(TestSeed.Recovery, Wei.Eth(1)), SafeCall.Pay(chain.RecoverySafe.Address, Wei.Eth(2)), fail);
        var undone = await contracts.DeploySelfDestructorAsync(node, Wei.Eth(6));

        await safe.ExecAsync(node, new SafeCall(chain.Relay, Wei.Eth(3), contracts.RelayThenRevertCall(TestSeed.Recovery)), SafeTxGas);
        await safe.ExecAsync(node, batch, SafeTxGas);
        await safe.ExecAsync(node, batch);
        await contracts.RelayThenRevertAsync(node, chain.Relay, DevAccounts.Account2, chain.RecoverySafe.Address, Wei.Eth(2));
        await chain.RecoverySafe.ExecAsync(node, SafeCall.Pay(DevAccounts.Account2, 0), sender: DevAccounts.Account2, value: Wei.Eth(2));
        var destroyed = await contracts.DestroyAsync(node, chain.Vault, DevAccounts.Account3, TestSeed.Recovery);
        await contracts.CallThenRevertAsync(node, chain.Relay, DevAccounts.Account3, undone, contracts.DestroyCall(chain.RecoverySafe.Address));
        await safe.ExecAsync(node, chain.Stack.Batch(new SafeCall(chain.Weth, 0, contracts.WethTransferCall(TestSeed.Recovery, Wei.Eth(1))), fail), SafeTxGas);
        var wrapped = await contracts.TransferWethAsync(node, chain.Weth, DevAccounts.Account1, TestSeed.Recovery, Wei.Eth(5));
        var paid = await safe.ExecAsync(node, SafeCall.Pay(TestSeed.Recovery, Wei.Eth(3)));
        var plain = await node.Rpc.SendEthAsync(DevAccounts.Account2, chain.RecoverySafe.Address, Wei.Eth(1));
        await chain.PollAsync(useTraces);

        (string, TransferKind, string, string, string, BigInteger)[] counted =
        [
            (destroyed, TransferKind.Internal, "0", chain.Vault, TestSeed.Recovery, Wei.Eth(4)),
            (wrapped, TransferKind.Erc20, "0", DevAccounts.Account1, TestSeed.Recovery, Wei.Eth(5)),
            (paid, TransferKind.Internal, "0.0", safe.Address, TestSeed.Recovery, Wei.Eth(3)),
            (plain, TransferKind.Native, "", DevAccounts.Account2, chain.RecoverySafe.Address, Wei.Eth(1)),
        ];
        // Without traces only a transaction's own value and token logs are visible.
        Assert.Equal(useTraces ? counted : [.. counted.Where(r => r.Item2 != TransferKind.Internal)], await chain.RowsAsync());
        await chain.AssertDeliveredAsync(useTraces ? Wei.Eth(13) : Wei.Eth(6), useTraces);
        Assert.Equal("1", chain.App.Figures.UnattributedEth.ToString());
    }

    private static async Task<string?> StatusAsync(RealContractChain chain, string hash) =>
        (await chain.Node.Rpc.WaitForReceiptAsync(hash)).GetProperty("status").GetString();
}
