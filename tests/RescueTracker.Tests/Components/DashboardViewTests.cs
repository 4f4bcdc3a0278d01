using System.Globalization;
using AngleSharp.Dom;
using RescueTracker.Data;
using RescueTracker.Features.Dashboard;
using RescueTracker.Features.Figures;

namespace RescueTracker.Tests.Components;

public class DashboardViewTests
{
    private static Task<IDocument> RenderAsync(TestLedger ledger) => RenderAsync(ledger.Compute());

    private static Task<IDocument> RenderAsync(RescueFigures figures) =>
        Render.ComponentAsync<DashboardView>(new Dictionary<string, object?> { ["Figures"] = figures });

    private static string Figure(IDocument document, string name) =>
        document.QuerySelector($".figure-{name} dd")!.Text();

    private static IElement Row(IDocument document, string pledger) =>
        document.QuerySelectorAll("table.pledges tbody tr").Single(r => r.QuerySelector("th")!.Text() == pledger);

    [Fact]
    public async Task Seed_snapshot_shows_the_six_headline_figures_exactly()
    {
        var document = await RenderAsync(TestLedger.DefiUnited());

        Assert.Equal("68,900 ETH", Figure(document, "shortfall"));
        Assert.Equal("0 ETH", Figure(document, "delivered"));
        Assert.Equal("6,000 ETH", Figure(document, "committed"));
        Assert.Equal("37,500 ETH", Figure(document, "proposed"));
        Assert.Equal("68,900 ETH", Figure(document, "uncovered-now"));
        Assert.Equal("25,400 ETH", Figure(document, "uncovered-if-all"));
        Assert.Equal("25400", document.QuerySelector(".figure-uncovered-if-all data")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Pledges_table_shows_amount_with_asset_eth_equivalent_terms_and_links_to_the_pledge_page()
    {
        var ledger = TestLedger.DefiUnited();
        var document = await RenderAsync(ledger);

        var cells = Row(document, "Lido Finance").QuerySelectorAll("td").Select(c => c.Text()).ToList();
        Assert.Equal("2,500 stETH", cells[0]);
        Assert.Equal("2,500 ETH", cells[1]);
        Assert.Equal("proposed", cells[2]);
        Assert.Equal("conditional Only as part of a fully funded package.", cells[3]);
        Assert.Equal("0 stETH", cells[4]);
        Assert.Equal("example.org", cells[5]);
        Assert.Equal($"/pledges/{ledger.Pledge("Lido Finance").Id}",
            Row(document, "Lido Finance").QuerySelector("th a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Pledges_table_has_a_caption_and_column_headers_and_lists_largest_first()
    {
        var document = await RenderAsync(TestLedger.DefiUnited());

        var table = document.QuerySelector("table.pledges")!;
        Assert.NotNull(table.QuerySelector("caption"));
        Assert.Equal(
            ["Pledger", "Amount", "ETH-eq", "Status", "Terms", "Received", "Source"],
            table.QuerySelectorAll("thead th[scope=col]").Select(th => th.Text()));
        Assert.Equal(
            ["Mantle", "EtherFi Foundation", "Stani Kulechov (personal)", "Lido Finance", "Golem Foundation"],
            table.QuerySelectorAll("tbody th[scope=row]").Select(th => th.Text()));
    }

    [Fact]
    public async Task Partly_paid_pledge_reads_partially_delivered_x_of_y_and_moves_the_figures()
    {
        var ledger = TestLedger.DefiUnited();
        ledger.AddTransfer(ledger.Pledge("EtherFi Foundation"), ledger.Eth, "1000");
        var document = await RenderAsync(ledger);

        var row = Row(document, "EtherFi Foundation");
        Assert.Equal("partially delivered 1,000 of 5,000 ETH", row.QuerySelector(".partial")!.Text());
        Assert.Equal("1,000 ETH", row.QuerySelectorAll("td")[4].Text());
        Assert.Equal("1,000 ETH", Figure(document, "delivered"));
        Assert.Equal("36,500 ETH", Figure(document, "proposed"));
        Assert.Equal("67,900 ETH", Figure(document, "uncovered-now"));
        Assert.Equal("25,400 ETH", Figure(document, "uncovered-if-all"));
    }

    [Fact]
    public async Task Pending_transfer_is_not_counted_anywhere_on_the_dashboard()
    {
        var ledger = TestLedger.DefiUnited();
        ledger.AddTransfer(ledger.Pledge("Golem Foundation"), ledger.Eth, "400", confirmed: false);
        var document = await RenderAsync(ledger);

        Assert.Equal("0 ETH", Figure(document, "delivered"));
        Assert.Null(Row(document, "Golem Foundation").QuerySelector(".partial"));
        Assert.Equal("0 ETH", Row(document, "Golem Foundation").QuerySelectorAll("td")[4].Text());
    }

    [Fact]
    public async Task Over_delivered_pledge_is_flagged_and_counts_in_full()
    {
        var ledger = TestLedger.DefiUnited();
        var golem = ledger.Pledge("Golem Foundation");
        golem.Status = PledgeStatus.Delivered;
        ledger.AddTransfer(golem, ledger.Eth, "1200");
        var document = await RenderAsync(ledger);

        var status = Row(document, "Golem Foundation").QuerySelector(".status")!;
        Assert.Equal("delivered", status.QuerySelector(".badge-delivered")!.Text());
        Assert.Equal("over-delivered", status.QuerySelector(".badge-over")!.Text());
        Assert.Equal("1,200 of 1,000 ETH", status.QuerySelector(".over")!.Text());
        Assert.Null(status.QuerySelector(".partial"));
        Assert.Equal("1,200 ETH", Figure(document, "delivered"));
    }

    [Fact]
    public async Task Off_chain_part_of_what_was_received_is_named_as_such()
    {
        var ledger = TestLedger.DefiUnited();
        var stani = ledger.Pledge("Stani Kulechov (personal)");
        ledger.AddTransfer(stani, ledger.Eth, "1500");
        ledger.AddOffchain(stani, "500");
        var document = await RenderAsync(ledger);

        var received = Row(document, "Stani Kulechov (personal)").QuerySelectorAll("td")[4];
        Assert.Equal("2,000 ETH incl. 500 ETH off-chain", received.Text());
        Assert.Equal("partially delivered 2,000 of 5,000 ETH", Row(document, "Stani Kulechov (personal)").QuerySelector(".partial")!.Text());
    }

    [Fact]
    public async Task Pledge_in_a_token_below_par_shows_its_eth_equivalent_at_the_current_rate()
    {
        var ledger = TestLedger.DefiUnited();
        ledger.StEth.EthRate = "0.98";
        var document = await RenderAsync(ledger);

        var cells = Row(document, "Lido Finance").QuerySelectorAll("td");
        Assert.Equal("2,500 stETH", cells[0].Text());
        Assert.Equal("2,450 ETH", cells[1].Text());
        Assert.Equal("37,450 ETH", Figure(document, "proposed"));
        Assert.Equal("25,450 ETH", Figure(document, "uncovered-if-all"));
    }

    [Fact]
    public async Task Supporters_without_an_amount_are_listed_apart_from_the_pledges_table()
    {
        var document = await RenderAsync(TestLedger.DefiUnited());

        Assert.Equal(
            ["Ethena", "LayerZero", "Ink Foundation", "Tydra"],
            document.QuerySelectorAll("ul.supporters li > a").Select(a => a.Text()));
        var tableNames = document.QuerySelectorAll("table.pledges tbody th").Select(th => th.Text());
        Assert.DoesNotContain("Ethena", tableNames);
    }

    [Fact]
    public async Task Snapshot_date_and_as_of_time_are_machine_readable_time_elements_in_utc()
    {
        var ledger = TestLedger.DefiUnited();
        ledger.Rescue.UpdatedAt = new DateTimeOffset(2026, 4, 25, 12, 30, 5, TimeSpan.FromHours(2));
        var document = await RenderAsync(ledger);

        var asOf = document.QuerySelector("time.as-of")!;
        Assert.Equal("2026-04-25T10:30:05Z", asOf.GetAttribute("datetime"));
        Assert.Equal("2026-04-25T10:30:05Z", asOf.Text());
        Assert.Equal("2026-04-25", document.QuerySelector("time.snapshot")!.GetAttribute("datetime"));
    }

    [Fact]
    public async Task Amounts_keep_comma_separators_when_the_server_culture_uses_dots()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
        try
        {
            var document = await RenderAsync(TestLedger.DefiUnited());

            Assert.Equal("68,900 ETH", Figure(document, "shortfall"));
            Assert.Equal("2,500 stETH", Row(document, "Lido Finance").QuerySelector("td")!.Text());
            Assert.DoesNotContain("68.900", document.Body!.TextContent);
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public async Task Source_that_is_not_an_http_url_is_shown_as_text_never_as_a_link()
    {
        var ledger = TestLedger.DefiUnited();
        ledger.Pledge("Mantle").Source = "javascript:alert(1)";
        var document = await RenderAsync(ledger);

        Assert.Empty(document.QuerySelectorAll("a[href^='javascript']"));
        Assert.Equal("javascript:alert(1)", Row(document, "Mantle").QuerySelector(".unlinked")!.Text());
    }

    [Fact]
    public async Task Dashboard_has_no_style_attribute_no_script_and_no_event_handler()
    {
        var ledger = TestLedger.DefiUnited();
        ledger.AddTransfer(ledger.Pledge("Mantle"), ledger.Eth, "10000");
        Render.AssertCspSafe(await RenderAsync(ledger));
    }

    [Fact]
    public async Task Empty_ledger_says_no_rescue_is_loaded_instead_of_showing_zeros()
    {
        var document = await RenderAsync(RescueFigures.Empty);

        Assert.Equal("No rescue loaded yet", document.QuerySelector("h1")!.Text());
        Assert.Empty(document.QuerySelectorAll(".figure"));
    }
}
