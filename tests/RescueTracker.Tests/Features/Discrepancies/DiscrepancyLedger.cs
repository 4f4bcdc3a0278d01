using System.Numerics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RescueTracker.Data;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Discrepancies;

/// <summary>
/// A custom seed, loaded at <see cref="Seeded"/> and read at <see cref="Now"/> (2026-05-03) on a fake clock, holding one
/// discrepancy of each kind and one pledge that is not yet one:
/// Over pledged 5 ETH and received 3 (seen 04-26) then 4 (seen 04-27): 7 ETH; Partial pledged 10 ETH by 2026-05-01 and
/// received 2.5 (seen 04-26); Proposal still proposes 30,000 ETH after its deadline 2026-04-30; Future proposes 1,000 ETH
/// by 2026-06-01; Quiet is committed with every source taken off (as an older database could hold it); a stranger sent
/// 1.5 ETH (seen 04-28) that no pledge claims, and 9 ETH still pending.
/// </summary>
public static class DiscrepancyLedger
{
    public static readonly DateTimeOffset Seeded = new(2026, 4, 25, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = new(2026, 5, 3, 8, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset FirstSeen = new(2026, 4, 26, 9, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset SecondSeen = new(2026, 4, 27, 10, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset StrangerSeen = new(2026, 4, 28, 17, 45, 0, TimeSpan.Zero);

    public const string OverSender = "0x1111111111111111111111111111111111111111";
    public const string PartialSender = "0x2222222222222222222222222222222222222222";
    public const string Stranger = "0x5555555555555555555555555555555555555555";
    public const string StrangerTx = "0x00000000000000000000000000000000000000000000000000000000000000a5";

    public static TestSeed Seed() => TestSeed.Mainnet()
        .Pledge("Over", "5", "ETH", "committed", OverSender)
        .Pledge("Partial", "10", "ETH", "committed", PartialSender).VoteDeadline("2026-05-01")
        .Pledge("Proposal", "30000", "ETH", "proposed").VoteDeadline("2026-04-30")
        .Pledge("Future", "1000", "ETH", "proposed").VoteDeadline("2026-06-01")
        .Pledge("Quiet", "1000", "ETH", "committed");

    public static async Task<(TestApp App, FakeTimeProvider Clock)> StartAsync()
    {
        var clock = new FakeTimeProvider(Seeded);
        var app = new TestApp(new TestAppOptions
        {
            SeedJson = Seed().ToJson(),
            ReconcilerLoop = false,
            Services = services => services.AddSingleton<TimeProvider>(clock),
        }).Started();
        clock.SetUtcNow(Now);
        var over = await app.PledgeIdAsync("Over");
        var partial = await app.PledgeIdAsync("Partial");
        var quiet = await app.PledgeIdAsync("Quiet");
        var e18 = BigInteger.Pow(10, 18);
        await app.WriteAsync(async db =>
        {
            var eth = await db.Assets.Where(a => a.Symbol == "ETH").Select(a => a.Id).SingleAsync();
            void Add(string tx, string from, BigInteger amount, long block, int? pledge, DateTimeOffset seen, bool confirmed = true) => db.Transfers.Add(new Transfer
            {
                ChainId = 1, TxHash = tx, Kind = TransferKind.Native, Position = "", BlockNumber = block, BlockHash = $"0x{block:x64}",
                From = from, To = TestSeed.Recovery.ToLowerInvariant(), AssetId = eth, Amount = amount, Confirmed = confirmed, PledgeId = pledge, SeenAt = seen,
            });
            Add($"0x{1:x64}", OverSender, 3 * e18, 5, over, FirstSeen);
            Add($"0x{2:x64}", OverSender, 4 * e18, 6, over, SecondSeen);
            Add($"0x{3:x64}", PartialSender, 25 * e18 / 10, 5, partial, FirstSeen);
            Add(StrangerTx, Stranger, 15 * e18 / 10, 7, null, StrangerSeen);
            Add($"0x{9:x64}", Stranger, 9 * e18, 8, null, StrangerSeen, confirmed: false);
            var pledge = await db.Pledges.Include(p => p.History).SingleAsync(p => p.Id == quiet);
            pledge.Source = null;
            foreach (var change in pledge.History) change.Source = null;
        });
        return (app, clock);
    }

    public static async Task<long> TransferIdAsync(TestApp app, string txHash)
    {
        await using var db = app.Db();
        return await db.Transfers.Where(t => t.TxHash == txHash).Select(t => t.Id).SingleAsync();
    }
}
