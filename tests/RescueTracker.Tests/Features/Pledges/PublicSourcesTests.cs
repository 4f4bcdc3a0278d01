using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using RescueTracker.Data;
using RescueTracker.Tests.Features.Api;
using RescueTracker.Tests.Features.Status;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Pledges;

/// <summary>
/// Sources and dates on the public pages of the shipped seed (chain 1 with an explorer): every shortfall item, every
/// pledge in the list and every status change on a pledge page shows where it comes from and when; the recovery
/// addresses are reachable from the dashboard, each linked to its chain's explorer.
/// </summary>
public sealed class PublicSourcesTests : IAsyncLifetime
{
    private const string Wallet = "0x1111111111111111111111111111111111111111";

    private readonly TestApp _app = new(new WatchedChains().Options);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<IDocument> PageAsync(string path) => new HtmlParser().ParseDocument(await _app.CreateClient().GetStringAsync(path));

    [Fact]
    public async Task Every_shortfall_item_on_the_dashboard_shows_its_date_and_links_its_source()
    {
        await using var db = _app.Db();
        var items = db.ShortfallItems.OrderBy(i => i.Id).ToList();

        var rows = (await PageAsync("/")).QuerySelectorAll(".shortfall-items tbody tr");

        Assert.Equal(items.Count, rows.Length);
        foreach (var (row, item) in rows.Zip(items))
        {
            Assert.Equal(item.Date.ToString("yyyy-MM-dd"), row.QuerySelector("td[data-label=Date] time")!.GetAttribute("datetime"));
            Assert.Equal(new Uri(item.Source).AbsoluteUri, row.QuerySelector("td[data-label=Source] a")!.GetAttribute("href"));
        }
    }

    [Fact]
    public async Task Every_pledge_in_the_list_shows_its_announcement_date_and_source_as_the_api_gives_them()
    {
        var pledges = (await _app.GetJsonAsync("/api/pledges")).EnumerateArray().ToDictionary(p => p.Str("pledger")!, p => p.Str("source"));
        await using var db = _app.Db();
        var announced = db.Pledges.Select(p => new { p.Pledger!.Name, p.Announced }).ToDictionary(p => p.Name, p => p.Announced);

        var rows = (await PageAsync("/pledges")).QuerySelectorAll(".pledges tbody tr");

        Assert.Equal(pledges.Count, rows.Length);
        foreach (var row in rows)
        {
            var name = row.QuerySelector("th")!.Text().Trim();
            Assert.Equal(announced[name]?.ToString("yyyy-MM-dd") ?? "unknown", row.QuerySelector("td[data-label=Announced]")!.Text().Trim());
            var link = row.QuerySelector("td[data-label=Source] a");
            Assert.Equal(pledges[name] is { } source ? new Uri(source).AbsoluteUri : null, link?.GetAttribute("href"));
        }
    }

    [Fact]
    public async Task Every_status_change_on_a_pledge_page_shows_its_time_and_its_source_or_that_none_was_given()
    {
        var mantle = await _app.PledgeIdAsync("Mantle");
        await _app.WriteAsync(async db =>
        {
            db.PledgeStatusChanges.Add(new PledgeStatusChange
            {
                PledgeId = mantle, From = PledgeStatus.Proposed, To = PledgeStatus.Withdrawn, Reason = "Pulled, no statement.",
                Actor = "editor@example.org", At = new DateTimeOffset(2026, 4, 27, 9, 30, 0, TimeSpan.Zero),
            });
            await Task.CompletedTask;
        });

        var json = await _app.PledgeJsonAsync("Mantle");
        var entries = (await PageAsync($"/pledges/{mantle}")).QuerySelectorAll("ol.timeline > li");

        var history = json.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(history.Count, entries.Length);
        Assert.True(history.Count >= 2);
        foreach (var (entry, change) in entries.Zip(history))
        {
            Assert.NotEmpty(entry.QuerySelectorAll("time[datetime]"));
            var by = entry.QuerySelector(".by")!;
            Assert.Contains("source:", by.Text());
            if (change.Str("source") is { } source) Assert.Equal(new Uri(source).AbsoluteUri, by.QuerySelector("a")!.GetAttribute("href"));
            else Assert.Equal("none given", by.QuerySelector(".none")!.Text());
        }
        Assert.Contains(entries, e => e.Text().Contains("2026-04-27T09:30:00Z") && e.Text().Contains("none given"));
    }

    [Fact]
    public async Task The_dashboard_links_to_the_recovery_addresses_and_each_links_to_its_chains_explorer()
    {
        await _app.WriteAsync(db =>
        {
            db.RecoveryAddresses.Add(new RecoveryAddress { ChainId = 1, Address = Wallet });
            return Task.CompletedTask;
        });

        var dashboard = await PageAsync("/");
        var link = dashboard.QuerySelectorAll("a").Single(a => a.Text() == "the recovery addresses").GetAttribute("href")!;
        var status = await PageAsync(link);

        Assert.Equal("/status#recovery-addresses", link);
        Assert.NotNull(status.GetElementById("recovery-addresses"));
        Assert.Equal($"https://etherscan.io/address/{Wallet}", status.GetElementById("recovery-chain-1")!.QuerySelector("a")!.GetAttribute("href"));
    }
}
