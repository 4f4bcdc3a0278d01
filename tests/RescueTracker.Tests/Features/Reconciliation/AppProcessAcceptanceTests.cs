using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.EndToEnd;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>
/// The issue's acceptance checks against the app as a real process polling a real node every
/// second: what a visitor sees through the API, within 5 seconds of the block that decides it.
/// </summary>
public sealed class AppProcessAcceptanceTests
{
    private const string Stani = "Stani Kulechov (personal)";
    private const string Sender = DevAccounts.Account1;

    private static TestSeed Seed(string pledgeAmount) => TestSeed.Mainnet().Pledge(Stani, pledgeAmount, "ETH", "committed", Sender);

    [Fact]
    public async Task A_payment_shows_as_pending_then_counts_two_blocks_later_then_delivers_the_pledge_and_reorgs_take_it_back_out()
    {
        await using var node = await AnvilNode.StartAsync(1);
        using var files = new AppProcess(Seed("5"), node.RpcUrl);
        await using var app = await files.StartAsync();
        var pledgePath = $"/api/pledges/{await PledgeIdAsync(app)}";
        var start = await node.Rpc.SnapshotAsync();

        var first = await node.Rpc.SendEthAsync(Sender, TestSeed.Recovery, Wei.Eth(2));
        await Expect(app, pledgePath, "pending, counted nowhere", p => p.Shows($"{first}:pending") && p.Received == "0" && p.Delivered == "0");

        await node.Rpc.MineAsync(2);
        await Expect(app, pledgePath, "confirmed and counted", p => p.Shows($"{first}:confirmed") && p.Received == "2" && p.Delivered == "2" && p.Status == "committed");

        var second = await node.Rpc.SendEthAsync(Sender, TestSeed.Recovery, Wei.Eth(3));
        await node.Rpc.MineAsync(2);
        await Expect(app, pledgePath, "paid in full", p => p.Shows(Both(first, second)) && p.Received == "5" && p.Delivered == "5" && p.Status == "delivered");

        // anvil_reorg replaces the second payment's block and the two after it; then the next block comes.
        await node.Rpc.ReorgAsync(3);
        await node.Rpc.MineAsync();
        await Expect(app, pledgePath, "the second payment gone", p => p.Shows($"{first}:confirmed") && p.Received == "2" && p.Delivered == "2" && p.Status == "committed");
        Assert.Null(await node.Rpc.GetReceiptAsync(second));

        // evm_revert rewinds to before the first payment; then the next block comes.
        Assert.True(await node.Rpc.RevertAsync(start));
        await node.Rpc.MineAsync();
        await Expect(app, pledgePath, "every payment gone", p => p.Shows("") && p.Received == "0" && p.Delivered == "0" && p.Status == "committed");
    }

    /// <summary>What a visitor sees: the pledge's transfers, /api/transfers, the pledge's figures and deliveredEth.</summary>
    private sealed record Seen(string PledgeTransfers, string ListedTransfers, string Received, string Status, string Delivered)
    {
        /// <summary>Both lists show exactly these "hash:status" entries.</summary>
        public bool Shows(string transfers) => PledgeTransfers == transfers && ListedTransfers == transfers;
    }

    private static async Task Expect(RunningApp app, string pledgePath, string what, Func<Seen, bool> condition)
    {
        Seen? last = null;
        await AppProcess.EventuallyAsync(
            async () => condition(last = await SeeAsync(app, pledgePath)),
            () => Task.FromResult($"{what}; last seen {last}\n{app.Process.Output}"));
    }

    private static async Task<Seen> SeeAsync(RunningApp app, string pledgePath)
    {
        var pledge = await AppProcess.GetJsonAsync(app, pledgePath);
        var summary = await AppProcess.GetJsonAsync(app, "/api/summary");
        var listed = await AppProcess.GetJsonAsync(app, "/api/transfers?chainId=1");
        return new Seen(Text(pledge.GetProperty("transfers")), Text(listed), pledge.GetProperty("receivedEth").GetString()!,
            pledge.GetProperty("status").GetString()!, summary.GetProperty("deliveredEth").GetString()!);
    }

    private static string Both(string first, string second) => string.Join(' ', new[] { $"{first}:confirmed", $"{second}:confirmed" }.Order());

    private static string Text(System.Text.Json.JsonElement transfers) =>
        string.Join(' ', transfers.EnumerateArray().Select(t => $"{t.GetProperty("txHash").GetString()}:{t.GetProperty("status").GetString()}").Order());

    private static async Task<int> PledgeIdAsync(RunningApp app)
    {
        var pledges = await AppProcess.GetJsonAsync(app, "/api/pledges");
        return pledges.EnumerateArray().Single(p => p.GetProperty("pledger").GetString() == Stani).GetProperty("id").GetInt32();
    }
}
