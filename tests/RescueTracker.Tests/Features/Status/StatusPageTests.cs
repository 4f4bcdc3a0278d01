using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RescueTracker.Data;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Status;

/// <summary>/status and the dashboard's "checked up to" lines, over HTTP and parsed as HTML.</summary>
public class StatusPageTests(AppFixture<WatchedChains> fixture) : IClassFixture<AppFixture<WatchedChains>>
{
    private readonly TestApp _app = fixture.App;

    private async Task<IDocument> GetAsync(string path)
    {
        var response = await _app.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static string Text(IElement element) => string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private Task CatchingUpWithoutTracesAsync() => _app.SetScanStateAsync(new ChainScanState
    {
        ChainId = 1, StartBlock = 1001, LastScannedBlock = 1425, HeadBlock = 2000, ChainIdVerified = true, TracesSupported = false,
        LastError = "HTTP 429 from the node", LastErrorAt = new DateTimeOffset(2026, 4, 26, 8, 25, 0, TimeSpan.Zero),
    });

    [Fact]
    public async Task Status_page_is_a_table_with_a_caption_headers_and_one_row_per_chain()
    {
        await CatchingUpWithoutTracesAsync();

        var page = await GetAsync("/status");

        var table = page.QuerySelector(".chain-status table")!;
        Assert.NotNull(table.QuerySelector("caption"));
        Assert.All(table.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        Assert.Equal(["chain-1", "chain-10", "chain-42161"], table.QuerySelectorAll("tbody tr").Select(r => r.Id));
        RescueTracker.Tests.Infrastructure.Html.AssertNoScript([page.DocumentElement]);
    }

    [Fact]
    public async Task Watched_chain_row_shows_head_confirmed_block_lag_progress_and_the_last_error()
    {
        await CatchingUpWithoutTracesAsync();

        var row = (await GetAsync("/status")).GetElementById("chain-1")!;

        var cells = row.QuerySelectorAll("td").Select(Text).ToList();
        Assert.Equal("chain id verified", cells[0]);
        Assert.Equal(["2,000", "1,425", "1,425", "575", "42.5%"], cells.Skip(1).Take(5));
        Assert.Equal("0", cells[7]);
        Assert.Equal("12 / 64", cells[8]);
        Assert.Equal("HTTP 429 from the node at 2026-04-26T08:25:00Z", cells[10]);
    }

    [Fact]
    public async Task Node_without_traces_is_said_plainly_to_miss_internal_transfers()
    {
        await CatchingUpWithoutTracesAsync();

        var row = (await GetAsync("/status")).GetElementById("chain-1")!;

        Assert.Contains(
            "internal transfers (from contracts such as a Safe or a DAO treasury) are not being seen on this chain",
            Text(row));
    }

    [Fact]
    public async Task Chain_without_an_rpc_url_is_a_not_configured_row_naming_the_setting()
    {
        var row = (await GetAsync("/status")).GetElementById("chain-42161")!;

        Assert.Contains("Arbitrum One", Text(row.QuerySelector("th")!));
        var cell = row.QuerySelector("td.not-configured")!;
        Assert.Contains("not configured", Text(cell));
        Assert.Equal("Chains__42161__RpcUrl", Text(cell.QuerySelector("code")!));
    }

    [Fact]
    public async Task Configured_chain_missing_from_the_data_is_listed_as_such()
    {
        var row = (await GetAsync("/status")).GetElementById("chain-10")!;

        Assert.Contains("Chain 10", Text(row));
        Assert.Contains("configured but not in the data", Text(row));
    }

    [Fact]
    public async Task Dashboard_says_how_far_each_chain_has_been_checked()
    {
        await CatchingUpWithoutTracesAsync();

        var lines = (await GetAsync("/")).QuerySelectorAll("ul.checked-up-to li").Select(Text).ToList();

        Assert.Equal(
            ["Ethereum: checked up to block 1,425 (12 confirmations)", "Chain 10: no confirmed block checked yet", "Arbitrum One: not watched"],
            lines);
    }

    [Fact]
    public async Task Main_navigation_links_the_transfers_and_status_pages()
    {
        var nav = (await GetAsync("/status")).QuerySelector("nav[aria-label=Main]")!;

        var links = nav.QuerySelectorAll("a").Select(a => (a.GetAttribute("href"), Text(a))).ToList();
        Assert.Contains(("/transfers", "Transfers"), links);
        Assert.Contains(("/status", "Status"), links);
    }
}
