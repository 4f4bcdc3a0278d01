using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using RescueTracker.Data;
using RescueTracker.Features.Dashboard;
using RescueTracker.Features.Figures;
using RescueTracker.Features.Status;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Components;

public class DashboardViewTests : ComponentTest
{
    private IRenderedComponent<DashboardView> RenderView(TestLedger ledger, IReadOnlyList<ChainStatus>? chains = null) =>
        RenderView(ledger.Compute(), chains);

    private IRenderedComponent<DashboardView> RenderView(RescueFigures figures, IReadOnlyList<ChainStatus>? chains = null) =>
        Render<DashboardView>(view => view.Add(p => p.Figures, figures).Add(p => p.Chains, chains ?? []));

    /// <summary>A headline figure's amount: the dd that holds its data element (the others hold hints).</summary>
    private static string Figure(IRenderedComponent<DashboardView> document, string name) =>
        document.Find($".figure-{name} dd data").Text();

    private static IElement Row(IRenderedComponent<DashboardView> document, string pledger) =>
        document.FindAll(".pledges table tbody tr").Single(r => r.QuerySelector("th")!.Text() == pledger);

    private static ChainStatus Chain(bool configured, int recoveryAddresses) => new(
        1, "Ethereum", configured, false, 0, null, null, null, null, null, null, false, false, null, null, null, recoveryAddresses, 12, 64, []);

    [Fact]
    public void Seed_snapshot_shows_the_six_headline_figures_exactly()
    {
        var document = RenderView(TestLedger.DefiUnited());

        Assert.Equal("68,900 ETH", Figure(document, "shortfall"));
        Assert.Equal("0 ETH", Figure(document, "delivered"));
        Assert.Equal("6,000 ETH", Figure(document, "committed"));
        Assert.Equal("37,500 ETH", Figure(document, "proposed"));
        Assert.Equal("68,900 ETH", Figure(document, "uncovered-now"));
        Assert.Equal("25,400 ETH", Figure(document, "uncovered-if-all"));
        Assert.Equal("25400", document.Find(".figure-uncovered-if-all data")!.GetAttribute("value"));
    }

