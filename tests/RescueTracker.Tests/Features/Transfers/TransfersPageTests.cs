using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Transfers;

/// <summary>/transfers over HTTP, parsed as HTML: rows, links, marks, the filter form and paging.</summary>
public class TransfersPageTests(AppFixture<TransferList> fixture) : IClassFixture<AppFixture<TransferList>>
{
    private readonly TestApp _app = fixture.App;
    private readonly TransferList _list = fixture.Profile;

    private async Task<IDocument> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await _app.CreateClient().GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }

    private static string Text(IElement element) =>
        string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static IElement Row(IDocument page, long id) => page.GetElementById($"transfer-{id}")!;

    [Fact]
    public async Task Page_lists_every_transfer_newest_first_in_a_captioned_table()
    {
        var page = await GetAsync("/transfers");

        var table = page.QuerySelector(".transfer-list table")!;
        Assert.NotNull(table.QuerySelector("caption"));
        Assert.Equal(_list.NewestFirst.Select(id => $"transfer-{id}"), table.QuerySelectorAll("tbody tr").Select(r => r.Id));
        RescueTracker.Tests.Infrastructure.Html.AssertNoScript([page.DocumentElement]);
    }

    [Fact]
    public async Task Erc20_row_shows_amount_eth_value_explorer_link_and_pledge_link()
    {
        var row = Row(await GetAsync("/transfers"), _list.Erc20ToLido);

        var cells = row.QuerySelectorAll("td").Select(Text).ToList();
        Assert.Equal("Ethereum", cells[0]);
        Assert.Equal("100", cells[1]);
        Assert.Equal("token (log 7)", cells[4]);
        Assert.Equal("1,000.5 stETH", cells[5]);
        Assert.Equal("980.49 ETH", cells[6]);
        Assert.Equal($"https://etherscan.io/tx/{TransferList.Hash(1)}", row.QuerySelector("a.hash")!.GetAttribute("href"));
        var pledge = row.QuerySelector($"a[href='/pledges/{_list.Lido}']")!;
        Assert.Equal("Lido Finance", Text(pledge));
    }

    [Fact]
    public async Task Chain_without_an_explorer_shows_the_hash_unlinked_and_admin_attribution_is_said()
    {
        var row = Row(await GetAsync("/transfers"), _list.ArbitrumByAdmin);

        Assert.Null(row.QuerySelector("a.hash"));
        Assert.Equal(TransferList.Hash(4), Text(row.QuerySelector("code.hash")!));
        Assert.Contains("attributed by an admin", Text(row));
    }

    [Fact]
    public async Task Unattributed_and_pending_rows_are_marked()
    {
        var page = await GetAsync("/transfers");

        var unattributed = Row(page, _list.Unattributed);
        Assert.Contains("unattributed", unattributed.ClassList);
        Assert.Equal("unattributed", Text(unattributed.QuerySelector(".badge-unattributed")!));

        var pending = Row(page, _list.PendingInternal);
        Assert.Contains("pending", pending.ClassList);
        Assert.Equal("pending", Text(pending.QuerySelector(".badge-pending")!));
        Assert.Equal("not counted until confirmed", Text(pending.QuerySelector(".not-counted")!));
        Assert.Null(Row(page, _list.NativeToEtherFi).QuerySelector(".badge-pending"));
    }

    [Fact]
    public async Task Every_filter_field_has_a_label_and_the_form_submits_by_get()
    {
        var form = (await GetAsync("/transfers")).QuerySelector("form.filter-form")!;

        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/transfers", form.GetAttribute("action"));
        var fields = form.QuerySelectorAll("select, input").ToList();
        Assert.Equal(["chainId", "pledgeId", "status", "attributed", "limit"], fields.Select(f => f.GetAttribute("name")));
        Assert.All(fields, f => Assert.NotNull(form.QuerySelector($"label[for='{f.Id}']")));
    }

    [Fact]
    public async Task Filtered_page_keeps_the_chosen_values_selected_and_lists_only_matches()
    {
        var page = await GetAsync($"/transfers?pledgeId={_list.EtherFi}&status=confirmed");

        Assert.Equal([$"transfer-{_list.NativeToEtherFi}"], page.QuerySelectorAll("tbody tr").Select(r => r.Id));
        Assert.Equal(_list.EtherFi.ToString(), page.QuerySelector("#filter-pledge option[selected]")!.GetAttribute("value"));
        Assert.Equal("confirmed", page.QuerySelector("#filter-status option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Pagination_links_move_by_the_page_size_and_keep_the_filters()
    {
        var first = await GetAsync("/transfers?chainId=1&limit=2");
        var second = await GetAsync("/transfers?chainId=1&limit=2&offset=2");

        Assert.Null(first.QuerySelector("a[rel=prev]"));
        Assert.Equal("/transfers?chainId=1&limit=2&offset=2", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("Showing 1–2 of 4", Text(first.QuerySelector(".pager-range")!));
        Assert.Equal("/transfers?chainId=1&limit=2", second.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Null(second.QuerySelector("a[rel=next]"));
        Assert.Equal([$"transfer-{_list.Unattributed}", $"transfer-{_list.Erc20ToLido}"], second.QuerySelectorAll("tbody tr").Select(r => r.Id));
    }

    [Fact]
    public async Task Bad_filter_on_the_page_is_a_400_that_names_the_parameter()
    {
        var page = await GetAsync("/transfers?status=done", HttpStatusCode.BadRequest);

        Assert.Contains("status", Text(page.QuerySelector("[role=alert]")!));
        Assert.Empty(page.QuerySelectorAll("tbody tr"));
    }
}
