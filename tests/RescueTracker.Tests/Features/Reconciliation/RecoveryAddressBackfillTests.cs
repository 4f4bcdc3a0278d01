using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Ledger;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>
/// A recovery address added after the scan began: its own history is read from the start block up
/// to the checkpoint, for that address alone, while the scan of new blocks goes on with every address.
/// </summary>
public sealed class RecoveryAddressBackfillTests
{
    private const string Stani = "Stani Kulechov (personal)";
    private const string StaniSender = DevAccounts.Account1;
    private const string Later = DevAccounts.Account8;

    [Fact]
    public async Task A_new_address_reads_only_its_own_history_and_the_scan_keeps_its_checkpoint()
    {
        await using var node = await AnvilNode.StartAsync(1);
        await using var app = TestApp.OnSeed(TestSeed.Mainnet().Pledge(Stani, "10", "ETH", "committed", StaniSender));
        var early = await node.Rpc.SendEthAsync(StaniSender, Later, Wei.Eth(3));
        var toRecovery = await node.Rpc.SendEthAsync(StaniSender, TestSeed.Recovery, Wei.Eth(1));
        await node.Rpc.MineAsync(20);
        var settings = Reconcilers.Fast(node.RpcUrl, maxLogRange: 5);
        await app.Reconciler(1, settings).PollAsync(CancellationToken.None);
        var checkpoint = (await app.StateAsync(1)).LastScannedBlock!.Value;
        Assert.Equal([toRecovery], (await app.TransfersAsync()).Select(t => t.TxHash));

        await AddRecoveryAddressAsync(app, Later);
        var pending = Assert.Single((await app.StatusJsonAsync(1)).GetProperty("backfills").EnumerateArray());
        Assert.Equal((Later, JsonValueKind.Null), (pending.GetProperty("address").GetString(), pending.GetProperty("toBlock").ValueKind));
        var late = await node.Rpc.SendEthAsync(StaniSender, Later, Wei.Eth(2));
        await node.Rpc.MineAsync(2);
        var sentBefore = app.Faults.Requests.Count;
        await app.Reconciler(1, settings).PollAsync(CancellationToken.None);

        Assert.Equal([early, toRecovery, late], (await app.TransfersAsync()).Select(t => t.TxHash));
        Assert.Equal("6", app.Figures.DeliveredEth.ToString());
        Assert.Empty((await app.StatusJsonAsync(1)).GetProperty("backfills").EnumerateArray());
        // Below the old checkpoint only the new address was asked for; above it, every address.
        var traces = app.Faults.Requests.Skip(sentBefore).Select(Trace).Where(t => t.Method == "trace_filter" && t.From <= t.To).ToList();
        Assert.All(traces.Where(t => t.To <= checkpoint), t => Assert.Equal([Later], t.Addresses));
        Assert.Equal(0, traces.Where(t => t.To <= checkpoint).Min(t => t.From));
        Assert.Equal(checkpoint, traces.Where(t => t.To <= checkpoint).Max(t => t.To));
        Assert.All(traces.Where(t => t.From > checkpoint && t.From != t.To), t => Assert.Equal(new[] { TestSeed.Recovery, Later }.Order(), t.Addresses.Order()));
        Assert.Equal(await node.Rpc.BlockNumberAsync(), (await app.StateAsync(1)).LastScannedBlock);
    }

    [Fact]
    public async Task A_long_back_fill_goes_on_over_several_polls_and_new_instances_resume_it()
    {
        await using var node = await AnvilNode.StartAsync(1);
        await using var app = TestApp.OnSeed(TestSeed.Mainnet().Pledge(Stani, "10", "ETH", "committed", StaniSender));
        var sent = new List<string>();
        for (var i = 1; i <= 4; i++)
        {
            sent.Add(await node.Rpc.SendEthAsync(StaniSender, Later, Wei.Tenths(i)));
            await node.Rpc.MineAsync(6);
        }
        var settings = Reconcilers.Fast(node.RpcUrl, maxLogRange: 4);
        settings.BackfillRangesPerPoll = 2;
        await app.Reconciler(1, settings).PollAsync(CancellationToken.None);
        var head = (await app.StateAsync(1)).LastScannedBlock!.Value;
        await AddRecoveryAddressAsync(app, Later);

        var polls = 0;
        var progress = new List<long>();
        while ((await app.StatusJsonAsync(1)).GetProperty("backfills").EnumerateArray().ToList() is [var left] && polls++ < 20)
        {
            if (left.GetProperty("toBlock").ValueKind == JsonValueKind.Number) progress.Add(left.GetProperty("nextBlock").GetInt64());
            await app.Reconciler(1, settings).PollAsync(CancellationToken.None);
        }

        // Two ranges of four blocks a poll, each poll a new reconciler: next at 8, 16, ... until past the checkpoint.
        Assert.Equal(Enumerable.Range(1, progress.Count).Select(i => (long)i * 8), progress);
        Assert.True(progress[^1] <= head && progress[^1] + 8 > head, $"back-fill stopped at {progress[^1]} of {head}");
        Assert.Equal(progress.Count + 1, polls);
        Assert.Equal(sent.Order(), (await app.TransfersAsync()).Select(t => t.TxHash).Order());
        Assert.Equal("1", app.Figures.DeliveredEth.ToString());
        Assert.Equal(PledgeStatus.Committed, (await app.PledgeAsync(Stani)).Status);
    }

