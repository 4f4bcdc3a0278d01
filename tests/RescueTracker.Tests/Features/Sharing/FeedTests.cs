using System.Net;
using System.Net.Http.Json;
using System.Numerics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Ledger;
using RescueTracker.Tests.Features.Api;
using RescueTracker.Tests.Features.History;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Sharing;

/// <summary>
/// /feed.atom read by a real feed reader: on the seed and after a withdrawal, a delivery and a shortfall revision, each
/// an hour apart on a clock moved by hand, so the order is known; ids that hold across renders; one pledge's feed and its
/// 400/404; the bound; and the feed announced in the head of the pages.
/// </summary>
public class FeedTests
{
    private static readonly DateTimeOffset Seeded = new(2026, 4, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private const string EtherFiTx = "0x" + "ab12" + "00000000000000000000000000000000000000000000000000000000000e";

    private static TestApp App(ManualClock clock) => new TestApp(new TestAppOptions
    {
        ReconcilerLoop = false,
        Settings = new Dictionary<string, string?>
        {
            ["Chains:1:RpcUrl"] = "http://127.0.0.1:9/", ["Chains:1:Confirmations"] = "12", ["Chains:1:ExplorerUrl"] = "https://etherscan.io",
        },
        Services = services => services.AddSingleton<TimeProvider>(clock),
    }).Started();

    [Fact]
    public async Task The_feed_parses_without_error_and_lists_new_pledges_changes_deliveries_and_shortfall_revisions_newest_first()
    {
        var clock = new ManualClock(Seeded);
        await using var app = App(clock);
        await ChangeLedgerAsync(app, clock);

        var response = await app.CreateClient().GetAsync("/feed.atom");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(RescueTracker.Hosting.Caching.PublicCacheAttribute.SharedCacheControl, response.Headers.CacheControl?.ToString());
        var feed = await FeedParser.ParseAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.False(feed.Bozo, feed.Error);
        Assert.Equal("atom10", feed.Version);

        await using var db = app.Db();
        var revisions = await db.FigureRevisions.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
        var changes = await db.PledgeStatusChanges.Where(c => c.From != null).OrderBy(c => c.Id).ToListAsync();
        var firsts = await db.PledgeStatusChanges.Where(c => c.From == null).OrderByDescending(c => c.Id).Select(c => c.PledgeId).ToListAsync();
        var withdrawn = Assert.Single(changes, c => c.To == PledgeStatus.Withdrawn);
        var delivered = Assert.Single(changes, c => c.To == PledgeStatus.Delivered);
        Assert.Equal(
            [
                $"urn:rescuetracker:figure-revision:{revisions[^1]}",
                $"urn:rescuetracker:status-change:{delivered.Id}",
                $"urn:rescuetracker:transfer:1:{EtherFiTx}:native:",
                $"urn:rescuetracker:status-change:{withdrawn.Id}",
                $"urn:rescuetracker:figure-revision:{revisions[0]}",
                .. firsts.Select(p => $"urn:rescuetracker:pledge:{p}"),
            ],
            feed.Entries.Select(e => e.Id));

        var revision = feed.Entries[0];
        Assert.Equal("Shortfall 75,081 ETH", revision.Title);
        Assert.StartsWith("The shortfall was revised from 68,900 ETH to 75,081 ETH.", revision.Summary);
        Assert.Equal("http://localhost/", revision.Link);
        Assert.Equal("2026-04-25T15:00:00Z", revision.Updated);

        var delivery = feed.Entries[1];
        Assert.Equal("Delivered: EtherFi Foundation, 5,000 ETH", delivery.Title);
        Assert.Equal($"http://localhost/pledges/{delivered.PledgeId}", delivery.Link);
        Assert.Contains($"https://etherscan.io/tx/{EtherFiTx}", delivery.Links);
        Assert.Contains(EtherFiTx, delivery.Summary);

        var transfer = feed.Entries[2];
        Assert.Equal("Received: 5,000 ETH from EtherFi Foundation", transfer.Title);
        Assert.Contains("block 22000001", transfer.Summary);
        Assert.Contains($"https://etherscan.io/tx/{EtherFiTx}", transfer.Links);

        var mantle = feed.Entries[3];
        Assert.Equal("Mantle: proposed to withdrawn", mantle.Title);
        Assert.Contains("30,000 ETH", mantle.Summary);
        Assert.Contains("https://governance.example.org/t/mantle/9", mantle.Links);

        Assert.Equal("The shortfall was first recorded at 68,900 ETH. Delivered 0 ETH; uncovered now 68,900 ETH; uncovered if every pledge arrives 25,400 ETH.",
            feed.Entries[4].Summary);
        var lido = feed.Entries.Single(e => e.Title.StartsWith("New pledge: Lido Finance", StringComparison.Ordinal));
        Assert.Equal("New pledge: Lido Finance, 2,500 stETH (proposed)", lido.Title);
        Assert.Contains("https://igcurrencynews.com/lido-etherfi-aave-issue-multi-million-dollar-ransom-after-kelp-dao-exploit/", lido.Links);
        Assert.Contains(feed.Entries, e => e.Title == "New supporter: Tydra, no amount named (proposed)");
    }

    [Fact]
    public async Task Every_render_gives_every_event_the_same_id_and_a_later_event_adds_one_without_renaming_the_others()
    {
        var clock = new ManualClock(Seeded);
        await using var app = App(clock);
        var client = app.CreateClient();

        var first = await ParsedAsync(client, "/feed.atom");
        // A refresh with nothing changed empties the cache: the next answer is a fresh render.
        await app.RefreshFiguresAsync();
        var second = await ParsedAsync(client, "/feed.atom");
        clock.Advance(TimeSpan.FromHours(1));
        await ChangeStatusAsync(app, "Mantle", "withdrawn");
        var third = await ParsedAsync(client, "/feed.atom");

        Assert.Equal(first.Entries.Select(e => e.Id), second.Entries.Select(e => e.Id));
        Assert.Equal(first.Entries.Select(e => e.Updated), second.Entries.Select(e => e.Updated));
        Assert.Equal(first.Entries.Count + 1, third.Entries.Count);
        Assert.Equal(first.Entries.Select(e => e.Id), third.Entries.Skip(1).Select(e => e.Id));
        Assert.StartsWith("urn:rescuetracker:status-change:", third.Entries[0].Id);
    }

    [Fact]
    public async Task One_pledges_feed_has_only_its_events_and_a_bad_or_unknown_id_is_a_problem()
    {
        var clock = new ManualClock(Seeded);
        await using var app = App(clock);
        await ChangeLedgerAsync(app, clock);
        var etherFi = await app.PledgeIdAsync("EtherFi Foundation");
        var client = app.CreateClient();

        var feed = await ParsedAsync(client, $"/feed.atom?pledgeId={etherFi}");

        Assert.Equal(["status-change", "transfer", "pledge"], feed.Entries.Select(e => e.Id.Split(':')[2]));
        Assert.All(feed.Entries, e => Assert.Equal($"http://localhost/pledges/{etherFi}", e.Link));
        Assert.Contains("EtherFi Foundation", feed.Title);
        foreach (var bad in new[] { "abc", "0", "-1", "1.5", $"{etherFi}&pledgeId={etherFi}" })
        {
            var refused = await client.GetAsync($"/feed.atom?pledgeId={bad}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal("pledgeId", (await Json.ReadAsync(refused)).Str("parameter"));
        }
        var missing = await client.GetAsync("/feed.atom?pledgeId=999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_feed_keeps_the_newest_hundred_entries()
    {
        var clock = new ManualClock(Seeded);
        await using var app = App(clock);
        var lido = await app.PledgeIdAsync("Lido Finance");
        await app.WriteAsync(async db =>
        {
            var steth = await db.Assets.SingleAsync(a => a.Symbol == "stETH");
            for (var i = 1; i <= 150; i++)
                db.Transfers.Add(Transfer(i, steth.Id, Ether, lido, Seeded.AddMinutes(i), TransferKind.Erc20, "0"));
        });

        var feed = await ParsedAsync(app.CreateClient(), "/feed.atom");

        Assert.Equal(100, feed.Entries.Count);
        Assert.Equal(Enumerable.Range(51, 100).Reverse().Select(i => $"urn:rescuetracker:transfer:1:{Hash(i)}:erc20:0"), feed.Entries.Select(e => e.Id));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/pledges")]
    [InlineData("/transfers")]
    [InlineData("/status")]
    [InlineData("/no-such-page")]
    public async Task Every_public_page_announces_the_feed_in_its_head(string path)
    {
        await using var app = App(new ManualClock(Seeded));
        var response = await app.CreateClient().GetAsync(path);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        var link = Assert.Single(document.Head!.QuerySelectorAll("link[rel=alternate][type='application/atom+xml']"));
        Assert.Equal("/feed.atom", link.GetAttribute("href"));
    }

    private static async Task<ParsedFeed> ParsedAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var feed = await FeedParser.ParseAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.False(feed.Bozo, feed.Error);
        return feed;
    }

    /// <summary>An hour each: Mantle withdrawn, EtherFi paid in full (a transfer, then delivered), the loss revised up to a 75,081 ETH shortfall.</summary>
    private static async Task ChangeLedgerAsync(TestApp app, ManualClock clock)
    {
        clock.Advance(TimeSpan.FromHours(1));
        await ChangeStatusAsync(app, "Mantle", "withdrawn");

        clock.Advance(TimeSpan.FromHours(1));
        var etherFi = await app.PledgeIdAsync("EtherFi Foundation");
        await app.WriteAsync(async db =>
        {
            var eth = await db.Assets.SingleAsync(a => a.Symbol == "ETH");
            var transfer = Transfer(1, eth.Id, 5000 * Ether, etherFi, clock.Now, TransferKind.Native, "");
            transfer.TxHash = EtherFiTx;
            db.Transfers.Add(transfer);
            await db.SaveChangesAsync();
            await DeliveryTracker.ApplyAsync(db, [etherFi], "reconciler", clock.Now, CancellationToken.None);
        });

        clock.Advance(TimeSpan.FromHours(1));
        await app.WriteAsync(async db =>
            (await db.ShortfallItems.SingleAsync(s => s.Kind == ShortfallKind.Loss)).Amount = (99_600 + 6_181) * Ether);
    }

    private static async Task ChangeStatusAsync(TestApp app, string pledger, string status)
    {
        var client = app.ClientWithKey(await app.KeyForRoleAsync(AdminRoles.Editor));
        var id = await app.PledgeIdAsync(pledger);
        var response = await client.PostAsJsonAsync($"/api/admin/pledges/{id}/status",
            new { status, reason = $"The {pledger} vote failed.", source = $"https://governance.example.org/t/{pledger.ToLowerInvariant()}/9" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Hash(int n) => "0x" + n.ToString("x64");

    private static Transfer Transfer(int n, int asset, BigInteger amount, int pledge, DateTimeOffset seen, TransferKind kind, string position) => new()
    {
        ChainId = 1, TxHash = Hash(n), Kind = kind, Position = position, BlockNumber = 22_000_000 + n, BlockHash = Hash(n),
        From = "0x" + n.ToString("x40"), To = "0x" + new string('2', 40), AssetId = asset, Amount = amount, Confirmed = true,
        PledgeId = pledge, SeenAt = seen,
    };
}
