using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Features.Pledges;
using RescueTracker.Tests.Features.Api;
using RescueTracker.Tests.Features.Status;
using RescueTracker.Tests.Features.Transfers;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Pledges;

/// <summary>
/// A pledge paid in 60 transfers of 0.1 ETH (EtherFi, 5,000 ETH proposed), with a status change naming
/// 12 of them as evidence: the page lists the newest 50 and links to the paged transfer list; the API
/// returns all 60 (under its cap of 1,000) and counts them.
/// </summary>
public sealed class PledgeTransfersCapTests : IAsyncLifetime
{
    private readonly TestApp _app = new(new WatchedChains().Options);
    private int _pledgeId;
    private readonly List<string> _hashes = [];

    public async Task InitializeAsync()
    {
        await _app.WriteAsync(async db =>
        {
            var pledge = await db.Pledges.SingleAsync(p => p.Pledger!.Name == "EtherFi Foundation");
            var eth = await db.Assets.SingleAsync(a => a.Symbol == "ETH");
            _pledgeId = pledge.Id;
            for (var n = 1; n <= 60; n++)
            {
                _hashes.Add(TransferList.Hash(n));
                db.Transfers.Add(TransferList.Row(n, 1, TransferKind.Native, "", 100 + n, eth.Id, TransferList.Ether / 10, true, pledge.Id));
            }
            db.PledgeStatusChanges.Add(new PledgeStatusChange
            {
                PledgeId = pledge.Id, From = PledgeStatus.Proposed, To = PledgeStatus.Proposed, At = DateTimeOffset.UtcNow,
                Reason = "Checked against the first payments.", Actor = "test", Evidence = string.Join(' ', _hashes.Take(12)),
            });
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Text(IElement element) =>
        string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task Pledge_page_lists_the_newest_fifty_transfers_and_links_to_all_sixty_in_the_transfer_list()
    {
        var response = await _app.CreateClient().GetAsync($"/pledges/{_pledgeId}");
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var table = page.QuerySelector(".transfers table")!;
        Assert.Equal(PledgeTransfersTable.Shown, table.QuerySelectorAll("tbody tr").Length);
        Assert.Equal(Enumerable.Range(11, 50).Reverse().Select(TransferList.Hash),
            table.QuerySelectorAll("tbody tr td:nth-child(3) code").Select(Text));
        Assert.Equal("The newest 50 of 60 on-chain transfers attributed to this pledge", Text(table.QuerySelector("caption")!));
        var all = page.QuerySelector("p.more a[href^='/transfers']")!;
        Assert.Equal(("All 60 transfers of this pledge", $"/transfers?pledgeId={_pledgeId}"), (Text(all), all.GetAttribute("href")));
        Assert.Contains("Received so far: 6 ETH.", Text(page.QuerySelector("section[aria-labelledby=received-heading]")!));
    }

    [Fact]
    public async Task A_status_change_shows_ten_evidence_hashes_with_explorer_links_and_counts_the_rest()
    {
        var response = await _app.CreateClient().GetAsync($"/pledges/{_pledgeId}");
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        var entry = page.QuerySelectorAll("ol.timeline > li").Single(li => li.QuerySelector("ul.hashes") is not null);
        var links = entry.QuerySelectorAll("ul.hashes a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(_hashes.Take(PledgeDetailsQuery.EvidenceShown).Select(h => $"https://etherscan.io/tx/{h}"), links);
        Assert.Equal("and 2 more, among the transfers below.", Text(entry.QuerySelector(".evidence-more")!));
    }

    [Fact]
    public async Task Pledge_answer_holds_every_transfer_up_to_its_cap_and_their_count()
    {
        var json = await Json.ReadAsync(await _app.CreateClient().GetAsync($"/api/pledges/{_pledgeId}"));

        Assert.Equal(60, json.GetProperty("transfersTotal").GetInt32());
        Assert.Equal(60, json.GetProperty("transfers").GetArrayLength());
        Assert.Equal(TransferList.Hash(60), json.GetProperty("transfers")[0].GetProperty("txHash").GetString());
        Assert.Equal(12, json.GetProperty("history").EnumerateArray().Last().GetProperty("evidence").GetArrayLength());
    }
}
