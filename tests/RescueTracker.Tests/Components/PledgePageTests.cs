using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RescueTracker.Features.Chains;
using RescueTracker.Features.Pledges;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Components;

public class PledgePageTests : ComponentTest
{
    private static readonly ChainsOptions Etherscan = new() { [1] = new ChainSettings { ExplorerUrl = new Uri("https://etherscan.io/") } };

    private PledgeDatabase? _database;

    protected override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    /// <summary>The page over a real SQLite database holding the ledger, as static rendering gives it: with the request's HttpContext.</summary>
    private async Task<(IRenderedComponent<PledgePage> Document, HttpContext Http)> RenderAsync(TestLedger ledger, int id, ChainsOptions? chains = null)
    {
        _database = await PledgeDatabase.CreateAsync(ledger, chains);
        Services.AddFallbackServiceProvider(_database.Services);
        // MudBlazor's registrations bring the options system, which would answer IOptions<ChainsOptions> with an empty one.
        Services.AddSingleton(_database.Services.GetRequiredService<IOptions<ChainsOptions>>());
        var http = new DefaultHttpContext();
        var document = Render<PledgePage>(page => page.Add(p => p.Id, id).Add(p => p.HttpContext, http));
        await document.WaitForStateAsync(() => document.FindAll("h1").Count > 0);
        return (document, http);
    }

    private async Task<IRenderedComponent<PledgePage>> RenderEtherFiAsync(ChainsOptions? chains = null)
    {
        var ledger = PledgeDetailsQueryTests.LedgerWithActivity();
        return (await RenderAsync(ledger, ledger.Pledge("EtherFi Foundation").Id, chains ?? Etherscan)).Document;
    }

    [Fact]
    public async Task Unknown_pledge_renders_pledge_not_found_with_status_404()
    {
        var (document, http) = await RenderAsync(TestLedger.DefiUnited(), 9999);

        Assert.Equal(404, http.Response.StatusCode);
        Assert.Equal("Pledge not found", document.Find("h1")!.Text());
    }

    [Fact]
    public async Task Known_pledge_keeps_status_200_and_shows_amount_status_and_partial_delivery()
    {
        var ledger = PledgeDetailsQueryTests.LedgerWithActivity();

        var (document, http) = await RenderAsync(ledger, ledger.Pledge("EtherFi Foundation").Id, Etherscan);

        Assert.Equal(200, http.Response.StatusCode);
        Assert.Equal("EtherFi Foundation", document.Find("h1")!.Text());
        Assert.Equal("5,000 ETH", document.Find(".pledge-amount")!.Text());
        Assert.Equal("committed", document.Find("header .status .badge").Text());
        Assert.Equal("partially delivered 1,600 of 5,000 ETH", document.Find("header .partial")!.Text());
        Assert.Equal("1,600 ETH incl. 100 ETH off-chain", document.Find("dd.received")!.Text());
    }

    [Fact]
    public async Task Status_history_is_a_timeline_oldest_first_with_reason_actor_and_source()
    {
        var document = await RenderEtherFiAsync();

        var items = document.FindAll("ol.timeline > li");
        Assert.Equal(2, items.Count);
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

        var table = document.Find(".transfers table")!;
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

        var (document, _) = await RenderAsync(ledger, ledger.Pledge("EtherFi Foundation").Id);

        Assert.Empty(document.FindAll(".transfers table a"));
        Assert.Equal(3, document.FindAll(".transfers table code.hash").Count);
    }

    [Fact]
    public async Task Off_chain_delivery_is_marked_off_chain_with_its_evidence()
    {
        var document = await RenderEtherFiAsync();

        var row = document.Find(".offchain table tbody tr")!;
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
            document.FindAll("ul.addresses code").Select(c => c.Text()));
        Assert.Contains("https://gov.example.org/etherfi/42", document.FindAll("ul.sources a").Select(a => a.GetAttribute("href")));
        Assert.Contains("https://example.org/receipt", document.FindAll("ul.sources a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Over_delivered_pledge_page_carries_the_flag()
    {
        var ledger = TestLedger.DefiUnited();
        var golem = ledger.Pledge("Golem Foundation");
        ledger.AddTransfer(golem, ledger.Eth, "1500");

        var (document, _) = await RenderAsync(ledger, golem.Id);

        Assert.StartsWith("Over-delivered: 1,500 ETH arrived against 1,000 ETH pledged.", document.Find(".flag-over")!.Text());
    }

    [Fact]
    public async Task Pledge_page_has_no_script()
    {
        Html.AssertNoScript((await RenderEtherFiAsync()).Nodes.OfType<IElement>());
    }
}
