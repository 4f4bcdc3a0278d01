using System.Numerics;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Features.Ledger.Pages;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Pages;

/// <summary>The admin grid of every transfer: attributed or not, confirmed or pending, filtered and searched in SQL.</summary>
public class AdminTransferGridTests : AdminComponentTest
{
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);

    private static List<(string Amount, string Pledge, bool CanAttribute)> Rows<T>(IRenderedComponent<T> grid) where T : IComponent =>
        grid.FindAll("tbody tr.mud-table-row").Select(r => (
            r.QuerySelector("td[data-label=Amount]")!.TextContent.Trim(),
            r.QuerySelector("td[data-label=Pledge]")!.TextContent.Trim(),
            r.QuerySelector("td[data-label=Actions] a") is not null)).ToList();

    /// <summary>Three transfers in ETH, in this order: 1 ETH to EtherFi Foundation confirmed, 2 ETH unattributed confirmed, 3 ETH unattributed pending.</summary>
    private async Task<int> ThreeTransfersAsync()
    {
        var etherFi = await Database.PledgeAsync("EtherFi Foundation");
        var eth = await Database.AssetAsync("ETH");
        await Database.AddTransferAsync(etherFi.Id, eth.Id, 1 * Ether);
        await Database.AddTransferAsync(null, eth.Id, 2 * Ether);
        await Database.AddTransferAsync(null, eth.Id, 3 * Ether, confirmed: false);
        return etherFi.Id;
    }

    [Fact]
    public async Task Every_transfer_is_listed_with_its_pledge_and_only_unattributed_ones_offer_attribution()
    {
        await ThreeTransfersAsync();

        var grid = this.RenderPage<AdminTransfersPage>();

        grid.WaitForAssertion(() => Assert.Equal(3, Rows(grid).Count));
        Assert.Equal("Transfers", grid.Find("h1").TextContent);
        Assert.Equal(
            [("3 ETH", "unattributed", true), ("2 ETH", "unattributed", true), ("1 ETH", "EtherFi Foundation", false)],
            Rows(grid).OrderByDescending(r => r.Amount).ToList());
        Assert.Contains("1-3 of 3", grid.Find(".mud-table-pagination").TextContent);
    }

    [Fact]
    public async Task The_unattributed_address_opens_the_grid_filtered_to_unattributed_inflows()
    {
        await ThreeTransfersAsync();
        Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/transfers/unattributed");

        var grid = this.RenderPage<AdminTransfersPage>();

        grid.WaitForAssertion(() => Assert.Equal(2, Rows(grid).Count));
        Assert.Equal("Unattributed inflows", grid.Find("h1").TextContent);
        Assert.All(Rows(grid), r => Assert.Equal(("unattributed", true), (r.Pledge, r.CanAttribute)));
    }

    [Fact]
    public async Task Attribution_state_and_a_pledger_search_narrow_the_grid()
    {
        var etherFiId = await ThreeTransfersAsync();
        var grid = this.RenderPage<AdminTransfersPage>();
        grid.WaitForAssertion(() => Assert.Equal(3, Rows(grid).Count));

        await grid.ChooseAsync("Attribution", "attributed to a pledge");
        grid.WaitForAssertion(() => Assert.Equal([("1 ETH", "EtherFi Foundation", false)], Rows(grid)));
        Assert.Equal($"/pledges/{etherFiId}", grid.Find("td[data-label=Pledge] a").GetAttribute("href"));

        await grid.ChooseAsync("Attribution", "any");
        await grid.ChooseAsync("State", "pending");
        grid.WaitForAssertion(() => Assert.Equal([("3 ETH", "unattributed", true)], Rows(grid)));

        await grid.ChooseAsync("State", "any");
        await grid.FillAsync("Transaction, sender or pledger contains", "etherfi");
        grid.WaitForAssertion(() => Assert.Equal([("1 ETH", "EtherFi Foundation", false)], Rows(grid)));
    }

    [Fact]
    public async Task With_no_transfer_read_yet_the_grid_says_so_rather_than_blaming_a_filter()
    {
        await using (var db = Database.CreateContext()) Assert.Equal(0, await db.Transfers.CountAsync());

        var grid = this.RenderPage<AdminTransfersPage>();

        grid.WaitForAssertion(() => Assert.Contains("No transfer has been read from a chain yet.", grid.Markup));
    }
}
