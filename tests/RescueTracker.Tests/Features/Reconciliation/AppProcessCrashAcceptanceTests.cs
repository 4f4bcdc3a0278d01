using System.Numerics;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>
/// The crash check: the app process SIGKILLed in the middle of a catch-up over many small
/// ranges, then started again on the same database. Its own class, so it runs beside the other
/// process test instead of after it.
/// </summary>
public sealed class AppProcessCrashAcceptanceTests
{
    private const string Sender = DevAccounts.Account1;

    [Fact]
    public async Task Killing_the_app_during_catch_up_and_starting_it_again_ends_with_exactly_the_transfers_on_chain()
    {
        await using var node = await AnvilNode.StartAsync(1);
        var sent = new List<string>();
        var total = BigInteger.Zero;
        for (var i = 1; i <= 24; i++)
        {
            var from = i % 5 == 0 ? DevAccounts.Account6 : Sender;
            sent.Add(await node.Rpc.SendEthAsync(from, TestSeed.Recovery, Wei.Tenths(i)));
            total += Wei.Tenths(i);
            await node.Rpc.MineAsync(12);
        }
        // Money to someone else is not an inflow.
        await node.Rpc.SendEthAsync(Sender, DevAccounts.Account7, Wei.Eth(1));
        var head = await node.Rpc.BlockNumberAsync();
        // MaxLogRange 2: the catch-up commits about 160 ranges, one at a time.
        using var files = new AppProcess(TestSeed.Mainnet().Pledge("Stani Kulechov (personal)", "100", "ETH", "committed", Sender), node.RpcUrl, maxLogRange: 2);

        long? scannedAtKill;
        await using (var first = files.Launch())
        {
            await AppProcess.EventuallyAsync(
                async () => await files.ReadAsync(db => db.ChainScanStates.Select(s => s.LastScannedBlock).FirstOrDefaultAsync()) is not null,
                () => Task.FromResult(first.Output), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(10));
            await first.StopAsync(grace: TimeSpan.Zero);
            scannedAtKill = await files.ReadAsync(db => db.ChainScanStates.Select(s => s.LastScannedBlock).FirstAsync());
        }
        Assert.True(scannedAtKill < head, $"killed at block {scannedAtKill} of {head}: the catch-up had already finished");
        var atKill = await files.ReadAsync(db => db.Transfers.Select(t => t.TxHash).ToListAsync()) ?? [];
        Assert.All(atKill, hash => Assert.Contains(hash, sent));

        await using var second = await files.StartAsync();
        // The figures follow the catch-up's commits (at most a second behind while it runs, all of them once it
        // returns), so the served figure is waited for too, not read the moment the last commit lands.
        string? delivered = null;
        await AppProcess.EventuallyAsync(
            async () => await files.ReadAsync(db => db.ChainScanStates.Select(s => s.LastScannedBlock).FirstAsync()) == head
                        && await files.ReadAsync(db => db.Transfers.AllAsync(t => t.Confirmed))
                        && (delivered = (await AppProcess.GetJsonAsync(second, "/api/summary")).GetProperty("deliveredEth").GetString()) == "30",
            () => Task.FromResult($"deliveredEth last served {delivered}\n{second.Process.Output}"), TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(200));

        var stored = await files.ReadAsync(db => db.Transfers.Select(t => t.TxHash).ToListAsync());
        Assert.Equal(sent.Count, stored!.Count);
        Assert.Equal(sent.Order(), stored.Order());
        // 0.1 + 0.2 + ... + 2.4 ETH.
        Assert.Equal(Wei.Tenths(300), total);
        Assert.Equal("30", delivered);
    }
}
