using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RescueTracker.Tests.Drills;

/// <summary>
/// R2: the app as a real process catching up one block per range over a long chain, SIGKILLed at
/// a random moment of each life and started again on the same SQLite file. A seeded Random picks
/// the moment, counted from the life's first commit (start-up takes 1.5-8 s here, depending on
/// the machine's load). After every kill the ledger must be exactly the chain's inflows up to the
/// checkpoint; at the end, up to the head, with the figures to match. When the checkpoint gets
/// near the head the chain grows, so every kill lands mid-catch-up however fast the machine is.
/// </summary>
[Trait("Category", "Drill")]
public sealed class CrashDrill(AnvilFixture fixture, ITestOutputHelper output) : IClassFixture<AnvilFixture>
{
    private const int Confirmations = 2;
    // One commit per block: the most commits, so the most points to die at, for the blocks mined
    // (Anvil mines each block more slowly the longer its chain: 1,000 blocks take 1 s at the start, 5 s past 2,000).
    private const int MaxLogRange = 1;
    private const int MaxDelayAfterCommitMs = 1000;
    private const int PaymentsPerExtension = 50;
    private const int MinBlocksAhead = 300;

    [Fact]
    public async Task Kills_at_random_points_of_a_catch_up_leave_no_duplicate_and_no_gap()
    {
        var kills = DrillSize.Pick(reduced: 5, full: 50);
        var seed = DrillSize.Seed();
        var random = new Random(seed);
        var report = new DrillReport(output, "R2 crashes", seed);
        await using var node = await AnvilNode.StartAsync(1);
        var chain = await DrillChain.StartAsync(node, fixture.Contracts);
        var truth = new CanonicalInflows(node.Rpc, TestSeed.Recovery, chain.TokenAddress);
        await ExtendAsync(chain, truth, random, DrillSize.Pick(reduced: 40, full: 250));
        report.Note($"chain of {truth.Head} blocks with {truth.All.Count()} inflows built");

        using var files = new AppProcess(chain.Seed(ethPledge: 1000, tokenPledge: 10000), node.RpcUrl, MaxLogRange);
        var tally = new CrashTally();
        for (var kill = 1; kill <= kills; kill++)
        {
            var (before, _) = await ScanAsync(files);
            if (truth.Head - (before ?? -1) < MinBlocksAhead)
            {
                await ExtendAsync(chain, truth, random, PaymentsPerExtension);
                tally.Extensions++;
                report.Note($"chain grown to {truth.Head} blocks with {truth.All.Count()} inflows");
            }
            var delay = TimeSpan.FromMilliseconds(random.Next(MaxDelayAfterCommitMs));
            var clock = Stopwatch.StartNew();
            TimeSpan firstCommit, killedAt;
            await using (var life = files.Launch())
            {
                // Start-up is left alone: a kill inside its migration step leaves EF Core's SQLite
                // migration lock behind, and every later start waits for it forever (see StaleMigrationLockTests).
                while ((await ScanAsync(files)).Checkpoint == before)
                {
                    if (life.HasExited) Assert.Fail($"Life {kill} ended by itself before committing a range:\n{life.Output}");
                    if (clock.Elapsed > TimeSpan.FromMinutes(1)) Assert.Fail($"Life {kill} committed nothing in a minute:\n{life.Output}");
                    await Task.Delay(10);
                }
                firstCommit = clock.Elapsed;
                await Task.Delay(delay);
                if (life.HasExited) Assert.Fail($"Life {kill} ended by itself before its kill:\n{life.Output}");
                await life.StopAsync(grace: TimeSpan.Zero);
                killedAt = clock.Elapsed;
            }
            var (after, seenHead) = await ScanAsync(files);
            var check = LedgerCheck.Of(await StoredAsync(files), truth, after ?? -1, (seenHead ?? 0) - Confirmations);
            tally.Add(killedAt, firstCommit, before, after, truth.Head, check);
            report.Note($"kill {kill} {delay.TotalMilliseconds:0} ms after the first commit at {firstCommit.TotalMilliseconds:0} ms: "
                        + $"checkpoint {before?.ToString() ?? "none"} → {after?.ToString() ?? "none"} of {truth.Head}; {check}");
        }

        var head = truth.Head;
        var expectedDelivered = CanonicalInflows.EthEquivalent(truth.Confirmed(Confirmations));
        var final = await FinishAsync(files, head, expectedDelivered);
        var stored = await StoredAsync(files);
        var finalCheck = LedgerCheck.Of(stored, truth, head, head - Confirmations);

        tally.Report(report, kills);
        report.Add("chain", $"{head} blocks, {truth.All.Count()} inflows, MaxLogRange {MaxLogRange}");
        report.Add("final transfers (stored / on chain)", $"{stored.Count} / {truth.All.Count()}");
        report.Add("final duplicates / gaps", $"{finalCheck.Duplicates} / {finalCheck.Missing}");
        report.Add("final checkpoint / head", $"{final.Checkpoint} / {head}");
        report.Add("final deliveredEth (API / chain)", $"{final.Delivered} / {expectedDelivered}");
        report.Write();

        Assert.True(tally.Inexact.Count == 0, string.Join("\n", tally.Inexact.Take(5)));
        Assert.True(finalCheck.Exact, finalCheck.ToString());
        Assert.Equal(head, final.Checkpoint);
        Assert.Equal(expectedDelivered, final.Delivered);
    }

    /// <summary>Random payments, each followed by up to 22 empty blocks.</summary>
    private static async Task ExtendAsync(DrillChain chain, CanonicalInflows truth, Random random, int payments)
    {
        for (var i = 0; i < payments; i++)
        {
            await chain.PayAsync(random);
            await chain.Node.Rpc.MineAsync(random.Next(1, 23));
        }
        await truth.RefreshAsync();
    }

    /// <summary>
    /// The last life runs until the checkpoint is the head, every transfer's confirmation is settled and the served
    /// figures have followed the last commit (they may trail the catch-up's commits by up to a second).
    /// </summary>
    private static async Task<(long? Checkpoint, string? Delivered)> FinishAsync(AppProcess files, long head, string expectedDelivered)
    {
        await using var app = await files.StartAsync();
        string? delivered = null;
        await AppProcess.EventuallyAsync(
            async () => (await ScanAsync(files)).Checkpoint == head
                        && await files.ReadAsync(db => db.Transfers.AllAsync(t => t.Confirmed == (t.BlockNumber <= head - Confirmations)))
                        && (delivered = (await AppProcess.GetJsonAsync(app, "/api/summary")).GetProperty("deliveredEth").GetString()) == expectedDelivered,
            () => Task.FromResult($"deliveredEth last served {delivered}\n{app.Process.Output}"), TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(200));
        return ((await ScanAsync(files)).Checkpoint, delivered);
    }

    /// <summary>The checkpoint and the head the app saw when it last wrote them; nulls before the first.</summary>
    private static async Task<(long? Checkpoint, long? Head)> ScanAsync(AppProcess files)
    {
        var state = await files.ReadAsync(db => db.ChainScanStates.AsNoTracking().Where(s => s.ChainId == 1)
            .Select(s => new { s.LastScannedBlock, s.HeadBlock }).FirstOrDefaultAsync());
        return (state?.LastScannedBlock, state?.HeadBlock);
    }

    private static async Task<List<Transfer>> StoredAsync(AppProcess files) =>
        await files.ReadAsync(db => db.Transfers.AsNoTracking().Where(t => t.ChainId == 1).ToListAsync()) ?? [];
}