    [Fact]
    public async Task A_reorg_below_the_back_fills_end_shortens_it_and_the_scan_reads_the_rest_with_every_address()
    {
        await using var node = await AnvilNode.StartAsync(1);
        await using var app = TestApp.OnSeed(TestSeed.Mainnet().Pledge(Stani, "10", "ETH", "committed", StaniSender));
        var early = await node.Rpc.SendEthAsync(StaniSender, Later, Wei.Eth(1));
        await node.Rpc.MineAsync(4);
        var fork = await node.Rpc.BlockNumberAsync();
        var snapshot = await node.Rpc.SnapshotAsync();
        await node.Rpc.SendEthAsync(StaniSender, Later, Wei.Eth(5));
        await node.Rpc.MineAsync(3);
        var settings = Reconcilers.Fast(node.RpcUrl, maxLogRange: 2);
        settings.BackfillRangesPerPoll = 1;
        await app.Reconciler(1, settings).PollAsync(CancellationToken.None);
        var checkpoint = (await app.StateAsync(1)).LastScannedBlock;
        await AddRecoveryAddressAsync(app, Later);
        await app.Reconciler(1, settings).PollAsync(CancellationToken.None);
        Assert.Equal((2L, checkpoint), Backfill(await app.StatusJsonAsync(1)));

        // The blocks after the fork are replaced: the 5 ETH goes, 2 ETH comes instead.
        await node.Rpc.RevertAsync(snapshot);
        var replacement = await node.Rpc.SendEthAsync(StaniSender, Later, Wei.Eth(2));
        await node.Rpc.MineAsync(4);
        await app.Reconciler(1, settings).PollAsync(CancellationToken.None);

        // Rolled back to the fork: the back-fill now ends there; the scan reads on with both addresses.
        Assert.Equal((4L, fork), Backfill(await app.StatusJsonAsync(1)));
        Assert.Equal([replacement], (await app.TransfersAsync()).Where(t => t.BlockNumber > fork).Select(t => t.TxHash));
        for (var poll = 0; poll < 3; poll++) await app.Reconciler(1, settings).PollAsync(CancellationToken.None);

        Assert.Equal([early, replacement], (await app.TransfersAsync()).Select(t => t.TxHash));
        Assert.Equal("3", app.Figures.DeliveredEth.ToString());
        Assert.Empty((await app.StatusJsonAsync(1)).GetProperty("backfills").EnumerateArray());
    }

    private static (long Next, long? To) Backfill(JsonElement status)
    {
        var backfill = Assert.Single(status.GetProperty("backfills").EnumerateArray());
        var to = backfill.GetProperty("toBlock");
        return (backfill.GetProperty("nextBlock").GetInt64(), to.ValueKind == JsonValueKind.Null ? null : to.GetInt64());
    }

    private static async Task AddRecoveryAddressAsync(TestApp app, string address)
    {
        var result = await app.Services.GetRequiredService<LedgerCommands>()
            .AddRecoveryAddressAsync(1, address, "Announced later", new Actor(null, "test", "test"), CancellationToken.None);
        Assert.Equal(CommandOutcome.Ok, result.Outcome);
    }

    private static (string Method, long From, long To, string[] Addresses) Trace(string body)
    {
        using var json = JsonDocument.Parse(body);
        var method = json.RootElement.GetProperty("method").GetString()!;
        if (method != "trace_filter") return (method, 1, 0, []);
        var filter = json.RootElement.GetProperty("params")[0];
        return (method, AnvilHex.ParseLong(filter.GetProperty("fromBlock").GetString()!), AnvilHex.ParseLong(filter.GetProperty("toBlock").GetString()!),
            [.. filter.GetProperty("toAddress").EnumerateArray().Select(a => a.GetString()!)]);
    }
}
