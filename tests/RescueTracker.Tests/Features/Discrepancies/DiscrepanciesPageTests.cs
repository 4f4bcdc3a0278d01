using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RescueTracker.Tests.Infrastructure;
using static RescueTracker.Tests.Features.Discrepancies.DiscrepancyLedger;

namespace RescueTracker.Tests.Features.Discrepancies;

/// <summary>
/// /discrepancies and the pledge page's link to it, read as plain HTTP GETs (no script runs): the rows, the GET filter
/// form, sort links and the export link that keep the filters in the URL, the empty state and a bad filter's 400.
/// </summary>
public sealed class DiscrepanciesPageTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => (_app, _) = await StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<IDocument> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await _app.CreateClient().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {path} answered {response.StatusCode}:\n{html}");
        return new HtmlParser().ParseDocument(html);
    }

    private static List<string> Rows(IDocument page) =>
        page.QuerySelectorAll(".discrepancies tbody tr").Select(r => string.Join(" | ", r.Children.Select(c => c.Text()))).ToList();

    private static Dictionary<string, string> Facts(IDocument page) =>
        page.QuerySelectorAll(".facts div").ToDictionary(d => d.QuerySelector("dt")!.Text(), d => d.QuerySelector("dd")!.Text());

    private static string Href(IDocument page, string selector, string text) =>
        page.QuerySelectorAll(selector).Single(a => a.Text() == text).GetAttribute("href")!;

    [Fact]
    public async Task The_page_lists_every_discrepancy_newest_first_without_script()
    {
        var page = await GetAsync("/discrepancies");

        Assert.Equal(
        [
            "Partly paid past its deadline | Partial | Received 2.5 of 10 ETH and the deadline 2026-05-01 has passed: 7.5 ETH still to arrive. | 2026-05-02T00:00:00Z",
            "Still proposed past its deadline | Proposal | 30,000 ETH still proposed after its vote deadline 2026-04-30. | 2026-05-01T00:00:00Z",
            $"Unattributed inflow | none | 1.5 ETH from {Stranger} (transaction {StrangerTx}, block 7 on chain 1) is attributed to no pledge. | 2026-04-28T17:45:00Z",
            "Over-delivered | Over | Received 7 ETH against 5 ETH pledged: 2 ETH more. | 2026-04-27T10:30:00Z",
            "Committed without evidence | Quiet | Committed with no evidence: no governance link or source on the pledge, and none on the status change that committed it. | 2026-04-25T12:00:00Z",
        ], Rows(page));
        Assert.Equal("Discrepancies 1–5 of 5, newest first", page.QuerySelector(".discrepancies caption")!.Text());
        Assert.Equal($"/pledges/{await _app.PledgeIdAsync("Over")}", Href(page, ".discrepancies a", "Over"));
        Assert.Equal("/api/export/discrepancies.csv", Href(page, "a", "Export CSV"));
        Assert.Equal("/discrepancies", Href(page, "header.site-header nav a", "Discrepancies"));
        Html.AssertNoScript([page.QuerySelector("main")!]);
    }

    [Fact]
    public async Task The_filter_form_is_a_get_form_and_sort_and_export_links_keep_the_filters()
    {
        var page = await GetAsync("/discrepancies?kind=overDelivered");

        var form = page.QuerySelector("form.filter-form")!;
        Assert.Equal(("get", "/discrepancies"), (form.GetAttribute("method"), form.GetAttribute("action")));
        Assert.Equal("overDelivered", form.QuerySelector("select[name=kind] option[selected]")!.GetAttribute("value"));
        Assert.Equal(["", "unattributedInflow", "overDelivered", "partialPastDeadline", "proposalPastDeadline", "committedWithoutEvidence"],
            form.QuerySelectorAll("select[name=kind] option").Select(o => o.GetAttribute("value")));
        Assert.Single(Rows(page));
        Assert.Equal("/discrepancies?kind=overDelivered&sort=since-asc", Href(page, ".sort-links a", "Since"));
        Assert.Equal("/discrepancies?kind=overDelivered&sort=kind-asc", Href(page, ".sort-links a", "Kind"));
        Assert.Equal("/api/export/discrepancies.csv?kind=overDelivered", Href(page, "a", "Export CSV"));

        var sorted = await GetAsync("/discrepancies?sort=kind-asc");
        Assert.Equal(["Unattributed inflow", "Over-delivered", "Partly paid past its deadline", "Still proposed past its deadline", "Committed without evidence"],
            Rows(sorted).Select(r => r.Split(" | ")[0]));
        Assert.Equal("true", sorted.QuerySelectorAll(".sort-links a").Single(a => a.Text() == "Kind").GetAttribute("aria-current"));
        Assert.Equal("/discrepancies?sort=kind-desc", Href(sorted, ".sort-links a", "Kind"));
        // The order rides along with the next filter chosen.
        Assert.Equal("kind-asc", sorted.QuerySelector("form.filter-form input[name=sort]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task No_match_shows_the_empty_state_and_a_bad_filter_answers_400_with_its_reason()
    {
        var empty = await GetAsync($"/discrepancies?kind=overDelivered&pledgeId={await _app.PledgeIdAsync("Future")}");
        Assert.Empty(Rows(empty));
        Assert.Equal("No discrepancy matches these filters.", empty.QuerySelector(".empty")!.Text());

        var bad = await GetAsync("/discrepancies?kind=late", HttpStatusCode.BadRequest);
        Assert.StartsWith("'late' is not a valid kind: use one of unattributedInflow, overDelivered,", bad.QuerySelector("[role=alert]")!.Text());
        await GetAsync("/discrepancies?page=2", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_pledge_page_shows_its_vote_deadline_and_links_to_its_discrepancies_only_when_it_has_some()
    {
        var partial = await _app.PledgeIdAsync("Partial");
        var page = await GetAsync($"/pledges/{partial}");

        Assert.Equal("2026-05-01", Facts(page)["Vote deadline"]);
        Assert.Equal("1 discrepancy names this pledge: see what does not add up.", page.QuerySelector(".flag-discrepancies")!.Text());
        Assert.Equal($"/discrepancies?pledgeId={partial}", page.QuerySelector(".flag-discrepancies a")!.GetAttribute("href"));

        var future = await GetAsync($"/pledges/{await _app.PledgeIdAsync("Future")}");
        Assert.Null(future.QuerySelector(".flag-discrepancies"));
        Assert.Equal("2026-06-01", Facts(future)["Vote deadline"]);
    }
}
