using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RescueTracker.Tests.Drills;

/// <summary>
/// R1: random reorganisations of depth 1-5 on a chain taking random payments, with confirmation
/// depth 2, so most reach below it and take back transfers that already counted. Removed payments
/// are partly re-included elsewhere. After each one the reconciler polls until caught up, and the
/// ledger, the figures and the pledge statuses are compared with the test's own reading of the chain.
/// </summary>
[Trait("Category", "Drill")]
public sealed class ReorgDrill(AnvilFixture fixture, ITestOutputHelper output) : IClassFixture<AnvilFixture>
{
    private const int Confirmations = 2;
    private const int MaxDepth = 5;

    [Fact]
    public async Task After_every_random_reorg_the_ledger_and_figures_equal_the_canonical_chain()
    {
        var rounds = DrillSize.Pick(reduced: 10, full: 100);
        var seed = DrillSize.Seed();
        var random = new Random(seed);
        var report = new DrillReport(output, "R1 reorgs", seed);
        await using var node = await AnvilNode.StartAsync(1);
        var chain = await DrillChain.StartAsync(node, fixture.Contracts);
        // Pledges that random payments fill about half way through, so reorgs also move statuses.
        var ethPledge = rounds / 2;
        var tokenPledge = rounds * 5;
        await using var app = TestApp.OnSeed(chain.Seed(ethPledge, tokenPledge), quiet: true);
        var settings = Reconcilers.Fast(node.RpcUrl);
        settings.Confirmations = Confirmations;
        var reconciler = app.Reconciler(1, settings);
        var truth = new CanonicalInflows(node.Rpc, TestSeed.Recovery, chain.TokenAddress);
        // The deployment and mints stay below every reorg.
        await node.Rpc.MineAsync(MaxDepth);
        var floor = await node.Rpc.BlockNumberAsync();

        var tally = new ReorgTally();
        for (var round = 1; round <= rounds; round++)
        {
            // Payments in the last few blocks, so that most reorgs take some of them away.
            for (var i = random.Next(2, 6); i > 0; i--)
            {
                await chain.PayAsync(random);
                if (random.Next(4) == 0) await node.Rpc.MineAsync();
            }
            if (random.Next(2) == 0) await node.Rpc.MineAsync(random.Next(1, 3));
            await CatchUpAsync(reconciler, app, node);
            var countedBefore = (await app.TransfersAsync(1)).Where(t => t.Confirmed).ToList();

            var head = await node.Rpc.BlockNumberAsync();
            var reorg = await ChainReorgs.ReorgAsync(node.Rpc, random.Next(1, (int)Math.Min(MaxDepth, head - floor) + 1), random);
            // Sometimes no new block at all: the reconciler then sees the same height with other hashes.
            var mined = random.Next(4);
            if (mined > 0) await node.Rpc.MineAsync(mined);
            if (random.Next(2) == 0) await chain.PayAsync(random);
            var polls = await CatchUpAsync(reconciler, app, node);

            await truth.RefreshAsync();
            var stored = await app.TransfersAsync(1);
            var check = LedgerCheck.Of(stored, truth, truth.Head, truth.Head - Confirmations);
            var expectedDelivered = CanonicalInflows.EthEquivalent(truth.Confirmed(Confirmations));
            var apiDelivered = (await app.GetJsonAsync("/api/summary")).GetProperty("deliveredEth").GetString();
            var statuses = await StatusesAsync(app);
            var expectedStatuses = ExpectedStatuses(truth, ethPledge, tokenPledge);
            var takenBack = countedBefore.Where(t => !stored.Any(s => s.TxHash == t.TxHash && s.Position == t.Position && s.BlockHash == t.BlockHash)).ToList();
            tally.Add(reorg, Confirmations, polls, takenBack.Count, check);
            var converged = check.Exact && apiDelivered == expectedDelivered && app.Figures.DeliveredEth.ToString() == expectedDelivered
                            && statuses.SequenceEqual(expectedStatuses);
            if (converged) tally.Converged++;
            else tally.Failures.Add($"round {round} (depth {reorg.Depth} from block {reorg.FirstReplaced}): {check}; deliveredEth API {apiDelivered}, "
                                    + $"figures {app.Figures.DeliveredEth}, chain {expectedDelivered}; statuses {string.Join(", ", statuses)} vs {string.Join(", ", expectedStatuses)}");
            report.Note($"round {round}: depth {reorg.Depth}, {reorg.Dropped.Count} txs dropped, {reorg.Reincluded.Count} re-included, "
                        + $"{takenBack.Count} counted transfers taken back, {polls} polls, {(converged ? "exact" : "DIFFERENT")}");
        }

        tally.Report(report, rounds);
        report.Add("final transfers (stored / on chain)", $"{(await app.TransfersAsync(1)).Count} / {truth.All.Count()}");
        report.Add("final deliveredEth", CanonicalInflows.EthEquivalent(truth.Confirmed(Confirmations)));
        report.Add("pledge status changes by reorgs and payments", await StatusChangesAsync(app));
        report.Write();
        Assert.True(tally.Failures.Count == 0, string.Join("\n", tally.Failures.Take(5)));
        Assert.Equal(0, tally.OrphanedCounted);
        Assert.Equal(rounds, tally.Converged);
    }

