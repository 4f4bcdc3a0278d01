using System.Net;
using AngleSharp.Html.Parser;
using RescueTracker.Tests.Features.Api;
using RescueTracker.Tests.Features.Exports;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Transfers;

/// <summary>
/// The transfer list's order on <see cref="ExportLedger"/> (blocks 100-103 to pledges, 200 on unattributed): newest first
/// by default, <c>sort=oldest</c> in the API, the export and the page, whose sort links keep the filters.
/// </summary>
public class TransferSortTests(AppFixture<ExportLedger> fixture) : IClassFixture<AppFixture<ExportLedger>>
{
    private readonly TestApp _app = fixture.App;

    private async Task<List<long>> BlocksAsync(string query) =>
        (await _app.GetJsonAsync("/api/transfers" + query)).EnumerateArray().Select(t => t.GetProperty("blockNumber").GetInt64()).ToList();

    [Fact]
    public async Task Oldest_first_reverses_the_order_in_the_api_and_the_export()
    {
        Assert.Equal([100, 101, 102, 103], await BlocksAsync("?attributed=true&sort=oldest"));
        Assert.Equal([103, 102, 101, 100], await BlocksAsync("?attributed=true"));
        Assert.Equal([103, 102, 101, 100], await BlocksAsync("?attributed=true&sort=newest"));
        Assert.Equal([100, 101], await BlocksAsync("?sort=oldest&limit=2"));

        var csv = await Csv.ReadAsync(await _app.CreateClient().GetAsync("/api/export/transfers.csv?attributed=true&sort=oldest"), "transfers.csv");
        Assert.Equal(["100", "101", "102", "103"], csv.Rows.Select(r => r["blockNumber"]));
    }

    [Fact]
    public async Task A_bad_sort_is_a_400_naming_it()
    {
        var response = await _app.CreateClient().GetAsync("/api/transfers?sort=largest");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("sort", (await Json.ReadAsync(response)).Str("parameter"));
    }

    [Fact]
    public async Task Sort_links_keep_the_filters_and_the_export_link_keeps_filters_and_order()
    {
        var html = await _app.CreateClient().GetStringAsync("/transfers?attributed=true&sort=oldest&offset=2");
        var page = new HtmlParser().ParseDocument(html);

        Assert.Equal(["/transfers?attributed=true", "/transfers?attributed=true&sort=oldest"],
            page.QuerySelectorAll("nav.sort-links a").Select(a => a.GetAttribute("href")));
        Assert.Equal("true", page.QuerySelector("nav.sort-links a[href='/transfers?attributed=true&sort=oldest']")!.GetAttribute("aria-current"));
        Assert.Equal("/api/export/transfers.csv?attributed=true&sort=oldest",
            page.QuerySelectorAll("p.note a").Single(a => a.TextContent == "Export CSV").GetAttribute("href"));
        Assert.Equal("oldest", page.QuerySelector("form.filter-form input[type=hidden][name=sort]")!.GetAttribute("value"));
        Assert.Contains("oldest first", page.QuerySelector("caption")!.TextContent);
    }
}
