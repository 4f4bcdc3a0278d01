using System.Numerics;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Figures;

/// <summary>
/// The kept figures read back from a real SQLite file: the shipped seed, then transfers and edits
/// written directly through the DbContext (reconciliation comes in a later issue).
/// </summary>
public class FiguresServiceTests : IAsyncLifetime
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private SeededDatabase _db = null!;

    public async Task InitializeAsync() => _db = await SeededDatabase.CreateAsync();

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void Shipped_seed_in_the_database_gives_the_published_figures()
    {
        var figures = _db.Figures.Current;

        Assert.Equal("68900", figures.ShortfallEth.ToString());
        Assert.Equal("0", figures.DeliveredEth.ToString());
        Assert.Equal("6000", figures.OutstandingCommittedEth.ToString());
        Assert.Equal("37500", figures.OutstandingProposedEth.ToString());
        Assert.Equal("43500", figures.PledgedEth.ToString());
        Assert.Equal("68900", figures.UncoveredNowEth.ToString());
        Assert.Equal("25400", figures.UncoveredIfAllArriveEth.ToString());
        Assert.Equal(9, figures.Pledges.Count);
    }

    [Fact]
    public async Task As_of_after_seeding_is_the_rescues_updated_at()
    {
        Assert.Equal(await UpdatedAtAsync(), _db.Figures.Current.AsOf);
    }

    [Fact]
    public async Task Confirmed_pending_and_unattributed_transfers_written_to_the_database_are_counted_after_refresh()
    {
        var mantle = await _db.PledgeAsync("Mantle");
        var stani = await _db.PledgeAsync("Stani Kulechov (personal)");
        await _db.AddTransferAsync(mantle.Id, mantle.AssetId!.Value, 10_000 * Ether);
        await _db.AddTransferAsync(stani.Id, stani.AssetId!.Value, 500 * Ether, confirmed: false);
        await _db.AddTransferAsync(null, mantle.AssetId!.Value, Ether / 2);

        var figures = await _db.Figures.RefreshAsync();

        Assert.Equal("10000.5", figures.DeliveredEth.ToString());
        Assert.Equal("0.5", figures.UnattributedEth.ToString());
        Assert.Equal("6000", figures.OutstandingCommittedEth.ToString());
        Assert.Equal("27500", figures.OutstandingProposedEth.ToString());
        Assert.Equal("43500", figures.PledgedEth.ToString());
        Assert.Equal("58899.5", figures.UncoveredNowEth.ToString());
        Assert.Equal("25399.5", figures.UncoveredIfAllArriveEth.ToString());
        Assert.True(figures.Pledges.Single(p => p.Id == mantle.Id).IsPartial);
        Assert.Same(figures, _db.Figures.Current);
    }

    [Fact]
    public async Task Rate_change_in_the_database_revalues_the_pledge_after_refresh()
    {
        await using (var db = _db.CreateContext())
        {
            var stEth = await db.Assets.SingleAsync(a => a.Symbol == "stETH");
            stEth.EthRate = "0.98";
            await db.SaveChangesAsync();
        }

        var figures = await _db.Figures.RefreshAsync();

        Assert.Equal("2450", figures.Pledges.Single(p => p.Pledger == "Lido Finance").AmountEth.ToString());
        Assert.Equal("43450", figures.PledgedEth.ToString());
        Assert.Equal("37450", figures.OutstandingProposedEth.ToString());
        Assert.Equal("25450", figures.UncoveredIfAllArriveEth.ToString());
    }

    [Fact]
    public async Task Withdrawing_a_pledge_in_the_database_removes_it_from_pledged_after_refresh()
    {
        await using (var db = _db.CreateContext())
        {
            var mantle = await db.Pledges.SingleAsync(p => p.Pledger!.Name == "Mantle");
            mantle.Status = PledgeStatus.Withdrawn;
            await db.SaveChangesAsync();
        }

        var figures = await _db.Figures.RefreshAsync();

        Assert.Equal("13500", figures.PledgedEth.ToString());
        Assert.Equal("7500", figures.OutstandingProposedEth.ToString());
        Assert.Equal("55400", figures.UncoveredIfAllArriveEth.ToString());
    }

    [Fact]
    public async Task As_of_moves_forward_to_the_rescues_updated_at_after_a_transfer_is_saved()
    {
        var before = _db.Figures.Current.AsOf;
        var mantle = await _db.PledgeAsync("Mantle");
        await _db.AddTransferAsync(mantle.Id, mantle.AssetId!.Value, Ether);

        var figures = await _db.Figures.RefreshAsync();

        Assert.True(figures.AsOf > before, $"asOf {figures.AsOf:O} did not move past {before:O}");
        Assert.Equal(await UpdatedAtAsync(), figures.AsOf);
    }

    [Fact]
    public async Task As_of_moves_forward_after_an_asset_rate_is_saved()
    {
        var before = _db.Figures.Current.AsOf;
        await using (var db = _db.CreateContext())
        {
            var stEth = await db.Assets.SingleAsync(a => a.Symbol == "stETH");
            db.AssetRates.Add(new AssetRate { AssetId = stEth.Id, EthRate = "0.99", EffectiveAt = DateTimeOffset.UtcNow, Source = "https://example.org/rate" });
            await db.SaveChangesAsync();
        }

        var figures = await _db.Figures.RefreshAsync();

        Assert.True(figures.AsOf > before, $"asOf {figures.AsOf:O} did not move past {before:O}");
        Assert.Equal(await UpdatedAtAsync(), figures.AsOf);
    }

    [Fact]
    public async Task As_of_moves_forward_after_a_pledge_status_change_is_saved()
    {
        var before = _db.Figures.Current.AsOf;
        await using (var db = _db.CreateContext())
        {
            var lido = await db.Pledges.SingleAsync(p => p.Pledger!.Name == "Lido Finance");
            db.PledgeStatusChanges.Add(new PledgeStatusChange
            {
                PledgeId = lido.Id, From = PledgeStatus.Proposed, To = PledgeStatus.Committed, At = DateTimeOffset.UtcNow,
                Reason = "DAO vote passed", Actor = "alice",
            });
            lido.Status = PledgeStatus.Committed;
            await db.SaveChangesAsync();
        }

        var figures = await _db.Figures.RefreshAsync();

        Assert.True(figures.AsOf > before, $"asOf {figures.AsOf:O} did not move past {before:O}");
        Assert.Equal(await UpdatedAtAsync(), figures.AsOf);
        Assert.Equal("8500", figures.OutstandingCommittedEth.ToString());
        Assert.Equal("35000", figures.OutstandingProposedEth.ToString());
    }

    private async Task<DateTimeOffset> UpdatedAtAsync()
    {
        await using var db = _db.CreateContext();
        return (await db.Rescues.SingleAsync()).UpdatedAt;
    }
}
