using System.Diagnostics;
using System.Numerics;
using System.Text.Json;

namespace RescueTracker.Tests.Anvil;

/// <summary>Proves the test node and contracts behave as the reconciler tests will rely on.</summary>
[Collection(AnvilCollection.Name)]
public sealed class AnvilNodeTests(AnvilFixture fixture)
{
    private static readonly BigInteger OneEth = BigInteger.Pow(10, 18);
    private TestContracts Contracts => fixture.Contracts;

    [Fact]
    public async Task Nodes_for_chain_1_and_42161_run_side_by_side_and_are_gone_after_dispose()
    {
        var starting = new[] { AnvilNode.StartAsync(1), AnvilNode.StartAsync(42161) };
        var nodes = await Task.WhenAll(starting);
        var (mainnet, arbitrum) = (nodes[0], nodes[1]);
        try
        {
            Assert.NotEqual(mainnet.Port, arbitrum.Port);
            Assert.Equal(1, await mainnet.Rpc.ChainIdAsync());
            Assert.Equal(42161, await arbitrum.Rpc.ChainIdAsync());
            Assert.False(Process.GetProcessById(mainnet.Pid).HasExited);
            Assert.False(Process.GetProcessById(arbitrum.Pid).HasExited);
        }
        finally
        {
            await mainnet.DisposeAsync();
            await arbitrum.DisposeAsync();
        }

        Assert.False(IsRunning(mainnet.Pid), $"anvil {mainnet.Pid} still running");
        Assert.False(IsRunning(arbitrum.Pid), $"anvil {arbitrum.Pid} still running");
        using var stale = new AnvilRpc(mainnet.RpcUrl);
        await Assert.ThrowsAsync<HttpRequestException>(stale.ChainIdAsync);
    }

    [Fact]
    public async Task Dev_accounts_are_the_unlocked_accounts_the_node_reports()
    {
        await using var node = await AnvilNode.StartAsync(1);

        Assert.Equal(DevAccounts.All, await node.Rpc.AccountsAsync());
    }

    [Fact]
    public async Task Sending_eth_moves_exactly_the_amount_and_the_sender_pays_gas_on_top()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var amount = OneEth * 3 / 2 + 7;
        var senderBefore = await node.Rpc.GetBalanceAsync(DevAccounts.Account1);
        var recipientBefore = await node.Rpc.GetBalanceAsync(DevAccounts.Account2);

        var hash = await node.Rpc.SendEthAsync(DevAccounts.Account1, DevAccounts.Account2, amount);

