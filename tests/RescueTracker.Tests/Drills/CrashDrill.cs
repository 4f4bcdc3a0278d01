using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Reconciliation;
using Xunit.Abstractions;

namespace RescueTracker.Tests.Drills;

/// <summary>
/// R2: the app as a real process catching up over a long chain in ranges of two blocks, SIGKILLed
/// at a random moment of each life and started again on the same SQLite file. A seeded Random
/// picks the moment, counted from the life's first commit: start-up takes 1.5-8 s here depending
/// on the machine's load. After every kill the ledger must be exactly the chain's inflows up to
/// the checkpoint; at the end, up to the head, with the figures to match.
/// </summary>
[Trait("Category", "Drill")]
public sealed class CrashDrill(AnvilFixture fixture, ITestOutputHelper output) : IClassFixture<AnvilFixture>
{
    private const int Confirmations = 2;
    private const int MaxLogRange = 2;

    [Fact]
    public async Task Kills_at_random_points_of_a_catch_up_leave_no_duplicate_and_no_gap()
    {
        var kills = DrillSize.Pick(reduced: 5, full: 50);
        var seed = DrillSize.Seed();
        var random = new Random(seed);
        var report = new DrillReport(output, "R2 crashes", seed);
        await using var node = await AnvilNode.StartAsync(1);
        var chain = await DrillChain.StartAsync(node, fixture.Contracts);
        // Long enough that no life finishes the catch-up before it is killed.
        var payments = DrillSize.Pick(reduced: 60, full: 400);
        var blocksPerPayment = DrillSize.Pick(reduced: 13, full: 20);
        for (var i = 0; i < payments; i++)
        {
            await chain.PayAsync(random);
            await node.Rpc.MineAsync(random.Next(1, 2 * blocksPerPayment));
        }
        await node.Rpc.MineAsync(Confirmations);
        var truth = new CanonicalInflows(node.Rpc, TestSeed.Recovery, chain.TokenAddress);
        await truth.RefreshAsync();
        var head = truth.Head;
        report.Note($"chain of {head} blocks with {truth.All.Count()} inflows built");

        using var files = new AppProcess(chain.Seed(ethPledge: 1000, tokenPledge: 10000), node.RpcUrl, MaxLogRange);
        var tally = new CrashTally();
        for (var kill = 1; kill <= kills; kill++)
        {
            var before = await CheckpointAsync(files);
            var delay = TimeSpan.FromMilliseconds(random.Next(MaxDelayAfterCommitMs));
            var clock = Stopwatch.StartNew();
            TimeSpan firstCommit, killedAt;
            await using (var life = files.Launch())
            {
                // Start-up is left alone: a kill inside its migration step leaves EF Core's SQLite
                // migration lock behind, and every later start waits for it forever (see StaleMigrationLockTests).
                while (await CheckpointAsync(files) == before)
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
            var after = await CheckpointAsync(files);
            var check = LedgerCheck.Of(await StoredAsync(files), truth, after ?? -1, head - Confirmations);
            tally.Add(killedAt, firstCommit, before, after, head, check);
            report.Note($"kill {kill} {delay.TotalMilliseconds:0} ms after the first commit at {firstCommit.TotalMilliseconds:0} ms: "
                        + $"checkpoint {before?.ToString() ?? "none"} → {after?.ToString() ?? "none"} of {head}; {check}");
        }

        var final = await FinishAsync(files, head);
        var stored = await StoredAsync(files);
        var finalCheck = LedgerCheck.Of(stored, truth, head, head - Confirmations);
        var expectedDelivered = CanonicalInflows.EthEquivalent(truth.Confirmed(Confirmations));

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

    // About 40 ranges a second here: a life commits up to ~60 ranges before its kill.
    private const int MaxDelayAfterCommitMs = 1500;

    /// <summary>The last life runs until the checkpoint is the head and every transfer's confirmation is settled.</summary>
    private static async Task<(long? Checkpoint, string? Delivered)> FinishAsync(AppProcess files, long head)
    {
        await using var app = await files.StartAsync();
        await AppProcess.EventuallyAsync(
            async () => await CheckpointAsync(files) == head
                        && await files.ReadAsync(db => db.Transfers.AllAsync(t => t.Confirmed == (t.BlockNumber <= head - Confirmations))),
            () => Task.FromResult(app.Process.Output), TimeSpan.FromMinutes(5), TimeSpan.FromMilliseconds(200));
        var summary = await AppProcess.GetJsonAsync(app, "/api/summary");
        return (await CheckpointAsync(files), summary.GetProperty("deliveredEth").GetString());
    }

    private static Task<long?> CheckpointAsync(AppProcess files) =>
        files.ReadAsync(db => db.ChainScanStates.Where(s => s.ChainId == 1).Select(s => s.LastScannedBlock).FirstOrDefaultAsync());

    private static async Task<List<Transfer>> StoredAsync(AppProcess files) =>
        await files.ReadAsync(db => db.Transfers.AsNoTracking().Where(t => t.ChainId == 1).ToListAsync()) ?? [];
}
