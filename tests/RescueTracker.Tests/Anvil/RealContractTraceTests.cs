using System.Numerics;
using System.Text.Json;

namespace RescueTracker.Tests.Anvil;

/// <summary>
/// What Anvil reports for value that moved and was then undone, with the published Safe 1.4.1
/// contracts: the facts the reconciler's rule rests on (a call inside a reverted frame carries
/// no error of its own; trace_filter by recipient brings no parent frame).
/// </summary>
[Collection(AnvilCollection.Name)]
public sealed class RealContractTraceTests(AnvilFixture fixture)
{
    private static readonly BigInteger OneEth = BigInteger.Pow(10, 18);
    private const string Recovery = DevAccounts.Account9;
    private RealContracts Contracts => fixture.RealContracts;

    [Fact]
    public async Task A_send_inside_a_Safe_execution_that_failed_has_no_error_of_its_own_and_trace_filter_shows_no_parent()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var stack = await Contracts.DeploySafeStackAsync(node);
        var safe = await stack.CreateSafeAsync(node, DevAccounts.Account0, 1);
        var relay = await Contracts.DeployRelayAsync(node);
        await node.Rpc.SendEthAsync(DevAccounts.Account0, safe.Address, OneEth * 5);

        var hash = await safe.ExecAsync(node, new SafeCall(relay, OneEth * 3, Contracts.RelayThenRevertCall(Recovery)), safeTxGas: 100_000);

        Assert.Equal(SafeOutcome.ExecutionFailure, await safe.OutcomeAsync(node, hash));
        var block = await BlockOf(node, hash);
        var filtered = Assert.Single((await node.Rpc.TraceFilterAsync(block, block, Recovery)).EnumerateArray());
        Assert.Equal(("call", "0.0.0", false), (filtered.GetProperty("type").GetString(), Path(filtered), filtered.TryGetProperty("error", out _)));
        Assert.Equal(
            [("", "call", null), ("0", "delegatecall", null), ("0.0", "call", "Reverted"), ("0.0.0", "call", null)],
            (await node.Rpc.TraceTransactionAsync(hash)).EnumerateArray().Select(t => (Path(t),
                t.GetProperty("action").GetProperty("callType").GetString(),
                t.TryGetProperty("error", out var e) ? e.GetString() : null)));
        Assert.Equal(OneEth * 5, await node.Rpc.GetBalanceAsync(safe.Address));
    }

    [Fact]
    public async Task A_safe_tx_gas_of_zero_turns_a_failed_batch_into_a_reverted_transaction_whose_inner_send_still_shows_no_error()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var stack = await Contracts.DeploySafeStackAsync(node);
        var safe = await stack.CreateSafeAsync(node, DevAccounts.Account0, 1);
        var relay = await Contracts.DeployRelayAsync(node);
        await node.Rpc.SendEthAsync(DevAccounts.Account0, safe.Address, OneEth * 5);
        var before = await node.Rpc.GetBalanceAsync(Recovery);

        var hash = await safe.ExecAsync(node, stack.Batch(SafeCall.Pay(Recovery, OneEth), new SafeCall(relay, 0, Contracts.FailCall())));

        Assert.Equal(SafeOutcome.Reverted, await safe.OutcomeAsync(node, hash));
        var traces = (await node.Rpc.TraceTransactionAsync(hash)).EnumerateArray().ToList();
        Assert.Equal(
            [("", "Reverted"), ("0", "Reverted"), ("0.0", "Reverted"), ("0.0.0", null), ("0.0.1", "Reverted")],
            traces.Select(t => (Path(t), t.TryGetProperty("error", out var e) ? e.GetString() : null)));
        Assert.Equal(before, await node.Rpc.GetBalanceAsync(Recovery));
    }

    [Fact]
    public async Task A_selfdestruct_is_a_suicide_trace_that_trace_filter_finds_by_its_refund_address()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var vault = await Contracts.DeploySelfDestructorAsync(node, OneEth * 4);

        var hash = await Contracts.DestroyAsync(node, vault, DevAccounts.Account3, Recovery);

        var block = await BlockOf(node, hash);
        var trace = Assert.Single((await node.Rpc.TraceFilterAsync(block, block, Recovery)).EnumerateArray());
        var action = trace.GetProperty("action");
        Assert.Equal(("suicide", "0", JsonValueKind.Null), (trace.GetProperty("type").GetString(), Path(trace), trace.GetProperty("result").ValueKind));
        Assert.Equal(["address", "balance", "refundAddress"], action.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal((vault, Recovery, OneEth * 4),
            (action.GetProperty("address").GetString(), action.GetProperty("refundAddress").GetString(), AnvilHex.ParseQuantity(action.GetProperty("balance").GetString()!)));
        Assert.Equal(BigInteger.Zero, await node.Rpc.GetBalanceAsync(vault));
    }

    [Fact]
    public async Task Weth9_deposits_and_transfers_and_a_transfer_in_a_failed_transaction_leaves_no_log()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var weth = await Contracts.DeployWethAsync(node);
        var relay = await Contracts.DeployRelayAsync(node);
        await Contracts.DepositWethAsync(node, weth, DevAccounts.Account1, OneEth * 5);
        var transfer = await Contracts.TransferWethAsync(node, weth, DevAccounts.Account1, Recovery, OneEth * 2);
        await Contracts.TransferWethAsync(node, weth, DevAccounts.Account1, relay, OneEth);

        // The relay passes its 1 WETH on to the recovery address, then the whole transaction reverts.
        var failed = await Contracts.CallThenRevertAsync(node, relay, DevAccounts.Account2, weth, Contracts.WethTransferCall(Recovery, OneEth));

        var receipt = await node.Rpc.WaitForReceiptAsync(failed);
        Assert.Equal(("0x0", 0), (receipt.GetProperty("status").GetString(), receipt.GetProperty("logs").GetArrayLength()));
        var transferTopic = Contracts.Weth9.EventTopic("Transfer(address,address,uint256)");
        var logs = await node.Rpc.GetLogsAsync(0, await node.Rpc.BlockNumberAsync(), weth, transferTopic, null, Abi.AddressTopic(Recovery));
        Assert.Equal([transfer], logs.EnumerateArray().Select(l => l.GetProperty("transactionHash").GetString()));
        Assert.Equal((OneEth * 2, OneEth * 2, OneEth),
            (await Contracts.WethBalanceAsync(node, weth, DevAccounts.Account1), await Contracts.WethBalanceAsync(node, weth, Recovery),
             await Contracts.WethBalanceAsync(node, weth, relay)));
    }

    private static string Path(JsonElement trace) => string.Join('.', trace.GetProperty("traceAddress").EnumerateArray().Select(i => i.GetInt32()));

    private static async Task<long> BlockOf(AnvilNode node, string hash) =>
        AnvilHex.ParseLong((await node.Rpc.WaitForReceiptAsync(hash)).GetProperty("blockNumber").GetString()!);
}
