using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RescueTracker.Tests.Features.Api;
using RescueTracker.Tests.Features.Exports;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Pledges;

/// <summary>
/// The pledge list's filters on the shipped seed: status and terms as GET parameters, read alike by /pledges, /api/pledges
/// and /api/export/pledges.csv; sort links and the export link keep them.
/// </summary>
public class PledgeFilterTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<IDocument> PageAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await app.CreateClient().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {path} answered {response.StatusCode}:\n{html}");
        return new HtmlParser().ParseDocument(html);
    }

    private async Task<List<string?>> PledgersAsync(string query) =>
        (await app.GetJsonAsync("/api/pledges" + query)).EnumerateArray().Select(p => p.Str("pledger")).ToList();

    [Fact]
    public async Task Status_and_terms_narrow_the_json_list_to_the_pledges_that_have_them()
    {
        var all = (await app.GetJsonAsync("/api/pledges")).EnumerateArray().ToList();

        Assert.Equal(["Mantle"], await PledgersAsync("?terms=loan"));
        Assert.Equal(["Lido Finance"], await PledgersAsync("?terms=conditional"));
        Assert.Equal(["Lido Finance"], await PledgersAsync("?status=proposed&terms=conditional"));
        foreach (var status in new[] { "proposed", "committed", "delivered", "withdrawn" })
            Assert.Equal(all.Where(p => p.Str("status") == status).Select(p => p.Str("pledger")), await PledgersAsync($"?status={status}"));
        Assert.Equal(all.Count, (await PledgersAsync("?status=&terms=")).Count);
    }

    [Theory]
    [InlineData("?terms=loan")]
    [InlineData("?status=committed")]
    [InlineData("")]
    public async Task Pledges_csv_has_the_rows_of_the_json_list_with_the_same_filters(string query)
    {
        var csv = await Csv.ReadAsync(await app.CreateClient().GetAsync("/api/export/pledges.csv" + query), "pledges.csv");

        Assert.Equal(await PledgersAsync(query), csv.Rows.Select(r => (string?)r["pledger"]));
    }

    [Theory]
    [InlineData("status=voted", "status")]
    [InlineData("terms=Loan", "terms")]
    [InlineData("status=proposed&status=committed", "status")]
    public async Task A_bad_filter_is_a_400_naming_it_in_the_api_the_export_and_the_page(string query, string parameter)
    {
        foreach (var path in new[] { "/api/pledges", "/api/export/pledges.csv" })
        {
            var response = await app.CreateClient().GetAsync($"{path}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(parameter, (await Json.ReadAsync(response)).Str("parameter"));
        }
        var page = await PageAsync($"/pledges?{query}", HttpStatusCode.BadRequest);
        Assert.Contains($"{parameter}", page.QuerySelector("[role=alert]")!.Text());
    }

    [Fact]
    public async Task The_page_filters_by_a_get_form_and_its_sort_links_and_export_keep_the_filters()
    {
        var page = await PageAsync("/pledges?terms=loan&sort=pledger-asc");

        Assert.Equal(["Mantle"], page.QuerySelectorAll(".pledges tbody th").Select(th => th.Text().Trim()));
        var form = page.QuerySelector("form.filter-form")!;
        Assert.Equal(("get", "/pledges"), (form.GetAttribute("method"), form.GetAttribute("action")));
        Assert.Equal(["sort", "status", "terms"], form.QuerySelectorAll("input[name], select[name]").Select(f => f.GetAttribute("name")));
        Assert.Equal("pledger-asc", form.QuerySelector("input[name=sort]")!.GetAttribute("value"));
        Assert.Equal("loan", form.QuerySelector("select[name=terms] option[selected]")!.GetAttribute("value"));
        var sorts = page.QuerySelectorAll("nav.sort-links a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(5, sorts.Count);
        Assert.All(sorts, href => Assert.StartsWith("/pledges?terms=loan", href));
        Assert.Contains("/pledges?terms=loan&sort=pledger-desc", sorts);
        Assert.Equal("/api/export/pledges.csv?terms=loan", page.QuerySelectorAll("p.note a").Single(a => a.Text() == "Export CSV").GetAttribute("href"));
    }

    [Fact]
    public async Task A_filter_that_matches_nothing_says_so_and_links_back()
    {
        var page = await PageAsync("/pledges?status=delivered");

        Assert.Contains("No pledge matches this filter.", page.QuerySelector(".empty")!.Text());
        Assert.Equal("/pledges", page.QuerySelector(".empty a")!.GetAttribute("href"));
    }
}
