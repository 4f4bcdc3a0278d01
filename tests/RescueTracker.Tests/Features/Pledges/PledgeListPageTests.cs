using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RescueTracker.Features.Pledges;
using RescueTracker.Features.Transfers;
using RescueTracker.Hosting.Caching;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Pledges;

/// <summary>/pledges: a bounded page of every pledge, sorted and paged by plain links whose state is in the URL.</summary>
public class PledgeListPageTests(AppFixture<PledgeList> fixture) : IClassFixture<AppFixture<PledgeList>>
{
    private readonly TestApp _app = fixture.App;

    private async Task<IDocument> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await _app.CreateClient().GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"GET {path} answered {response.StatusCode}:\n{html}");
        return new HtmlParser().ParseDocument(html);
    }

    private static string Text(IElement element) =>
        string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static List<string> Rows(IDocument page) =>
        page.QuerySelectorAll(".pledges table tbody th[scope=row]").Select(Text).ToList();

    private static Dictionary<string, string?> PagerLinks(IDocument page) =>
        page.QuerySelectorAll("nav.pager a").ToDictionary(Text, a => a.GetAttribute("href"));

    private static IEnumerable<string> Pledgers(IEnumerable<int> numbers) => numbers.Select(PledgeList.Pledger);

    private static IEnumerable<string> Supporters(IEnumerable<int> numbers) => numbers.Select(PledgeList.Supporter);

    [Fact]
    public async Task First_page_lists_fifty_pledges_largest_first_and_links_to_the_next_and_last_pages()
    {
        var page = await GetAsync("/pledges");

        Assert.Equal(Pledgers(Enumerable.Range(61, 50).Reverse()), Rows(page));
        Assert.Equal("Pledges 1–50 of 122, largest ETH-eq amount first, supporters without an amount last", Text(page.QuerySelector(".pledges table caption")!));
        Assert.Equal("Page 1 of 3", Text(page.QuerySelector(".pager-range")!));
        Assert.Equal(new Dictionary<string, string?> { ["Next"] = "/pledges?page=2", ["Last"] = "/pledges?page=3" }, PagerLinks(page));
        Assert.Equal("next", page.QuerySelector("nav.pager a[href='/pledges?page=2']")!.GetAttribute("rel"));
        Assert.Equal("descending", page.QuerySelector(".pledges table th[aria-sort]")!.GetAttribute("aria-sort"));
        var first = page.QuerySelectorAll(".pledges table tbody tr")[0].QuerySelectorAll("td").Select(Text).ToList();
        Assert.Equal(["110 ETH", "110 ETH", "proposed", "grant", "0 ETH", "2026-04-24", "example.org"], first);
        Assert.Equal("/pledges/110", page.QuerySelector(".pledges table tbody th a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Last_page_holds_the_rest_with_the_supporters_without_an_amount_at_the_end()
    {
        var page = await GetAsync("/pledges?page=3");

        Assert.Equal(Pledgers(Enumerable.Range(1, 10).Reverse()).Concat(Supporters(Enumerable.Range(1, 12))), Rows(page));
        Assert.Equal("Pledges 101–122 of 122, largest ETH-eq amount first, supporters without an amount last", Text(page.QuerySelector(".pledges table caption")!));
        Assert.Equal(new Dictionary<string, string?> { ["First"] = "/pledges", ["Previous"] = "/pledges?page=2" }, PagerLinks(page));
        var supporter = page.QuerySelectorAll(".pledges table tbody tr").Last().QuerySelectorAll("td").Select(Text).ToList();
        Assert.Equal(["none given", "none"], supporter.Take(2));
    }

    [Fact]
    public async Task Smallest_first_puts_the_supporters_first_and_the_amount_link_goes_back_to_largest_first()
    {
        var page = await GetAsync("/pledges?sort=amount-asc");

        Assert.Equal(Supporters(Enumerable.Range(1, 12)).Concat(Pledgers(Enumerable.Range(1, 38))), Rows(page));
        var amount = page.QuerySelector("nav.sort-links a[aria-current=true]")!;
        Assert.Equal(("Amount", "/pledges"), (Text(amount), amount.GetAttribute("href")));
        Assert.Equal("Now: smallest ETH-eq amount first, supporters without an amount first. The same choice again reverses it.", Text(page.QuerySelector(".sort-now")!));
        Assert.Equal("ascending", page.QuerySelector(".pledges table th[aria-sort]")!.GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task Each_sort_link_starts_at_page_one_and_every_page_link_keeps_the_sort()
    {
        var page = await GetAsync("/pledges?page=2&sort=pledger-desc");

        // Z to A: the twelve supporters and Pledger 110 to 073 fill page 1.
        Assert.Equal(Pledgers(Enumerable.Range(23, 50).Reverse()), Rows(page));
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["First"] = "/pledges?sort=pledger-desc", ["Previous"] = "/pledges?sort=pledger-desc",
                ["Next"] = "/pledges?page=3&sort=pledger-desc", ["Last"] = "/pledges?page=3&sort=pledger-desc",
            },
            PagerLinks(page));
        Assert.Equal(
            [
                ("Amount", "/pledges"), ("Received", "/pledges?sort=received-desc"), ("Pledger", "/pledges?sort=pledger-asc"),
                ("Status", "/pledges?sort=status-asc"), ("Announced", "/pledges?sort=announced-desc"),
            ],
            page.QuerySelectorAll("nav.sort-links a").Select(a => (Text(a), a.GetAttribute("href"))));
    }

    [Fact]
    public async Task By_status_reversed_committed_come_before_proposed_each_in_pledge_number_order()
    {
        var page = await GetAsync("/pledges?sort=status-desc");

        var committed = Enumerable.Range(1, 110).Where(i => i % 3 == 0).ToList();
        Assert.Equal(36, committed.Count);
        Assert.Equal(Pledgers(committed).Concat(Pledgers(Enumerable.Range(1, 20).Where(i => i % 3 != 0))), Rows(page));
    }

    [Theory]
    [InlineData("amount-desc")]
    [InlineData("amount-asc")]
    [InlineData("received-desc")]
    [InlineData("received-asc")]
    [InlineData("pledger-asc")]
    [InlineData("pledger-desc")]
    [InlineData("status-asc")]
    [InlineData("status-desc")]
    [InlineData("announced-desc")]
    [InlineData("announced-asc")]
    public async Task Every_order_pages_through_each_pledge_exactly_once_fifty_at_most_a_page(string sort)
    {
        var seen = new List<string>();
        for (var number = 1; number <= 3; number++)
        {
            var rows = Rows(await GetAsync($"/pledges?page={number}&sort={sort}"));
            Assert.InRange(rows.Count, 1, PledgeListQuery.PageSize);
            seen.AddRange(rows);
        }

        Assert.Equal(Pledgers(Enumerable.Range(1, 110)).Concat(Supporters(Enumerable.Range(1, 12))).Order(), seen.Order());
    }

    [Fact]
    public async Task A_page_past_the_end_is_the_not_found_page()
    {
        var page = await GetAsync("/pledges?page=4&sort=pledger-asc", HttpStatusCode.NotFound);

        Assert.Empty(Rows(page));
        Assert.Equal("Not found", Text(page.QuerySelector("h1")!));
    }

    [Theory]
    [InlineData("page=0", "'0' is not a valid page: use a whole number from 1.")]
    [InlineData("page=-1", "'-1' is not a valid page: use a whole number from 1.")]
    [InlineData("page=two", "'two' is not a valid page: use a whole number from 1.")]
    [InlineData("page=99999999999", "'99999999999' is not a valid page: use a whole number from 1.")]
    [InlineData("page=1&page=2", "'page' is given 2 times; give it once.")]
    [InlineData("sort=size", "'size' is not a valid sort: use one of amount-desc, amount-asc, received-desc, received-asc, pledger-asc, pledger-desc, status-asc, status-desc, announced-desc, announced-asc.")]
    public async Task A_malformed_page_or_sort_is_400_saying_what_is_wrong(string query, string message)
    {
        var page = await GetAsync("/pledges?" + query, HttpStatusCode.BadRequest);

        Assert.Equal(message + " Show the first page.", Text(page.QuerySelector("[role=alert]")!));
        Assert.Empty(Rows(page));
    }

    [Fact]
    public async Task Dashboard_shows_the_ten_largest_pledges_and_links_to_the_full_list_with_exact_figures()
    {
        var page = await GetAsync("/");

        Assert.Equal(Pledgers(Enumerable.Range(101, 10).Reverse()), Rows(page));
        Assert.Equal("The 10 largest of 110 pledges with an amount, by ETH-eq; received counts confirmed transfers and recorded off-chain deliveries",
            Text(page.QuerySelector(".pledges table caption")!));
        var all = page.QuerySelector("section[aria-labelledby=pledges-heading] p.more a")!;
        Assert.Equal(("All 122 pledges", "/pledges"), (Text(all), all.GetAttribute("href")));
        Assert.Equal(
            ["68,900 ETH", "62,795 ETH", "68,900 ETH", "0 ETH", "1,998 ETH", "4,107 ETH"],
            page.QuerySelectorAll(".figures dd data").Select(Text));
        Assert.Contains("Pledged in total: 6,105 ETH.", Text(page.QuerySelector(".headline .note")!));
    }

    [Fact]
    public async Task Dashboard_lists_ten_supporters_and_links_to_the_rest_at_the_top_of_the_full_list()
    {
        var page = await GetAsync("/");

        var supporters = page.QuerySelector("section[aria-labelledby=supporters-heading]")!;
        Assert.Equal(Supporters(Enumerable.Range(1, 10)), supporters.QuerySelectorAll("ul.supporters > li > a[href^='/pledges/']").Select(Text));
        var more = supporters.QuerySelector("p.more")!;
        Assert.Equal("2 more: all 12 supporters in the pledge list.", Text(more));
        Assert.Equal("/pledges?sort=amount-asc", more.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Transfer_filter_asks_for_a_pledge_number_when_the_pledges_are_too_many_to_list()
    {
        var page = await GetAsync("/transfers?pledgeId=7");

        Assert.Null(page.QuerySelector("select#filter-pledge"));
        var field = page.QuerySelector("input#filter-pledge")!;
        Assert.Equal(("pledgeId", "number", "7"), (field.GetAttribute("name"), field.GetAttribute("type"), field.GetAttribute("value")));
        Assert.True(PledgeList.Total > TransferFilterForm.MaxPledgeChoices);
    }

    [Fact]
    public void The_cached_pages_vary_by_exactly_the_query_parameters_they_read()
    {
        static IReadOnlyList<string> Keys<T>() =>
            ((PublicCacheAttribute)Attribute.GetCustomAttribute(typeof(T), typeof(PublicCacheAttribute))!).QueryKeys;

        Assert.Equal(PledgeListQuery.ParameterNames, Keys<PledgeListPage>());
        Assert.Equal(TransferFilter.ParameterNames, Keys<TransfersPage>());
        Assert.Equal([RescueTracker.Features.Figures.Scenario.ParameterName], Keys<RescueTracker.Features.Dashboard.Dashboard>());
        Assert.Equal(RescueTracker.Features.Contributors.ContributorRequest.PageParameters,
            Keys<RescueTracker.Features.Contributors.ContributorsPage>());
        Assert.Empty(Keys<PledgePage>());
    }
}