    [Fact]
    public void Pledges_table_shows_amount_with_asset_eth_equivalent_terms_and_links_to_the_pledge_page()
    {
        var ledger = TestLedger.DefiUnited();
        var document = RenderView(ledger);

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
    public void Pledges_table_has_a_caption_and_column_headers_and_lists_largest_first()
    {
        var document = RenderView(TestLedger.DefiUnited());

        var table = document.Find(".pledges table")!;
        Assert.NotNull(table.QuerySelector("caption"));
        Assert.Equal(
            ["Pledger", "Amount", "ETH-eq", "Status", "Terms", "Received", "Source"],
            table.QuerySelectorAll("thead th[scope=col]").Select(th => th.Text()));
        Assert.Equal(
            ["Mantle", "EtherFi Foundation", "Stani Kulechov (personal)", "Lido Finance", "Golem Foundation"],
            table.QuerySelectorAll("tbody th[scope=row]").Select(th => th.Text()));
    }

    [Fact]
    public void Partly_paid_pledge_reads_partially_delivered_x_of_y_and_moves_the_figures()
    {
        var ledger = TestLedger.DefiUnited();
        ledger.AddTransfer(ledger.Pledge("EtherFi Foundation"), ledger.Eth, "1000");
        var document = RenderView(ledger);

        var row = Row(document, "EtherFi Foundation");
        Assert.Equal("partially delivered 1,000 of 5,000 ETH", row.QuerySelector(".partial")!.Text());
        Assert.Equal("1,000 ETH", row.QuerySelectorAll("td")[4].Text());
        Assert.Equal("1,000 ETH", Figure(document, "delivered"));
        Assert.Equal("36,500 ETH", Figure(document, "proposed"));
        Assert.Equal("67,900 ETH", Figure(document, "uncovered-now"));
        Assert.Equal("25,400 ETH", Figure(document, "uncovered-if-all"));
    }

    [Fact]
    public void Pending_transfer_is_not_counted_anywhere_on_the_dashboard()
    {
        var ledger = TestLedger.DefiUnited();
        ledger.AddTransfer(ledger.Pledge("Golem Foundation"), ledger.Eth, "400", confirmed: false);
        var document = RenderView(ledger);

        Assert.Equal("0 ETH", Figure(document, "delivered"));
        Assert.Null(Row(document, "Golem Foundation").QuerySelector(".partial"));
        Assert.Equal("0 ETH", Row(document, "Golem Foundation").QuerySelectorAll("td")[4].Text());
    }

    [Fact]
    public void Over_delivered_pledge_is_flagged_and_counts_in_full()
    {
        var ledger = TestLedger.DefiUnited();
        var golem = ledger.Pledge("Golem Foundation");
        golem.Status = PledgeStatus.Delivered;
        ledger.AddTransfer(golem, ledger.Eth, "1200");
        var document = RenderView(ledger);

        var status = Row(document, "Golem Foundation").QuerySelector(".status")!;
        Assert.Equal("delivered", status.QuerySelector(".badge-delivered")!.Text());
        Assert.Equal("over-delivered", status.QuerySelector(".badge-over")!.Text());
        Assert.Equal("1,200 of 1,000 ETH", status.QuerySelector(".over")!.Text());
        Assert.Null(status.QuerySelector(".partial"));
        Assert.Equal("1,200 ETH", Figure(document, "delivered"));
    }

    [Fact]
    public void Off_chain_part_of_what_was_received_is_named_as_such()
    {
        var ledger = TestLedger.DefiUnited();
        var stani = ledger.Pledge("Stani Kulechov (personal)");
        ledger.AddTransfer(stani, ledger.Eth, "1500");
        ledger.AddOffchain(stani, "500");
        var document = RenderView(ledger);

        var received = Row(document, "Stani Kulechov (personal)").QuerySelectorAll("td")[4];
        Assert.Equal("2,000 ETH incl. 500 ETH off-chain", received.Text());
        Assert.Equal("partially delivered 2,000 of 5,000 ETH", Row(document, "Stani Kulechov (personal)").QuerySelector(".partial")!.Text());
    }

    [Fact]
    public void Pledge_in_a_token_below_par_shows_its_eth_equivalent_at_the_current_rate()
    {
        var ledger = TestLedger.DefiUnited();
        ledger.StEth.EthRate = "0.98";
        var document = RenderView(ledger);

        var cells = Row(document, "Lido Finance").QuerySelectorAll("td");
        Assert.Equal("2,500 stETH", cells[0].Text());
        Assert.Equal("2,450 ETH", cells[1].Text());
        Assert.Equal("37,450 ETH", Figure(document, "proposed"));
        Assert.Equal("25,450 ETH", Figure(document, "uncovered-if-all"));
    }

    [Fact]
    public void Supporters_without_an_amount_are_listed_apart_from_the_pledges_table()
    {
        var document = RenderView(TestLedger.DefiUnited());

        Assert.Equal(
            ["Ethena", "LayerZero", "Ink Foundation", "Tydra"],
            document.FindAll("ul.supporters li > a").Select(a => a.Text()));
        var tableNames = document.FindAll(".pledges table tbody th").Select(th => th.Text());
        Assert.DoesNotContain("Ethena", tableNames);
    }

    [Fact]
    public void Snapshot_date_and_as_of_time_are_machine_readable_time_elements_in_utc()
    {
        var ledger = TestLedger.DefiUnited();
        ledger.Rescue.UpdatedAt = new DateTimeOffset(2026, 4, 25, 12, 30, 5, TimeSpan.FromHours(2));
        var document = RenderView(ledger);

        var asOf = document.Find("time.as-of")!;
        Assert.Equal("2026-04-25T10:30:05Z", asOf.GetAttribute("datetime"));
        Assert.Equal("2026-04-25T10:30:05Z", asOf.Text());
        Assert.Equal("2026-04-25", document.Find("time.snapshot")!.GetAttribute("datetime"));
    }

    [Fact]
    public void Amounts_keep_comma_separators_when_the_server_culture_uses_dots()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
        try
        {
            var document = RenderView(TestLedger.DefiUnited());

            Assert.Equal("68,900 ETH", Figure(document, "shortfall"));
            Assert.Equal("2,500 stETH", Row(document, "Lido Finance").QuerySelector("td")!.Text());
            Assert.DoesNotContain("68.900", document.Markup);
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void Source_that_is_not_an_http_url_is_shown_as_text_never_as_a_link()
    {
        var ledger = TestLedger.DefiUnited();
        ledger.Pledge("Mantle").Source = "javascript:alert(1)";
        var document = RenderView(ledger);

        Assert.Empty(document.FindAll("a[href^='javascript']"));
        Assert.Equal("javascript:alert(1)", Row(document, "Mantle").QuerySelector(".unlinked")!.Text());
    }

    [Fact]
    public void Dashboard_has_no_script_no_event_handler_and_no_javascript_link()
    {
        var ledger = TestLedger.DefiUnited();
        ledger.AddTransfer(ledger.Pledge("Mantle"), ledger.Eth, "10000");
        Html.AssertNoScript(RenderView(ledger).Nodes.OfType<IElement>());
    }

    [Fact]
    public void Empty_ledger_says_no_rescue_is_loaded_instead_of_showing_zeros()
    {
        var document = RenderView(RescueFigures.Empty);

        Assert.Equal("No rescue loaded yet", document.Find("h1")!.Text());
        Assert.Empty(document.FindAll(".figure"));
    }

    [Fact]
    public void What_stays_uncovered_leads_and_uncovered_now_says_it_is_the_whole_shortfall_while_nothing_has_arrived()
    {
        var document = RenderView(TestLedger.DefiUnited());

        Assert.Equal(["Uncovered now", "Uncovered if every pledge arrives"], document.FindAll(".figures-primary dt").Select(dt => dt.Text()));
        Assert.Equal(["Shortfall", "Delivered", "Outstanding committed", "Outstanding proposed"], document.FindAll(".figures-secondary dt").Select(dt => dt.Text()));
        Assert.Equal("All of the 68,900 ETH shortfall: nothing has been delivered yet.", document.Find(".figure-uncovered-now .figure-note").Text());
        Assert.Equal("What would still be missing once the 6,000 ETH committed and the 37,500 ETH proposed have arrived as well.",
            document.Find(".figure-uncovered-if-all .figure-note").Text());
    }

    [Fact]
    public void Once_something_arrived_uncovered_now_is_the_shortfall_less_what_was_delivered()
    {
        var ledger = TestLedger.DefiUnited();
        ledger.AddTransfer(ledger.Pledge("EtherFi Foundation"), ledger.Eth, "1000");

        var document = RenderView(ledger);

        Assert.Equal("67,900 ETH", Figure(document, "uncovered-now"));
        Assert.Equal("The 68,900 ETH shortfall less the 1,000 ETH delivered so far.", document.Find(".figure-uncovered-now .figure-note").Text());
    }

    [Fact]
    public void Progress_bar_shows_its_percentages_as_text()
    {
        var ledger = TestLedger.DefiUnited();
        ledger.AddTransfer(ledger.Pledge("EtherFi Foundation"), ledger.Eth, "1000");

        var document = RenderView(ledger);

        Assert.Equal("1% of the shortfall delivered; 63% covered if every pledge arrives.", document.Find(".progress-percent").Text());
    }

    [Theory]
    [InlineData(false, 0, "No chain is watched yet (none has an RPC URL): on-chain transfers are not read, so this counts only off-chain deliveries an admin recorded. Chain status.")]
    [InlineData(true, 0, "No recovery address is known yet: nothing on-chain can be read until an admin adds one. Chain status.")]
    public void Delivered_says_beside_it_why_nothing_on_chain_is_counted(bool configured, int recoveryAddresses, string hint)
    {
        var document = RenderView(TestLedger.DefiUnited(), [Chain(configured, recoveryAddresses)]);

        var warning = document.Find(".figure-delivered .figure-hint-warning");
        Assert.Equal(hint, warning.Text());
        Assert.Equal("/status", warning.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void Delivered_has_no_warning_once_a_watched_chain_has_a_recovery_address()
    {
        var document = RenderView(TestLedger.DefiUnited(), [Chain(configured: true, recoveryAddresses: 1)]);

        Assert.Empty(document.FindAll(".figure-hint-warning"));
        Assert.Equal("Confirmed transfers and recorded off-chain deliveries.", document.Find(".figure-delivered .figure-hint").Text());
    }

    [Fact]
    public void Shortfall_items_are_listed_with_kind_signed_amount_date_and_source_link()
    {
        var document = RenderView(TestLedger.DefiUnited());

        var rows = document.FindAll(".shortfall-items table tbody tr");
        Assert.Equal(
            [
                ["ETH withdrawn by borrowing against unbacked rsETH", "loss", "+99,600 ETH", "+99,600 ETH", "2026-04-25", "example.org"],
                ["Frozen on Arbitrum by its Security Council", "recovery", "−30,700 ETH", "−30,700 ETH", "2026-04-25", "example.org"],
            ],
            rows.Select(r => r.Children.Select(c => c.Text()).ToArray()));
        Assert.All(rows, r => Assert.Equal("https://example.org/report", r.QuerySelector("a")!.GetAttribute("href")));
    }
}