    /// <summary>Polls as the loop would until the checkpoint is the node's head; returns the polls it took.</summary>
    private static async Task<int> CatchUpAsync(RescueTracker.Features.Reconciliation.ChainReconciler reconciler, TestApp app, AnvilNode node)
    {
        for (var poll = 1; poll <= 10; poll++)
        {
            await reconciler.PollAsync(CancellationToken.None);
            var state = await app.StateAsync(1);
            Assert.False(state.Halted, state.LastError);
            if (state.LastScannedBlock == await node.Rpc.BlockNumberAsync()) return poll;
        }
        throw new Xunit.Sdk.XunitException($"Not caught up after 10 polls: {(await app.StateAsync(1)).LastError}");
    }

    private static async Task<List<string>> StatusesAsync(TestApp app) =>
        [(await app.PledgeAsync(DrillChain.EthPledger)).Status.ToString(), (await app.PledgeAsync(DrillChain.TokenPledger)).Status.ToString()];

    /// <summary>Delivered exactly when the confirmed payments from the pledge's sender reach its amount.</summary>
    private static List<string> ExpectedStatuses(CanonicalInflows truth, int ethPledge, int tokenPledge)
    {
        var confirmed = truth.Confirmed(Confirmations).ToList();
        var eth = confirmed.Where(i => i.Kind == TransferKind.Native && i.From == DrillChain.EthSender).Aggregate(System.Numerics.BigInteger.Zero, (s, i) => s + i.Amount);
        var token = confirmed.Where(i => i.Kind == TransferKind.Erc20 && i.From == DrillChain.TokenSender).Aggregate(System.Numerics.BigInteger.Zero, (s, i) => s + i.Amount);
        return [(eth >= Wei.Eth(ethPledge) ? PledgeStatus.Delivered : PledgeStatus.Committed).ToString(),
                (token >= DrillChain.Token * tokenPledge ? PledgeStatus.Delivered : PledgeStatus.Proposed).ToString()];
    }

    private static async Task<string> StatusChangesAsync(TestApp app)
    {
        await using var db = app.Db();
        var pledges = await db.Pledges.AsNoTracking().Include(p => p.Pledger).Include(p => p.History).ToListAsync();
        return string.Join("; ", pledges.OrderBy(p => p.Id).Select(p =>
            $"{p.Pledger!.Name} {p.History.Count(h => h.To == PledgeStatus.Delivered)}× to delivered, "
            + $"{p.History.Count(h => h.From == PledgeStatus.Delivered)}× back"));
    }
}
