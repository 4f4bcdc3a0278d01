using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RescueTracker.Chain;
using RescueTracker.Tests.Features.Api;
using RescueTracker.Tests.Features.Exports;
using RescueTracker.Tests.Infrastructure;
using static RescueTracker.Tests.Features.Contributors.ContributorLedger;

namespace RescueTracker.Tests.Features.Contributors;

/// <summary>
/// The contributors' filters (chainId, pledgeId, attributed, as the transfer list reads them) on <see cref="ContributorLedger"/>,
/// in the API, the page (a GET form, sort links that keep them) and GET /api/export/contributors.csv.
/// </summary>
public class ContributorFilterTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<IDocument> PageAsync(string path)
    {
        var response = await _app.CreateClient().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {response.StatusCode}:\n{html}");
        return new HtmlParser().ParseDocument(html);
    }

    [Fact]
    public async Task Filters_narrow_the_api_to_the_transfers_they_select()
    {
        var lido = await _app.PledgeIdAsync("Lido Finance");

        async Task<List<(string?, string?)>> Rows(string query) =>
            (await _app.GetJsonAsync("/api/contributors" + query)).EnumerateArray().Select(r => (r.Str("address"), r.Str("totalEth"))).ToList();

        Assert.Equal([(D, "123456789012.34567890123456789"), (A, "1")], await Rows("?attributed=false"));
        Assert.Equal([(B, "200"), (A, "147.49"), (C, "0.4")], await Rows("?attributed=true"));
        Assert.Equal([(A, "147.49")], await Rows($"?pledgeId={lido}"));
        Assert.Equal([(A, "1"), (D, "123456789012.34567890123456789")], await Rows("?attributed=false&sort=newest"));
        Assert.Empty(await Rows("?chainId=42161"));
        Assert.Equal(5, (await Rows("?chainId=1")).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?attributed=false")]
    [InlineData("?chainId=1&sort=newest")]
    [InlineData("?pledgeId={lido}")]
    [InlineData("?chainId=42161")]
    public async Task Contributors_csv_has_the_rows_and_exact_fields_of_the_json_list_with_the_same_filters(string query)
    {
        query = query.Replace("{lido}", (await _app.PledgeIdAsync("Lido Finance")).ToString());
        var client = _app.CreateClient();

        var csv = await Csv.ReadAsync(await client.GetAsync("/api/export/contributors.csv" + query), "contributors.csv");
        var json = (await Json.ReadAsync(await client.GetAsync("/api/contributors" + query + (query == "" ? "?" : "&") + "limit=1000")))
            .EnumerateArray().ToList();

        Assert.Equal(["address", "chainId", "pledgeId", "pledger", "transfers", "totalEth"], csv.Header);
        Assert.Equal(json.Count, csv.Rows.Count);
        foreach (var (row, contributor) in csv.Rows.Zip(json))
        {
            Assert.Equal(contributor.Str("address"), row["address"]);
            Assert.Equal(contributor.GetProperty("chainId").GetRawText(), row["chainId"]);
            Assert.Equal(contributor.GetProperty("transfers").GetRawText(), row["transfers"]);
            Assert.Equal(contributor.Str("totalEth"), row["totalEth"]);
            var pledge = contributor.GetProperty("pledgeId");
            Assert.Equal(pledge.ValueKind == JsonValueKind.Null ? "" : pledge.GetRawText(), row["pledgeId"]);
        }
    }

    [Fact]
    public async Task Contributors_csv_totals_equal_the_delivered_figure_exactly()
    {
        var client = _app.CreateClient();
        var all = await Csv.ReadAsync(await client.GetAsync("/api/export/contributors.csv"), "contributors.csv");
        var unattributed = await Csv.ReadAsync(await client.GetAsync("/api/export/contributors.csv?attributed=false"), "contributors.csv");
        var summary = await _app.GetJsonAsync("/api/summary");

        Assert.Equal(summary.Str("deliveredEth"), ExactDecimal.Sum(all.Rows.Select(r => ExactDecimal.Parse(r["totalEth"]))).ToString());
        Assert.Equal("123456789013.34567890123456789", ExactDecimal.Sum(unattributed.Rows.Select(r => ExactDecimal.Parse(r["totalEth"]))).ToString());
        Assert.Equal(["Lido Finance", ""], all.Rows.Where(r => r["address"] == A).Select(r => r["pledger"]));
    }

    [Theory]
    [InlineData("attributed=yes", "attributed")]
    [InlineData("chainId=abc", "chainId")]
    [InlineData("pledgeId=0", "pledgeId")]
    [InlineData("sort=biggest", "sort")]
    [InlineData("chainId=1&chainId=1", "chainId")]
    public async Task A_bad_filter_is_a_400_problem_naming_it_in_the_api_and_the_export(string query, string parameter)
    {
        foreach (var path in new[] { "/api/contributors", "/api/export/contributors.csv" })
        {
            var response = await _app.CreateClient().GetAsync($"{path}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(parameter, (await Json.ReadAsync(response)).Str("parameter"));
        }
    }

    [Fact]
    public async Task The_page_filters_by_a_get_form_and_its_sort_links_pager_and_export_keep_the_filters()
    {
        var page = await PageAsync("/contributors?attributed=false&sort=newest");

        Assert.Equal([$"{A} | 1 | unattributed | 1 | 1 ETH", $"{D} | 1 | unattributed | 1 | ≈ 123,456,789,012.3456 ETH"],
            page.QuerySelectorAll(".contributors tbody tr").Select(r => string.Join(" | ", r.Children.Select(c => c.Text()))));
        var form = page.QuerySelector("form.filter-form")!;
        Assert.Equal(("get", "/contributors"), (form.GetAttribute("method"), form.GetAttribute("action")));
        Assert.Equal(["sort", "chainId", "pledgeId", "attributed"],
            form.QuerySelectorAll("input[name], select[name]").Select(f => f.GetAttribute("name")));
        Assert.Equal("newest", form.QuerySelector("input[name=sort]")!.GetAttribute("value"));
        Assert.Equal("false", form.QuerySelector("select[name=attributed] option[selected]")!.GetAttribute("value"));
        Assert.Equal(
            ["/contributors?attributed=false", "/contributors?attributed=false&sort=newest", "/contributors?attributed=false&sort=transfers"],
            page.QuerySelectorAll("nav.sort-links a").Select(a => a.GetAttribute("href")));
        Assert.Equal("/api/export/contributors.csv?attributed=false&sort=newest",
            page.QuerySelectorAll("p.note a").Single(a => a.Text() == "Export CSV").GetAttribute("href"));
        Assert.Equal("2 wallets and 2 confirmed transfers counted, ≈ 123,456,789,013.3456 ETH in all.", page.QuerySelector(".contributor-counts")!.Text());
    }

    [Fact]
    public async Task A_filter_that_matches_nothing_says_so_and_links_back()
    {
        var page = await PageAsync("/contributors?chainId=42161");

        Assert.Contains("No confirmed transfer matches this filter.", page.QuerySelector(".empty")!.Text());
        Assert.Equal("/contributors", page.QuerySelector(".empty a")!.GetAttribute("href"));
    }
}
