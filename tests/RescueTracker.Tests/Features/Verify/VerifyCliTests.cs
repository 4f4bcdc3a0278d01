using RescueTracker.Data;
using RescueTracker.Features.Verify;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.EndToEnd;
using RescueTracker.Tests.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Verify;

/// <summary>
/// <c>verify</c> in-process against a real Anvil node and a ledger the reconciler ingested from it: it agrees
/// with a correct ledger, names the transfer of every tampered row, and refuses bad arguments, a node of
/// another chain and a node that is not there, without ever changing the database.
/// </summary>
[Trait("Category", "Anvil")]
public sealed class VerifyCliTests(VerifiedLedger chain) : IClassFixture<VerifiedLedger>
{
    private const string Eth3 = "3000000000000000000";

    [Fact]
    public async Task A_ledger_the_reconciler_ingested_agrees_with_the_chain_up_to_the_block_the_summary_is_pinned_to()
    {
        using var database = chain.Copy();

        var run = await VerifiedLedger.VerifyAsync(database, "--rpc", chain.Node.RpcUrl, "--chain", "1");

        Assert.True(run.ExitCode == VerifyCli.Agrees, run.ToString());
        Assert.Equal(
            new[] { (chain.Plain, TransferKind.Native, ""), (chain.SafePayment, TransferKind.Internal, "0.0"), (chain.Wrapped, TransferKind.Erc20, "0") }.Order(),
            chain.Ingested.Where(t => t.Confirmed).Select(t => (t.TxHash, t.Kind, t.Position)).Order());
        Assert.Contains($"Chain 1 (Ethereum): blocks 0..{chain.PinnedBlock}; pinned block {chain.PinnedBlock}, as /api/summary shows under blocks.", run.Stdout);
        Assert.Contains("Native ETH read through trace_filter", run.Stdout);
        Assert.Contains($"Totals up to block {chain.PinnedBlock}:\n"
                        + "  ETH: chain 4 ETH in 2 transfers (4000000000000000000 base units), ledger 4 ETH in 2 transfers (4000000000000000000 base units)\n"
                        + "  WETH: chain 5 WETH in 1 transfer (5000000000000000000 base units), ledger 5 WETH in 1 transfer (5000000000000000000 base units)\n"
                        + "0 differences\n", run.Stdout.ReplaceLineEndings("\n"));
        Assert.DoesNotContain(chain.Reverted, run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public async Task It_checks_the_ledger_while_the_app_runs_on_the_same_database_and_changes_none_of_it()
    {
        using var database = chain.Copy();
        await using var app = new TestApp(new TestAppOptions { Database = database, ReconcilerLoop = false, Quiet = true }).Started();
        var before = (await app.TransfersAsync(1)).Select(t => (t.Id, t.TxHash, t.Amount, t.Confirmed)).ToList();

        var run = await VerifiedLedger.RunAsync(database, "--rpc", chain.Node.RpcUrl, "--chain", "1");

        Assert.True(run.ExitCode == VerifyCli.Agrees, run.ToString());
        Assert.EndsWith("\n0 differences\n", run.Stdout.ReplaceLineEndings("\n"));
        Assert.Equal(before, (await app.TransfersAsync(1)).Select(t => (t.Id, t.TxHash, t.Amount, t.Confirmed)));
        Assert.Equal(chain.PinnedBlock, (await app.GetJsonAsync("/api/summary")).GetProperty("blocks").GetProperty("1").GetInt64());
    }

    [Fact]
    public async Task Each_row_tampered_with_in_the_database_is_named_by_its_transaction_and_the_exit_code_is_1()
    {
        using var database = chain.Copy();

        await VerifiedLedger.ExecuteAsync(database, $"""UPDATE "Transfers" SET "Amount" = '4000000000000000000' WHERE "TxHash" = '{chain.Wrapped}'""");
        var changed = await VerifiedLedger.VerifyAsync(database, "--rpc", chain.Node.RpcUrl, "--chain", "1");
        Assert.True(changed.ExitCode == VerifyCli.Differs, changed.ToString());
        Assert.Contains($"different: {chain.Wrapped} log 0: amount 4 WETH in the ledger, 5 WETH on the chain\n", changed.Stdout.ReplaceLineEndings("\n"));
        Assert.Contains("  WETH: chain 5 WETH in 1 transfer (5000000000000000000 base units), ledger 4 WETH in 1 transfer (4000000000000000000 base units) - differ", changed.Stdout);
        Assert.EndsWith("\n1 difference\n", changed.Stdout.ReplaceLineEndings("\n"));

        await VerifiedLedger.ExecuteAsync(database, $"""UPDATE "Transfers" SET "Amount" = '5000000000000000000' WHERE "TxHash" = '{chain.Wrapped}'""");
        await VerifiedLedger.ExecuteAsync(database, $"""DELETE FROM "Transfers" WHERE "TxHash" = '{chain.Plain}'""");
        var deleted = await VerifiedLedger.VerifyAsync(database, "--rpc", chain.Node.RpcUrl, "--chain", "1");
        Assert.True(deleted.ExitCode == VerifyCli.Differs, deleted.ToString());
        Assert.Contains($"missing from the ledger: {chain.Plain} value in block ", deleted.Stdout);
        Assert.Contains($", 1 ETH from {DevAccounts.Account2.ToLowerInvariant()} to {chain.RecoverySafe}\n", deleted.Stdout.ReplaceLineEndings("\n"));
        Assert.EndsWith("\n1 difference\n", deleted.Stdout.ReplaceLineEndings("\n"));

        const string Fabricated = "0xfabfabfabfabfabfabfabfabfabfabfabfabfabfabfabfabfabfabfabfabfab0";
        var payment = chain.Ingested.Single(t => t.TxHash == chain.SafePayment);
        await VerifiedLedger.ExecuteAsync(database, $"""
            INSERT INTO "Transfers" ("ChainId", "TxHash", "Kind", "Position", "BlockNumber", "BlockHash", "From", "To", "AssetId", "Amount", "Confirmed", "AttributedByAdmin", "SeenAt")
            VALUES (1, '{Fabricated}', 'internal', '0', {payment.BlockNumber}, '{payment.BlockHash}', '{chain.PayingSafe}', '{TestSeed.Recovery.ToLowerInvariant()}',
                    {payment.AssetId}, '{Eth3}', 1, 0, '2026-12-02 10:00:00+00:00')
            """);
        var fabricated = await VerifiedLedger.VerifyAsync(database, "--rpc", chain.Node.RpcUrl, "--chain", "1");
        Assert.True(fabricated.ExitCode == VerifyCli.Differs, fabricated.ToString());
        Assert.Contains($"in the ledger, not on the chain: {Fabricated} trace 0 in block {payment.BlockNumber}, 3 ETH from {chain.PayingSafe}", fabricated.Stdout);
        Assert.Contains($"missing from the ledger: {chain.Plain} value", fabricated.Stdout);
        Assert.Contains("  ETH: chain 4 ETH in 2 transfers (4000000000000000000 base units), ledger 6 ETH in 2 transfers (6000000000000000000 base units) - differ", fabricated.Stdout);
        Assert.EndsWith("\n2 differences\n", fabricated.Stdout.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("From", "sender")]
    [InlineData("BlockHash", "block")]
    [InlineData("Confirmed", "pending")]
    public async Task A_changed_sender_block_or_confirmation_of_a_Safe_payment_is_a_difference_of_that_transfer(string column, string expected)
    {
        using var database = chain.Copy();
        var payment = chain.Ingested.Single(t => t.TxHash == chain.SafePayment);
        const string OtherBlock = "0x00000000000000000000000000000000000000000000000000000000000000aa";
        var value = column switch { "From" => $"'{DevAccounts.Account5.ToLowerInvariant()}'", "BlockHash" => $"'{OtherBlock}'", _ => "0" };
        await VerifiedLedger.ExecuteAsync(database, $"""UPDATE "Transfers" SET "{column}" = {value} WHERE "TxHash" = '{chain.SafePayment}'""");

        var run = await VerifiedLedger.VerifyAsync(database, "--rpc", chain.Node.RpcUrl, "--chain", "1");

        Assert.True(run.ExitCode == VerifyCli.Differs, run.ToString());
        Assert.Contains(expected switch
        {
            "sender" => $"different: {chain.SafePayment} trace 0.0: sender {DevAccounts.Account5.ToLowerInvariant()} in the ledger, {chain.PayingSafe} on the chain\n",
            "block" => $"different: {chain.SafePayment} trace 0.0: block {payment.BlockNumber} ({OtherBlock}) in the ledger, {payment.BlockNumber} ({payment.BlockHash}) on the chain\n",
            _ => $"pending in the ledger, confirmed on the chain: {chain.SafePayment} trace 0.0 in block {payment.BlockNumber}, 3 ETH from {chain.PayingSafe} to {TestSeed.Recovery.ToLowerInvariant()}\n",
        }, run.Stdout.ReplaceLineEndings("\n"));
        Assert.EndsWith("\n1 difference\n", run.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_row_with_a_malformed_hash_is_named_by_its_row_and_the_transfer_it_replaced_is_missing()
    {
        using var database = chain.Copy();
        var wrapped = chain.Ingested.Single(t => t.TxHash == chain.Wrapped);
        await VerifiedLedger.ExecuteAsync(database, $"""UPDATE "Transfers" SET "TxHash" = '0xnothex' WHERE "Id" = {wrapped.Id}""");

        var run = await VerifiedLedger.VerifyAsync(database, "--rpc", chain.Node.RpcUrl, "--chain", "1");

        Assert.True(run.ExitCode == VerifyCli.Differs, run.ToString());
        Assert.Contains($"missing from the ledger: {chain.Wrapped} log 0 in block {wrapped.BlockNumber}, 5 WETH from {DevAccounts.Account1.ToLowerInvariant()}", run.Stdout);
        Assert.Contains($"transfer row {wrapped.Id} (0xnothex erc20 0) has a malformed hash or address\n", run.Stdout.ReplaceLineEndings("\n"));
        Assert.EndsWith("\n2 differences\n", run.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Confirmed_rows_above_the_pinned_block_are_differences_when_the_stored_head_leaves_no_block_confirmed()
    {
        using var database = chain.Copy();
        // A head of 5 at depth 12 pins the chain before its first block: nothing may count yet.
        await VerifiedLedger.ExecuteAsync(database, """UPDATE "ChainScanStates" SET "HeadBlock" = 5 WHERE "ChainId" = 1""");

        var run = await VerifiedLedger.VerifyAsync(database, "--rpc", chain.Node.RpcUrl, "--chain", "1");

        Assert.True(run.ExitCode == VerifyCli.Differs, run.ToString());
        Assert.Contains("Chain 1 (Ethereum): no block yet (the scan starts at 0); pinned block -1, as /api/summary shows under blocks.", run.Stdout);
        foreach (var transfer in chain.Ingested)
            Assert.Contains($"in the ledger, not on the chain: {transfer.TxHash} ", run.Stdout);
        Assert.Contains($"(block {chain.SafePaymentBlock} is above the pinned block -1)", run.Stdout);
        Assert.EndsWith("\n3 differences\n", run.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_node_of_another_chain_is_refused_with_exit_2_and_nothing_compared()
    {
        using var database = chain.Copy();

        var run = await VerifiedLedger.VerifyAsync(database, "--rpc", chain.Node.RpcUrl, "--chain", "42161");

        Assert.True(run.ExitCode == VerifyCli.BadArgument, run.ToString());
        Assert.Equal("error: The node at --rpc reports chain id 1, not 42161: nothing was compared.\n", run.Stderr.ReplaceLineEndings("\n"));
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task A_node_that_is_not_there_is_a_clear_error_with_exit_3()
    {
        using var database = chain.Copy();

        var run = await VerifiedLedger.VerifyAsync(database, "--rpc", $"http://127.0.0.1:{FreePort.Next()}", "--chain", "1");

        Assert.True(run.ExitCode == VerifyCli.Failed, run.ToString());
        Assert.StartsWith("error: The node at --rpc cannot be reached or did not answer eth_chainId: ", run.Stderr);
        Assert.DoesNotContain("   at ", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Theory]
    [InlineData("", "verify needs --rpc URL")]
    [InlineData("--chain 1", "verify needs --rpc URL")]
    [InlineData("--rpc ftp://127.0.0.1:8545 --chain 1", "verify needs --rpc URL")]
    [InlineData("--rpc http://127.0.0.1:8545", "verify needs --chain ID")]
    [InlineData("--rpc http://127.0.0.1:8545 --chain one", "verify needs --chain ID")]
    [InlineData("--rpc http://127.0.0.1:8545 --chain -1", "verify needs --chain ID")]
    [InlineData("--rpc http://127.0.0.1:8545 --chain 1 --from 5", "Unknown option --from.")]
    [InlineData("--rpc http://127.0.0.1:8545 --chain 1 extra", "Unexpected argument 'extra'.")]
    [InlineData("--rpc http://127.0.0.1:8545 --chain 10", "Chain 10 is not in the ledger")]
    public async Task Bad_arguments_exit_2_with_a_message_and_change_nothing(string args, string message)
    {
        using var database = chain.Copy();

        var run = await VerifiedLedger.VerifyAsync(database, args.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.True(run.ExitCode == VerifyCli.BadArgument, run.ToString());
        Assert.StartsWith("error: ", run.Stderr);
        Assert.Contains(message, run.Stderr);
        Assert.Equal("", run.Stdout);
    }
}

/// <summary>The verb as the built app's own process, the way an operator runs it: <c>dotnet RescueTracker.dll verify ...</c>.</summary>
[Trait("Category", "Anvil")]
public sealed class VerifyProcessTests(VerifiedLedger chain) : IClassFixture<VerifiedLedger>
{
    [Fact]
    public async Task The_built_app_verifies_a_correct_ledger_with_exit_0_and_a_tampered_one_with_exit_1_naming_the_transfer()
    {
        using var database = chain.Copy();

        var agrees = await CliProcess.RunAsync(AppProcess.BuildFolder, database.Path, null, "verify", "--rpc", chain.Node.RpcUrl, "--chain", "1");
        Assert.True(agrees.ExitCode == 0, agrees.ToString());
        Assert.EndsWith("\n0 differences\n", agrees.Stdout.ReplaceLineEndings("\n"));

        await VerifiedLedger.ExecuteAsync(database, $"""UPDATE "Transfers" SET "Amount" = '1' WHERE "TxHash" = '{chain.SafePayment}'""");
        var differs = await CliProcess.RunAsync(AppProcess.BuildFolder, database.Path, null, "verify", "--rpc", chain.Node.RpcUrl, "--chain", "1");
        Assert.True(differs.ExitCode == 1, differs.ToString());
        Assert.Contains($"different: {chain.SafePayment} trace 0.0: amount 0.000000000000000001 ETH in the ledger, 3 ETH on the chain", differs.Stdout);
    }
}
