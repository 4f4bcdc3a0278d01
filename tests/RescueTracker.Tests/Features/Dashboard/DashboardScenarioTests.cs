using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Dashboard;

/// <summary>
/// The dashboard's scenarios on the shipped seed: beside the headline figures, what stays uncovered if the conditional
/// pledge (Lido, 2,500) or the loan (Mantle, 30,000) never arrives, each a link keeping the scenario in the URL.
/// </summary>
public class DashboardScenarioTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<IDocument> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await app.CreateClient().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {path} answered {response.StatusCode}:\n{html}");
        return new HtmlParser().ParseDocument(html);
    }

    private static string Figure(IDocument page, string name) => page.QuerySelector($".figure-{name} dd data")!.Text();

    private static List<(string Label, string? Href, string Uncovered)> Scenarios(IDocument page) =>
        page.QuerySelectorAll(".scenario-figures .scenario")
            .Select(s => (s.QuerySelector("dt")!.Text(), s.QuerySelector("dt a")?.GetAttribute("href"), s.QuerySelector("dd data")!.Text()))
            .ToList();

    [Fact]
    public async Task Dashboard_shows_what_stays_uncovered_under_each_scenario_as_links()
    {
        var page = await GetAsync("/");

        Assert.Equal(
        [
            ("If conditional pledges fail", "/?exclude=conditional", "27,900 ETH"),
            ("If loans are excluded", "/?exclude=loan", "55,400 ETH"),
            ("If both fail", "/?exclude=conditional,loan", "57,900 ETH"),
        ], Scenarios(page));
        Assert.Equal("25,400 ETH", Figure(page, "uncovered-if-all"));
        Assert.Null(page.QuerySelector(".scenario-note"));
    }

    [Fact]
    public async Task A_scenario_in_the_url_shows_the_dashboards_outstanding_figures_under_it_with_a_note_and_a_way_back()
    {
        var page = await GetAsync("/?exclude=conditional");

        Assert.Equal("35,000 ETH", Figure(page, "proposed"));
        Assert.Equal("6,000 ETH", Figure(page, "committed"));
        Assert.Equal("0 ETH", Figure(page, "delivered"));
        Assert.Equal("68,900 ETH", Figure(page, "uncovered-now"));
        Assert.Equal("27,900 ETH", Figure(page, "uncovered-if-all"));
        Assert.Equal("Uncovered if every other pledge arrives", page.QuerySelector(".figure-uncovered-if-all dt")!.Text());
        var note = page.QuerySelector(".scenario-note")!;
        Assert.Contains("Scenario: conditional pledges left out.", note.Text());
        Assert.Equal("/", note.QuerySelector("a")!.GetAttribute("href"));
        // The waterfall ends at the scenario's remainder too.
        Assert.Contains("27,900", page.QuerySelector("#waterfall-heading")!.ParentElement!.Text());
        Assert.Equal(
        [
            ("If every pledge arrives", "/", "25,400 ETH"),
            ("If conditional pledges fail", null, "27,900 ETH"),
            ("If loans are excluded", "/?exclude=loan", "55,400 ETH"),
            ("If both fail", "/?exclude=conditional,loan", "57,900 ETH"),
        ], Scenarios(page));
        Assert.Equal("page", page.QuerySelector(".scenario-conditional dt span")!.GetAttribute("aria-current"));
        Html.AssertNoScript(page.QuerySelectorAll("main"));
    }

    [Fact]
    public async Task Each_scenario_of_the_dashboard_is_its_own_cache_entry()
    {
        // Each page is stored before the next is asked for: a key without exclude would hand the first one back.
        var uncovered = new List<string>();
        foreach (var path in new[] { "/", "/?exclude=loan", "/?exclude=conditional,loan", "/", "/?exclude=loan" })
            uncovered.Add(Figure(await GetAsync(path), "uncovered-if-all"));

        Assert.Equal(["25,400 ETH", "55,400 ETH", "57,900 ETH", "25,400 ETH", "55,400 ETH"], uncovered);
    }

    [Fact]
    public async Task An_unknown_scenario_is_a_400_page_that_says_why_and_links_back()
    {
        var page = await GetAsync("/?exclude=grant", HttpStatusCode.BadRequest);

        var alert = page.QuerySelector("[role=alert]")!;
        Assert.Contains("'grant' is not a pledge term a scenario can leave out", alert.Text());
        Assert.Equal("/", alert.QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector(".figure-uncovered-if-all"));
    }
}
