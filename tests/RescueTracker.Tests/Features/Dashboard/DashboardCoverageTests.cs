using System.Numerics;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Data;
using RescueTracker.Tests.Features.History;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Dashboard;

/// <summary>
/// The dashboard's coverage chart over HTTP, from the revisions the app itself records: the seed's figures, a day later
/// a loss that revises the shortfall from 68,900 to 75,081 ETH, a day after that 1,000 ETH delivered to Stani's pledge.
/// </summary>
public class DashboardCoverageTests
{
    private static readonly DateTimeOffset Seeded = new(2026, 4, 25, 12, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<string> Rows(IDocument page) =>
        page.QuerySelectorAll(".coverage-table tbody tr").Select(r => string.Join(" | ", r.Children.Select(c => c.TextContent.Trim()))).ToList();

    [Fact]
    public async Task The_dashboard_draws_every_recorded_revision_with_its_exact_figures_and_links_to_the_history()
    {
        var clock = new ManualClock(Seeded);
        await using var app = new TestApp(new TestAppOptions
        {
            ReconcilerLoop = false,
            Services = services => services.AddSingleton<TimeProvider>(clock),
        }).Started();
        var client = app.CreateClient();

        var first = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));
        Assert.Equal(["2026-04-25T12:00:00Z | 68,900 ETH | 0 ETH | 6,000 ETH | 37,500 ETH"], Rows(first));
        Assert.Single(first.QuerySelectorAll("svg.coverage-svg rect.band"));

        clock.Advance(TimeSpan.FromDays(1));
        await app.WriteAsync(async db => db.ShortfallItems.Add(new ShortfallItem
        {
            Label = "Aave's own accounting, less what its liquidations recovered", Kind = ShortfallKind.Loss,
            Amount = 6181 * BigInteger.Pow(10, 18), AssetId = (await db.Assets.SingleAsync(a => a.Symbol == "ETH")).Id,
            Date = new DateOnly(2026, 4, 26), Source = "https://governance.aave.com/t/rseth-incident-report", RecordedAt = clock.GetUtcNow(),
        }));
        await app.RefreshFiguresAsync();
        clock.Advance(TimeSpan.FromDays(1));
        await app.AddTransferAsync("ETH", 1000 * BigInteger.Pow(10, 18), await app.PledgeIdAsync("Stani Kulechov (personal)"));
        await app.RefreshFiguresAsync();

        var page = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));
        Assert.Equal(
        [
            "2026-04-25T12:00:00Z | 68,900 ETH | 0 ETH | 6,000 ETH | 37,500 ETH",
            "2026-04-26T12:00:00Z | 75,081 ETH | 0 ETH | 6,000 ETH | 37,500 ETH",
            "2026-04-27T12:00:00Z | 75,081 ETH | 1,000 ETH | 5,000 ETH | 37,500 ETH",
        ], Rows(page));
        // The shortfall's own step line: 68,900 (y 46.11 on a plot topped by 75,081) and then 75,081 from the second revision on.
        Assert.Matches(@"^M16 46\.11 H\d+(\.\d+)? V28 H\d+(\.\d+)? V28 H984$", page.QuerySelector("svg.coverage-svg path.line-shortfall")!.GetAttribute("d"));
        Assert.Equal(
            "From 2026-04-27T12:00:00Z: shortfall 75,081 ETH; delivered 1,000 ETH; committed 5,000 ETH; proposed 37,500 ETH; uncovered if every pledge arrives 31,581 ETH",
            page.QuerySelectorAll("svg.coverage-svg rect.band title").Last().TextContent);
        Assert.Equal(["/api/history/figures", "/api/export/history.csv"],
            page.QuerySelectorAll(".coverage figcaption a").Select(a => a.GetAttribute("href")));

        var json = (await app.GetJsonAsync("/api/history/figures")).EnumerateArray().ToList();
        Assert.Equal(["68900", "75081", "75081"], json.Select(r => r.GetProperty("shortfallEth").GetString()));
        Assert.Equal(["0", "0", "1000"], json.Select(r => r.GetProperty("deliveredEth").GetString()));
    }
}
