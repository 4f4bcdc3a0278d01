using System.Net;
using System.Numerics;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Infrastructure;
using static RescueTracker.Tests.Features.Contributors.ContributorLedger;

namespace RescueTracker.Tests.Features.Contributors;

/// <summary>/contributors: a static page of 50 rows, sorted and paged by plain links whose state is in the URL.</summary>
public class ContributorsPageTests
{
    private static async Task<IDocument> GetAsync(TestApp app, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await app.CreateClient().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {path} answered {response.StatusCode}:\n{html}");
        return new HtmlParser().ParseDocument(html);
    }

    private static List<string> Rows(IDocument page) =>
        page.QuerySelectorAll(".contributors tbody tr").Select(r => string.Join(" | ", r.Children.Select(c => c.Text()))).ToList();

    [Fact]
    public async Task Page_counts_wallets_and_transfers_and_lists_them_largest_first()
    {
        await using var app = await StartAsync();

        var page = await GetAsync(app, "/contributors");

        Assert.Equal("4 wallets and 6 confirmed transfers counted, ≈ 123,456,789,361.2356 ETH in all.", page.QuerySelector(".contributor-counts")!.Text());
        Assert.Equal(
        [
            $"{D} | 1 | unattributed | 1 | ≈ 123,456,789,012.3456 ETH",
            $"{B} | 1 | Stani | 1 | 200 ETH",
            $"{A} | 1 | Lido Finance | 2 | 147.49 ETH",
            $"{A} | 1 | unattributed | 1 | 1 ETH",
            $"{C} | 1 | Tether | 1 | 0.4 ETH",
        ], Rows(page));
        Assert.Equal("123456789012.34567890123456789", page.QuerySelector(".contributors tbody data")!.GetAttribute("value"));
        Assert.Equal($"/pledges/{await app.PledgeIdAsync("Stani")}", page.QuerySelectorAll(".contributors tbody a")[0].GetAttribute("href"));
        Assert.Equal("Contributors 1–5 of 5, largest ETH-eq total first", page.QuerySelector(".contributors caption")!.Text());
        Assert.Null(page.QuerySelector("nav.pager"));
        Html.AssertNoScript(page.QuerySelectorAll("main"));
    }

    [Fact]
    public async Task Sort_links_keep_the_order_in_the_url()
    {
        await using var app = await StartAsync();

        var first = await GetAsync(app, "/contributors");
        var links = first.QuerySelectorAll("nav.sort-links a").ToDictionary(a => a.Text(), a => a.GetAttribute("href"));
        var newest = await GetAsync(app, links["latest transfer first"]!);

        Assert.Equal(new Dictionary<string, string?>
        {
            ["largest ETH-eq total first"] = "/contributors",
            ["latest transfer first"] = "/contributors?sort=newest",
            ["most transfers first"] = "/contributors?sort=transfers",
        }, links);
        Assert.Equal([C, A, A, B, D], newest.QuerySelectorAll(".contributors tbody th code").Select(c => c.Text()));
        Assert.Equal("true", newest.QuerySelector("nav.sort-links a[href='/contributors?sort=newest']")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task Fifty_rows_to_a_page_with_next_and_previous_links()
    {
        await using var app = new TestApp(new Api.CustomSeed().Options);
        // 51 wallets sending 1 to 51 ETH, one transfer each: the smallest lands alone on page 2.
        await app.WriteAsync(async db =>
        {
            var eth = await db.Assets.Where(a => a.Symbol == "ETH").Select(a => a.Id).SingleAsync();
            for (var i = 1; i <= 51; i++)
                db.Transfers.Add(new Transfer
                {
                    ChainId = 1, TxHash = $"0x{i:x64}", Kind = TransferKind.Native, Position = "", BlockNumber = i, BlockHash = $"0x{i:x64}",
                    From = $"0x{i:x40}", To = "0x2222222222222222222222222222222222222222", AssetId = eth,
                    Amount = i * BigInteger.Pow(10, 18), Confirmed = true, SeenAt = FixedClock.SeedTime,
                });
        });

        var one = await GetAsync(app, "/contributors");
        var next = one.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!;
        var two = await GetAsync(app, next);
        var oldestFirstPageTwo = await GetAsync(app, "/contributors?sort=newest&page=2");

        Assert.Equal(50, Rows(one).Count);
        Assert.Equal("Page 1 of 2", one.QuerySelector(".pager-range")!.Text());
        Assert.Equal("/contributors?page=2", next);
        Assert.Equal([$"0x{1:x40} | 1 | unattributed | 1 | 1 ETH"], Rows(two));
        Assert.Equal("/contributors", two.QuerySelector("nav.pager a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal([$"0x{1:x40}"], oldestFirstPageTwo.QuerySelectorAll(".contributors tbody th code").Select(c => c.Text()));
        Assert.Equal("/contributors?sort=newest", oldestFirstPageTwo.QuerySelector("nav.pager a[rel=prev]")!.GetAttribute("href"));
        await GetAsync(app, "/contributors?page=3", HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("page=0", "'0' is not a valid page")]
    [InlineData("page=two", "'two' is not a valid page")]
    [InlineData("sort=biggest", "'biggest' is not a valid sort")]
    [InlineData("page=1&page=2", "'page' is given 2 times")]
    public async Task Bad_parameters_are_a_400_page_that_says_why(string query, string detail)
    {
        await using var app = new TestApp(new Api.CustomSeed().Options);

        var page = await GetAsync(app, "/contributors?" + query, HttpStatusCode.BadRequest);

        Assert.Contains(detail, page.QuerySelector("[role=alert]")!.Text());
        Assert.Null(page.QuerySelector(".contributors"));
    }

    [Fact]
    public async Task Dashboard_and_header_link_to_the_contributors()
    {
        await using var app = new TestApp(new Api.CustomSeed().Options);

        var dashboard = await GetAsync(app, "/");

        Assert.NotNull(dashboard.QuerySelector("header nav a[href='/contributors']"));
        Assert.Equal("Who sent what, wallet by wallet", dashboard.QuerySelector("main a.contributors-link")!.Text());
        Assert.Equal("/contributors", dashboard.QuerySelector("main a.contributors-link")!.GetAttribute("href"));
    }
}
