using RescueTracker.Features.Chains;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RescueTracker.Tests.Drills;

/// <summary>
/// R3: reconcilers reading a growing chain through fault proxies (30% HTTP 429, 10% timeouts, the
/// providers' eth_getLogs refusals) until the proxies have seen the drill's number of RPC calls.
/// After every catch-up each ledger must equal the chain, and the figures too. Several lanes run at
/// once because the faults cost mostly waiting: ~0.15 s a 429, 0.3 s a timeout.
/// </summary>
[Trait("Category", "Drill")]
public sealed class FaultyProviderDrill(AnvilFixture fixture, ITestOutputHelper output) : IClassFixture<AnvilFixture>
{
    private const int Confirmations = 2;
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Hold = TimeSpan.FromSeconds(1);

    private static ChainSettings Settings() => new()
    {
        Confirmations = Confirmations,
        StartBlock = 0,
        MaxLogRange = 8,
        ReorgWindow = 16,
        // 40% of attempts fail: 30 retries leave a chance of about 1 in 10^12 that a call runs out.
        Retry = new ChainRetrySettings
        {
            MaxAttempts = 30, BaseDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromSeconds(1.5), AttemptTimeout = AttemptTimeout,
        },
    };

    [Fact]
    public async Task Through_a_provider_failing_four_requests_in_ten_every_catch_up_is_complete_and_exact()
    {
        var target = DrillSize.Pick(reduced: 600, full: 10_000);
        var laneCount = DrillSize.Pick(reduced: 4, full: 8);
        var seed = DrillSize.Seed();
        var random = new Random(seed);
        var report = new DrillReport(output, "R3 faulty provider", seed);
        await using var node = await AnvilNode.StartAsync(1);
        var chain = await DrillChain.StartAsync(node, fixture.Contracts);
        var truth = new CanonicalInflows(node.Rpc, TestSeed.Recovery, chain.TokenAddress);
        var lanes = new List<FaultLane>();
        try
        {
            for (var i = 0; i < laneCount; i++)
                lanes.Add(await FaultLane.StartAsync(chain.Seed(ethPledge: 1000, tokenPledge: 10000), node.RpcUrl, Settings(),
                    ProviderFaultMix.Rules(new Random(seed + 1 + i), Hold)));

            var rounds = 0;
            var inexact = new List<string>();
            while (lanes.Sum(l => l.Proxy.Log.Count) < target)
            {
                rounds++;
                for (var i = DrillSize.Pick(reduced: 10, full: 25); i > 0; i--)
                {
                    await chain.PayAsync(random);
                    await node.Rpc.MineAsync(random.Next(1, 16));
                }
                await truth.RefreshAsync();
                await Task.WhenAll(lanes.Select(l => l.CatchUpAsync(truth.Head)));
                var expectedDelivered = CanonicalInflows.EthEquivalent(truth.Confirmed(Confirmations));
                foreach (var (lane, n) in lanes.Select((l, n) => (l, n + 1)))
                {
                    var check = LedgerCheck.Of(await lane.App.TransfersAsync(1), truth, truth.Head, truth.Head - Confirmations);
                    var delivered = (await lane.App.GetJsonAsync("/api/summary")).GetProperty("deliveredEth").GetString();
                    if (!check.Exact || delivered != expectedDelivered)
                        inexact.Add($"round {rounds}, lane {n}: {check}; deliveredEth {delivered}, chain {expectedDelivered}");
                }
                report.Note($"round {rounds}: head {truth.Head}, {truth.All.Count()} inflows, {lanes.Sum(l => l.Proxy.Log.Count)} calls so far");
            }

            var logs = lanes.Select(l => l.Proxy.Log).ToList();
            FaultFigures.Report(report, logs, lanes.Sum(l => l.FailedPolls.Count), rounds, laneCount);
            var stored = 0;
            foreach (var lane in lanes) stored += (await lane.App.TransfersAsync(1)).Count;
            var expected = truth.All.Count() * laneCount;
            report.Add("chain", $"{truth.Head} blocks, {truth.All.Count()} inflows");
            report.Add("complete (transfers stored / on chain, all lanes)", $"{stored} / {expected} ({100.0 * stored / expected:0.#}%)");
            report.Add("catch-ups not exact (gaps, duplicates, wrong figures)", inexact.Count);
            report.Write();

            Assert.True(inexact.Count == 0, string.Join("\n", inexact.Take(5)));
            Assert.Equal(expected, stored);
        }
        finally
        {
            foreach (var lane in lanes) await lane.DisposeAsync();
        }
    }
}
