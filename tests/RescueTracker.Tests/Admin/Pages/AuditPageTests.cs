using System.Net;
using AngleSharp.Dom;

namespace RescueTracker.Tests.Admin.Pages;

public class AuditPageTests(LedgerPagesApp app) : IClassFixture<LedgerPagesApp>
{
    private static List<IElement> Entries(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelectorAll("li.audit-entry").ToList();

    private static string Action(IElement entry) => entry.QuerySelector(".audit-action")!.TextContent.Trim();

    private static Dictionary<string, (string Before, string After)> Diff(IElement entry) =>
        entry.QuerySelectorAll(".audit-diff tbody tr").ToDictionary(
            r => r.QuerySelector("th")!.TextContent.Trim(),
            r => (r.QuerySelector(".before")!.TextContent.Trim(), r.QuerySelector(".after")!.TextContent.Trim()));

    [Fact]
    public async Task Entering_committing_and_withdrawing_a_pledge_shows_three_rows_newest_first_named_after_the_pledger_with_field_diffs()
    {
        using var browser = await app.SignedInAsync();
        var id = await PledgeSeeding.EnterAsync(app, browser, "Audited Treasury", "1000", "proposed");
        await PledgeSeeding.ChangeStatusAsync(app, browser, id, "committed", "Vote 12 passed.", "https://vote.example/12");
        await PledgeSeeding.ChangeStatusAsync(app, browser, id, "withdrawn", "Funding fell through.", "https://news.example/fell-through");

        var (response, page) = await browser.GetAsync("/admin/audit?text=audited+treasury");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entries = Entries(page);
        Assert.Equal(["pledge.status", "pledge.status", "pledge.create"], entries.Select(Action));
        foreach (var entry in entries)
        {
            var link = entry.QuerySelector(".audit-record a")!;
            Assert.Equal(("Audited Treasury", $"/pledges/{id}"), (link.TextContent, link.GetAttribute("href")));
            Assert.Equal($"by {LedgerPagesApp.EditorName}", entry.QuerySelector(".audit-actor")!.TextContent.Trim());
        }
        Assert.Equal(new Dictionary<string, (string, string)> { ["version"] = ("2", "3"), ["status"] = ("committed", "withdrawn") }, Diff(entries[0]));
        Assert.Equal("Reason: Funding fell through.", entries[0].QuerySelector(".audit-reason")!.TextContent.Trim());
        Assert.Equal("https://news.example/fell-through", entries[0].QuerySelector(".audit-source a")!.GetAttribute("href"));
        Assert.Equal(("proposed", "committed"), Diff(entries[1])["status"]);
        var created = Diff(entries[2]);
        Assert.Equal(("—", "1000"), created["amount"]);
        Assert.Equal(("—", "Audited Treasury"), created["pledger"]);
        Assert.Equal(("—", "(none)"), created["senders"]);
    }

    [Fact]
    public async Task Filters_by_action_actor_and_date_narrow_the_rows_and_the_form_keeps_them()
    {
        using var browser = await app.SignedInAsync(Features.Admin.Accounts.AdminRoles.Editor, "Filter Finder");
        await PledgeSeeding.EnterAsync(app, browser, "Filtered Guild");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var (_, page) = await browser.GetAsync($"/admin/audit?action=pledge.create&actor=filter+finder&from={today}&to={today}");
        var (_, yesterday) = await browser.GetAsync($"/admin/audit?actor=filter+finder&to={DateTime.UtcNow.AddDays(-1):yyyy-MM-dd}");

        var entry = Assert.Single(Entries(page));
        Assert.Equal("Filtered Guild", entry.QuerySelector(".audit-record a")!.TextContent);
        Assert.Equal("pledge.create", page.QuerySelector<AngleSharp.Html.Dom.IHtmlSelectElement>("#audit-action")!.Value);
        Assert.Equal("filter finder", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#audit-actor")!.Value);
        Assert.Equal(today, page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#audit-from")!.Value);
        Assert.Empty(Entries(yesterday));
        Assert.Equal("No change matches.", yesterday.QuerySelector(".empty")!.TextContent);
    }

    [Fact]
    public async Task The_trail_pages_by_fifty_newest_first_with_links_that_keep_the_filter()
    {
        using var browser = await app.SignedInAsync(Features.Admin.Accounts.AdminRoles.Editor, "Pager Person");
        for (var i = 1; i <= 51; i++) await PledgeSeeding.EnterAsync(app, browser, $"Paged Pledger {i:00}");

        var (_, first) = await browser.GetAsync("/admin/audit?actor=pager+person");
        var older = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        var (_, second) = await browser.GetAsync(older);

        Assert.Equal(50, Entries(first).Count);
        Assert.Equal("Paged Pledger 51", Entries(first)[0].QuerySelector(".audit-record a")!.TextContent);
        Assert.Equal("Showing 1–50 of 51", first.QuerySelector(".pager-range")!.TextContent.Trim());
        Assert.Equal("/admin/audit?actor=pager%20person&page=2", older);
        Assert.Equal("Paged Pledger 01", Assert.Single(Entries(second)).QuerySelector(".audit-record a")!.TextContent);
        Assert.Null(second.QuerySelector(".pager a[rel=next]"));
    }

    [Fact]
    public async Task The_audit_page_has_no_form_that_posts_and_refuses_a_post()
    {
        using var browser = await app.SignedInAsync();

        var (_, page) = await browser.GetAsync("/admin/audit");
        var posted = await browser.Client.PostAsync("/admin/audit", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Empty(page.QuerySelectorAll(".admin-body form[method=post]"));
        Assert.Equal("get", page.QuerySelector(".admin-body form")!.GetAttribute("method"));
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
    }
}
