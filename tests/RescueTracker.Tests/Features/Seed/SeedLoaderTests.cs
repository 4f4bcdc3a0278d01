using System.Numerics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using RescueTracker.Data;
using RescueTracker.Features.Seed;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Seed;

/// <summary>The one-time load into a migrated, empty SQLite file.</summary>
public class SeedLoaderTests : IAsyncLifetime
{
    private readonly TestDatabase _file = TestDatabase.Create();
    private SeedLoader _loader = null!;

    public async Task InitializeAsync()
    {
        await _file.MigrateAsync();
        _loader = new SeedLoader(_file.Factory, new FixedClock(FixedClock.SeedTime), NullLogger<SeedLoader>.Instance);
    }

    public Task DisposeAsync()
    {
        _file.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Shipped_seed_writes_the_rescue_its_ledger_and_nine_pledges_in_file_order()
    {
        Assert.True(await _loader.SeedIfEmptyAsync(RepoFiles.ShippedSeed, CancellationToken.None));

        await using var db = _file.CreateContext();
        var rescue = await db.Rescues.SingleAsync();
        Assert.Equal("DeFi United", rescue.Name);
        Assert.Equal(FixedClock.SeedTime, rescue.SeededAt);
        Assert.Equal(new DateOnly(2026, 4, 25), rescue.SnapshotDate);
        Assert.Equal(2, await db.Chains.CountAsync());
        Assert.Equal(4, await db.Assets.CountAsync());
        Assert.Equal(2, await db.ShortfallItems.CountAsync());
        var pledges = await db.Pledges.Include(p => p.Pledger).OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(
            ["Lido Finance", "EtherFi Foundation", "Stani Kulechov (personal)", "Golem Foundation", "Mantle",
             "Ethena", "LayerZero", "Ink Foundation", "Tydra"],
            pledges.Select(p => p.Pledger!.Name));
        Assert.Equal(Enumerable.Range(1, 9), pledges.Select(p => p.Id));
        Assert.Equal(BigInteger.Parse("2500000000000000000000"), pledges[0].Amount);
    }

    [Fact]
    public async Task Every_seeded_pledge_gets_one_history_row_by_the_seed()
    {
        await _loader.SeedIfEmptyAsync(RepoFiles.ShippedSeed, CancellationToken.None);

        await using var db = _file.CreateContext();
        var history = await db.PledgeStatusChanges.ToListAsync();
        Assert.Equal(9, history.Count);
        Assert.All(history, h =>
        {
            Assert.Null(h.From);
            Assert.Equal("seed", h.Actor);
            Assert.Equal(FixedClock.SeedTime, h.At);
        });
    }

    [Fact]
    public async Task Seeded_stETH_gets_a_two_wei_tolerance_and_a_dated_rate()
    {
        await _loader.SeedIfEmptyAsync(RepoFiles.ShippedSeed, CancellationToken.None);

        await using var db = _file.CreateContext();
        var stEth = await db.Assets.Include(a => a.Rates).SingleAsync(a => a.Symbol == "stETH");
        Assert.Equal(new BigInteger(2), stEth.Tolerance);
        var rate = Assert.Single(stEth.Rates);
        Assert.Equal("1", rate.EthRate);
        Assert.Equal(FixedClock.SeedTime, rate.EffectiveAt);
        Assert.Equal(BigInteger.Zero, (await db.Assets.SingleAsync(a => a.Symbol == "ETH")).Tolerance);
    }

    [Fact]
    public async Task Second_seed_returns_false_and_writes_nothing()
    {
        Assert.True(await _loader.SeedIfEmptyAsync(RepoFiles.ShippedSeed, CancellationToken.None));
        var before = await _file.RowCountsAsync();
        DateTimeOffset updatedAt;
        await using (var first = _file.CreateContext()) updatedAt = (await first.Rescues.SingleAsync()).UpdatedAt;

        var later = new SeedLoader(_file.Factory, new FixedClock(FixedClock.SeedTime.AddDays(1)), NullLogger<SeedLoader>.Instance);
        Assert.False(await later.SeedIfEmptyAsync(RepoFiles.ShippedSeed, CancellationToken.None));

        Assert.Equal(before, await _file.RowCountsAsync());
        await using var db = _file.CreateContext();
        var rescue = await db.Rescues.SingleAsync();
        Assert.Equal(FixedClock.SeedTime, rescue.SeededAt);
        Assert.Equal(updatedAt, rescue.UpdatedAt);
    }

    [Fact]
    public async Task Database_that_already_has_a_rescue_is_not_seeded_even_from_a_bad_file()
    {
        await _loader.SeedIfEmptyAsync(RepoFiles.ShippedSeed, CancellationToken.None);
        using var bad = new TempFile("{ not json");

        Assert.False(await _loader.SeedIfEmptyAsync(bad.Path, CancellationToken.None));
    }

    [Fact]
    public async Task Bad_file_throws_naming_the_file_and_writes_nothing()
    {
        using var bad = new TempFile(SeedJson.With(t => SeedJson.Pledge(t, 1)["amount"] = "-5"));
        // Migrations may insert reference rows of their own; "nothing" means nothing beyond those.
        var migratedOnly = await _file.RowCountsAsync();

        var e = await Assert.ThrowsAsync<SeedFileException>(() => _loader.SeedIfEmptyAsync(bad.Path, CancellationToken.None));

        Assert.Contains(bad.Path, e.Message);
        Assert.Equal("$.pledges[1].amount", Assert.Single(e.Errors).Path);
        var counts = await _file.RowCountsAsync();
        Assert.Equal(migratedOnly, counts);
        Assert.Equal(0, counts["Rescues"]);
        Assert.Equal(0, counts["Pledges"]);
    }
}
