using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using RescueTracker.Features.Chains;
using RescueTracker.Features.Pledges;

namespace RescueTracker.Tests.Components;

public class PledgePageTests
{
    private static readonly ChainsOptions Etherscan = new() { [1] = new ChainSettings { ExplorerUrl = new Uri("https://etherscan.io/") } };

    private static async Task<(IDocument Document, HttpContext Http)> RenderAsync(PledgeDatabase database, int id)
    {
        var http = new DefaultHttpContext();
        RenderFragment page = builder =>
        {
            builder.OpenComponent<PledgePage>(0);
            builder.AddComponentParameter(1, nameof(PledgePage.Id), id);
            builder.CloseComponent();
        };
        var document = await Render.ComponentAsync<CascadingValue<HttpContext>>(
            new Dictionary<string, object?> { ["Value"] = http, ["ChildContent"] = page }, database.Services);
        return (document, http);
    }

    private static async Task<IDocument> RenderEtherFiAsync()
    {
        var ledger = PledgeDetailsQueryTests.LedgerWithActivity();
        await using var database = await PledgeDatabase.CreateAsync(ledger, Etherscan);
        return (await RenderAsync(database, ledger.Pledge("EtherFi Foundation").Id)).Document;
    }

    [Fact]
    public async Task Unknown_pledge_renders_pledge_not_found_with_status_404()
    {
        await using var database = await PledgeDatabase.CreateAsync(TestLedger.DefiUnited());

        var (document, http) = await RenderAsync(database, 9999);

        Assert.Equal(404, http.Response.StatusCode);
        Assert.Equal("Pledge not found", document.QuerySelector("h1")!.Text());
    }

    [Fact]
    public async Task Known_pledge_keeps_status_200_and_shows_amount_status_and_partial_delivery()
    {
        var ledger = PledgeDetailsQueryTests.LedgerWithActivity();
        await using var database = await PledgeDatabase.CreateAsync(ledger, Etherscan);

        var (document, http) = await RenderAsync(database, ledger.Pledge("EtherFi Foundation").Id);

        Assert.Equal(200, http.Response.StatusCode);
        Assert.Equal("EtherFi Foundation", document.QuerySelector("h1")!.Text());
        Assert.Equal("5,000 ETH", document.QuerySelector(".pledge-amount")!.Text());
        Assert.Equal("committed", document.QuerySelector("header .status .badge")!.Text());
        Assert.Equal("partially delivered 1,600 of 5,000 ETH", document.QuerySelector("header .partial")!.Text());
        Assert.Equal("1,600 ETH incl. 100 ETH off-chain", document.QuerySelector("dd.received")!.Text());
    }

    [Fact]
    public async Task Status_history_is_a_timeline_oldest_first_with_reason_actor_and_source()
    {
        var document = await RenderEtherFiAsync();

        var items = document.QuerySelectorAll("ol.timeline > li");
        Assert.Equal(2, items.Length);
        Assert.Equal("recorded as proposed", items[0].QuerySelector(".transition")!.Text());
        // When the pledge was announced is what a delegate needs; when it was recorded here comes second.
        Assert.Equal("announced 2026-04-23", items[0].QuerySelector(".announced")!.Text());
        Assert.Equal("2026-04-23", items[0].QuerySelector(".announced time")!.GetAttribute("datetime"));
        Assert.NotNull(items[0].QuerySelector(".by time.recorded"));
        Assert.Null(items[1].QuerySelector(".announced"));
        Assert.Equal("proposed → committed", items[1].QuerySelector(".transition")!.Text());
        Assert.Equal("2026-04-26T00:00:00Z", items[1].QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("DAO vote passed", items[1].QuerySelector(".reason")!.Text());
        Assert.Equal("alice", items[1].QuerySelector(".actor")!.Text());
        Assert.Equal("https://gov.example.org/etherfi/42/result", items[1].QuerySelector(".by a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Transfers_are_newest_first_with_explorer_links_pending_state_and_admin_attribution()
    {
        var document = await RenderEtherFiAsync();

        var table = document.QuerySelector("table.transfers")!;
        Assert.NotNull(table.QuerySelector("caption"));
        Assert.Equal(
            ["Chain", "Block", "Transaction", "From", "Amount", "State", "Attributed"],
            table.QuerySelectorAll("thead th").Select(th => th.Text()));
        var rows = table.QuerySelectorAll("tbody tr");
        Assert.Equal(["300", "200", "100"], rows.Select(r => r.QuerySelectorAll("td")[1].Text()));
        Assert.Equal(["250 ETH", "500 ETH", "1,000 ETH"], rows.Select(r => r.QuerySelectorAll("td")[4].Text()));
        Assert.Equal(["pending", "confirmed", "confirmed"], rows.Select(r => r.QuerySelector(".badge")!.Text()));
        Assert.Equal(["sender address", "by an admin", "sender address"], rows.Select(r => r.QuerySelectorAll("td")[6].Text()));
        var link = rows[0].QuerySelector("td a.hash")!;
        Assert.Equal($"https://etherscan.io/tx/{link.Text()}", link.GetAttribute("href"));
    }

    [Fact]
    public async Task Transaction_hash_is_plain_text_when_no_explorer_is_configured()
    {
        var ledger = PledgeDetailsQueryTests.LedgerWithActivity();
        await using var database = await PledgeDatabase.CreateAsync(ledger);

        var (document, _) = await RenderAsync(database, ledger.Pledge("EtherFi Foundation").Id);

        Assert.Empty(document.QuerySelectorAll("table.transfers a"));
        Assert.Equal(3, document.QuerySelectorAll("table.transfers code.hash").Length);
    }

    [Fact]
    public async Task Off_chain_delivery_is_marked_off_chain_with_its_evidence()
    {
        var document = await RenderEtherFiAsync();

        var row = document.QuerySelector("table.offchain tbody tr")!;
        Assert.Equal("100 ETH", row.QuerySelectorAll("td")[1].Text());
        Assert.Equal("off-chain", row.QuerySelector(".badge-offchain")!.Text());
        Assert.Equal("https://example.org/receipt", row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Senders_governance_link_and_sources_are_listed()
    {
        var document = await RenderEtherFiAsync();

        Assert.Equal(
            ["0xaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "0xbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"],
            document.QuerySelectorAll("ul.addresses code").Select(c => c.Text()));
        Assert.Contains("https://gov.example.org/etherfi/42", document.QuerySelectorAll("ul.sources a").Select(a => a.GetAttribute("href")));
        Assert.Contains("https://example.org/receipt", document.QuerySelectorAll("ul.sources a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Over_delivered_pledge_page_carries_the_flag()
    {
        var ledger = TestLedger.DefiUnited();
        var golem = ledger.Pledge("Golem Foundation");
        ledger.AddTransfer(golem, ledger.Eth, "1500");
        await using var database = await PledgeDatabase.CreateAsync(ledger);

        var (document, _) = await RenderAsync(database, golem.Id);

        Assert.StartsWith("Over-delivered: 1,500 ETH arrived against 1,000 ETH pledged.", document.QuerySelector(".flag-over")!.Text());
    }

    [Fact]
    public async Task Pledge_page_has_no_style_attribute_and_no_script()
    {
        Render.AssertCspSafe(await RenderEtherFiAsync());
    }
}