        var receipt = await node.Rpc.WaitForReceiptAsync(hash);
        var gasCost = Quantity(receipt, "gasUsed") * Quantity(receipt, "effectiveGasPrice");
        Assert.Equal(recipientBefore + amount, await node.Rpc.GetBalanceAsync(DevAccounts.Account2));
        Assert.Equal(senderBefore - amount - gasCost, await node.Rpc.GetBalanceAsync(DevAccounts.Account1));
    }

    [Fact]
    public async Task Token_mint_and_transfer_emit_transfer_logs_with_the_expected_topics()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var token = await Contracts.DeployTokenAsync(node, "Test USD", "TUSD", 6);

        await Contracts.MintAsync(node, token, DevAccounts.Account1, 1_000_000);
        var transferHash = await Contracts.TransferAsync(node, token, DevAccounts.Account1, DevAccounts.Account2, 250_000);

        var logs = (await node.Rpc.GetLogsAsync(0, await node.Rpc.BlockNumberAsync(), token, TestContracts.TransferTopic))
            .EnumerateArray().ToList();
        Assert.Equal(2, logs.Count);
        var mint = logs[0];
        Assert.Equal(
            [TestContracts.TransferTopic, Abi.AddressTopic("0x" + new string('0', 40)), Abi.AddressTopic(DevAccounts.Account1)],
            Topics(mint));
        var transfer = logs[1];
        Assert.Equal(token, transfer.GetProperty("address").GetString(), ignoreCase: true);
        Assert.Equal(transferHash, transfer.GetProperty("transactionHash").GetString());
        Assert.Equal(
            [TestContracts.TransferTopic, Abi.AddressTopic(DevAccounts.Account1), Abi.AddressTopic(DevAccounts.Account2)],
            Topics(transfer));
        Assert.Equal(new BigInteger(250_000), Abi.DecodeUint(transfer.GetProperty("data").GetString()!));
        Assert.Equal(new BigInteger(750_000), await Contracts.BalanceOfAsync(node, token, DevAccounts.Account1));
        Assert.Equal(new BigInteger(250_000), await Contracts.BalanceOfAsync(node, token, DevAccounts.Account2));
    }

    [Fact]
    public async Task Token_constructor_arguments_read_back_as_name_symbol_and_decimals()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var token = await Contracts.DeployTokenAsync(node, "Wrapped Ether (test)", "WETH", 18);

        async Task<string> Read(string signature) => await node.Rpc.EthCallAsync(token, Contracts.Token.EncodeCall(signature));
        Assert.Equal("Wrapped Ether (test)", Abi.DecodeString(await Read("name()")));
        Assert.Equal("WETH", Abi.DecodeString(await Read("symbol()")));
        Assert.Equal(new BigInteger(18), Abi.DecodeUint(await Read("decimals()")));
    }

    [Fact]
    public async Task Eth_forwarded_by_a_contract_shows_in_trace_filter_with_a_non_empty_trace_address()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var forwarder = await Contracts.DeployForwarderAsync(node, DevAccounts.Account3);
        var recipientBefore = await node.Rpc.GetBalanceAsync(DevAccounts.Account2);

        var hash = await Contracts.ForwardAsync(node, forwarder, DevAccounts.Account1, DevAccounts.Account2, OneEth * 2);

        var block = await BlockOf(node, hash);
        var traces = (await node.Rpc.TraceFilterAsync(block, block)).EnumerateArray().ToList();
        var outer = Assert.Single(traces, t => t.GetProperty("traceAddress").GetArrayLength() == 0);
        Assert.Equal(forwarder, outer.GetProperty("action").GetProperty("to").GetString(), ignoreCase: true);
        var inner = Assert.Single(traces, t => t.GetProperty("traceAddress").GetArrayLength() > 0);
        Assert.Equal(DevAccounts.Account2, inner.GetProperty("action").GetProperty("to").GetString(), ignoreCase: true);
        Assert.Equal(OneEth * 2, Quantity(inner.GetProperty("action"), "value"));
        Assert.Equal(block, inner.GetProperty("blockNumber").GetInt64());
        Assert.False(inner.TryGetProperty("error", out _));
        Assert.Equal(recipientBefore + OneEth * 2, await node.Rpc.GetBalanceAsync(DevAccounts.Account2));
    }

    [Fact]
    public async Task Plain_eth_sent_to_the_forwarder_goes_on_to_its_target()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var forwarder = await Contracts.DeployForwarderAsync(node, DevAccounts.Account3);
        var targetBefore = await node.Rpc.GetBalanceAsync(DevAccounts.Account3);

        await node.Rpc.SendEthAsync(DevAccounts.Account1, forwarder, 12345);

        Assert.Equal(targetBefore + 12345, await node.Rpc.GetBalanceAsync(DevAccounts.Account3));
        Assert.Equal(BigInteger.Zero, await node.Rpc.GetBalanceAsync(forwarder));
    }

    [Fact]
    public async Task A_reverted_inner_call_is_an_errored_trace_inside_a_successful_transaction()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var forwarder = await Contracts.DeployForwarderAsync(node, DevAccounts.Account3);

        var hash = await Contracts.ForwardAfterFailedCallAsync(node, forwarder, DevAccounts.Account1, DevAccounts.Account2, 1000);

        Assert.Equal("0x1", (await node.Rpc.WaitForReceiptAsync(hash)).GetProperty("status").GetString());
        var block = await BlockOf(node, hash);
        var inner = (await node.Rpc.TraceFilterAsync(block, block)).EnumerateArray()
            .Where(t => t.GetProperty("traceAddress").GetArrayLength() > 0).ToList();
        Assert.Equal(2, inner.Count);
        var failed = Assert.Single(inner, t => t.TryGetProperty("error", out _));
        Assert.Equal(forwarder, failed.GetProperty("action").GetProperty("to").GetString(), ignoreCase: true);
        var delivered = Assert.Single(inner, t => !t.TryGetProperty("error", out _));
        Assert.Equal(DevAccounts.Account2, delivered.GetProperty("action").GetProperty("to").GetString(), ignoreCase: true);
        Assert.Equal(new BigInteger(1000), Quantity(delivered.GetProperty("action"), "value"));
    }

    [Fact]
    public async Task Emit_many_with_1000_yields_exactly_1000_transfer_logs_in_one_transaction()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var emitter = await Contracts.DeployEmitterAsync(node);

        var hash = await Contracts.EmitManyAsync(node, emitter, DevAccounts.Account4, DevAccounts.Account5, 42, 1000);

        var block = await BlockOf(node, hash);
        var logs = (await node.Rpc.GetLogsAsync(block, block, emitter, TestContracts.TransferTopic)).EnumerateArray().ToList();
        Assert.Equal(1000, logs.Count);
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (BigInteger)i), logs.Select(l => Quantity(l, "logIndex")));
        Assert.All(logs, l => Assert.Equal(
            [TestContracts.TransferTopic, Abi.AddressTopic(DevAccounts.Account4), Abi.AddressTopic(DevAccounts.Account5)],
            Topics(l)));
        Assert.All(logs, l => Assert.Equal(new BigInteger(42), Abi.DecodeUint(l.GetProperty("data").GetString()!)));
    }

    [Fact]
    public async Task On_an_automining_node_every_sent_transaction_is_mined_when_the_send_returns()
    {
        await using var node = await AnvilNode.StartAsync(1);

        for (var i = 1; i <= 50; i++)
        {
            var hash = await node.Rpc.SendEthAsync(DevAccounts.Account1, DevAccounts.Account2, i);
            Assert.NotNull(await node.Rpc.GetReceiptAsync(hash));
            Assert.Equal(i, await node.Rpc.BlockNumberAsync());
        }
    }

    [Fact]
    public async Task With_a_block_time_blocks_are_mined_without_transactions()
    {
        await using var node = await AnvilNode.StartAsync(1, new AnvilNodeOptions { BlockTime = TimeSpan.FromSeconds(1) });
        var head = await node.Rpc.BlockNumberAsync();

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.InRange(await node.Rpc.BlockNumberAsync(), head + 2, head + 3);
    }

    [Fact]
    public async Task A_reorg_drops_the_transaction_and_replaces_the_block_hash()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var recipientBefore = await node.Rpc.GetBalanceAsync(DevAccounts.Account2);
        var hash = await node.Rpc.SendEthAsync(DevAccounts.Account1, DevAccounts.Account2, OneEth);
        var receipt = await node.Rpc.WaitForReceiptAsync(hash);
        var block = AnvilHex.ParseLong(receipt.GetProperty("blockNumber").GetString()!);
        var hashBefore = receipt.GetProperty("blockHash").GetString();

        await node.Rpc.ReorgAsync(1);

        Assert.Null(await node.Rpc.GetReceiptAsync(hash));
        Assert.Equal(block, await node.Rpc.BlockNumberAsync());
        var replaced = await node.Rpc.GetBlockAsync(block);
        Assert.NotEqual(hashBefore, replaced!.Value.GetProperty("hash").GetString());
        Assert.Equal(recipientBefore, await node.Rpc.GetBalanceAsync(DevAccounts.Account2));
    }

    [Fact]
    public async Task Reverting_to_a_snapshot_forgets_a_transfer_made_after_it()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var headBefore = await node.Rpc.BlockNumberAsync();
        var snapshot = await node.Rpc.SnapshotAsync();
        var hash = await node.Rpc.SendEthAsync(DevAccounts.Account1, DevAccounts.Account2, OneEth);

        Assert.True(await node.Rpc.RevertAsync(snapshot));

        Assert.Null(await node.Rpc.GetReceiptAsync(hash));
        Assert.Equal(headBefore, await node.Rpc.BlockNumberAsync());
    }

    [Fact]
    public async Task An_impersonated_address_with_a_set_balance_can_send_eth()
    {
        await using var node = await AnvilNode.StartAsync(1);
        const string whale = "0x28c6c06298d514db089934071355e5743bf21d60";
        await node.Rpc.SetBalanceAsync(whale, OneEth * 100);
        await node.Rpc.ImpersonateAsync(whale);

        var hash = await node.Rpc.SendEthAsync(whale, DevAccounts.Account2, OneEth * 40);

        var receipt = await node.Rpc.WaitForReceiptAsync(hash);
        Assert.Equal(whale, receipt.GetProperty("from").GetString());
        var gasCost = Quantity(receipt, "gasUsed") * Quantity(receipt, "effectiveGasPrice");
        Assert.Equal(OneEth * 60 - gasCost, await node.Rpc.GetBalanceAsync(whale));
    }

    [Fact]
    public async Task With_mining_off_a_transaction_waits_until_a_block_is_mined_on_request()
    {
        await using var node = await AnvilNode.StartAsync(1, new AnvilNodeOptions { NoMining = true });
        var head = await node.Rpc.BlockNumberAsync();

        var hash = await node.Rpc.SendEthAsync(DevAccounts.Account1, DevAccounts.Account2, 1);
        Assert.Null(await node.Rpc.GetReceiptAsync(hash));

        await node.Rpc.MineAsync(3);
        Assert.Equal(head + 3, await node.Rpc.BlockNumberAsync());
        var receipt = await node.Rpc.WaitForReceiptAsync(hash);
        Assert.Equal(AnvilHex.Quantity(head + 1), receipt.GetProperty("blockNumber").GetString());
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task<long> BlockOf(AnvilNode node, string txHash) =>
        AnvilHex.ParseLong((await node.Rpc.WaitForReceiptAsync(txHash)).GetProperty("blockNumber").GetString()!);

    private static BigInteger Quantity(JsonElement element, string property) =>
        AnvilHex.ParseQuantity(element.GetProperty(property).GetString()!);

    private static string[] Topics(JsonElement log) =>
        [.. log.GetProperty("topics").EnumerateArray().Select(t => t.GetString()!)];
}
