using System.Numerics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Data;
using RescueTracker.Features.Figures;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Api;

/// <summary>A write followed by a refresh is what the API serves next: the kept figures are not stale.</summary>
public class LiveFiguresApiTests(AppFixture<CustomSeed> fixture) : IClassFixture<AppFixture<CustomSeed>>
{
    private readonly TestApp _app = fixture.App;

    [Fact]
    public async Task Transfers_written_to_the_ledger_show_in_the_summary_and_the_pledge_after_a_refresh()
    {
        var client = _app.CreateClient();
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<RescueDbContext>>().CreateDbContextAsync())
        {
            var lido = await db.Pledges.Include(p => p.Asset).SingleAsync(p => p.Pledger!.Name == "Lido Finance");
            var mantle = await db.Pledges.SingleAsync(p => p.Pledger!.Name == "Mantle");
            var ether = BigInteger.Pow(10, 18);
            db.Transfers.AddRange(
                Transfer(1, lido.Id, lido.AssetId!.Value, 100 * ether, confirmed: true),
                Transfer(2, mantle.Id, mantle.AssetId!.Value, 50 * ether, confirmed: true),
                Transfer(3, lido.Id, lido.AssetId!.Value, 400 * ether, confirmed: false));
            await db.SaveChangesAsync();
        }
        await _app.Services.GetRequiredService<FiguresService>().RefreshAsync();

        var summary = await Json.ReadAsync(await client.GetAsync("/api/summary"));
        // 100 stETH × 0.98 to Lido, plus 50 ETH to the withdrawn Mantle pledge; the pending 400 counts nowhere.
        Assert.Equal("148", summary.Str("deliveredEth"));
        Assert.Equal("392", summary.Str("outstandingProposedEth"));
        Assert.Equal("200.4", summary.Str("outstandingCommittedEth"));
        Assert.Equal("690.4", summary.Str("pledgedEth"));
        Assert.Equal("752", summary.Str("uncoveredNowEth"));
        Assert.Equal("159.6", summary.Str("uncoveredIfAllArriveEth"));

        var lidoDetail = await Json.ReadAsync(await client.GetAsync("/api/pledges/1"));
        Assert.Equal("100", lidoDetail.Str("received"));
        Assert.Equal("98", lidoDetail.Str("receivedEth"));
        Assert.Equal(["pending", "confirmed"], lidoDetail.GetProperty("transfers").EnumerateArray().Select(t => t.Str("status")));
    }

    private static Transfer Transfer(int n, int pledgeId, int assetId, BigInteger amount, bool confirmed) => new()
    {
        ChainId = 1, TxHash = "0x" + n.ToString("x64"), Kind = TransferKind.Native, Position = "", BlockNumber = 22_000_000 + n,
        BlockHash = "0x" + (n + 1000).ToString("x64"), From = "0x1111111111111111111111111111111111111111",
        To = "0x2222222222222222222222222222222222222222", AssetId = assetId, Amount = amount, Confirmed = confirmed,
        PledgeId = pledgeId, SeenAt = DateTimeOffset.UtcNow,
    };
}
