using System.Net;
using System.Numerics;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Features.Api;
using RescueTracker.Tests.Features.Reconciliation;
using RescueTracker.Tests.Features.Sharing;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Exports;

/// <summary>
/// Every public interface of the transparency table on a ledger the reconciler ingested from a real Anvil node. The
/// shipped shortfall (68,900 ETH) and four pledges: Stani 5 ETH committed, paid in two transfers (2 + 3: delivered);
/// EtherFi 3 ETH proposed, 1 ETH arrived and 0.5 ETH still pending; Lido 100 stETH (an ERC-20 at 0.98 ETH), proposed and
/// conditional, 40.5 arrived; Mantle 30 ETH proposed, a loan, nothing arrived; and 0.25 ETH from a sender nobody
/// announced. Delivered: 5 + 1 + 40.5 × 0.98 + 0.25 = 45.94 ETH. Outstanding proposed: 2 + 59.5 × 0.98 + 30 = 90.31 ETH.
/// </summary>
public sealed class IngestedLedgerAcceptanceTests(AnvilFixture fixture) : IClassFixture<AnvilFixture>, IAsyncLifetime
{
    private const string Stani = "Stani Kulechov (personal)";
    private const string EtherFi = "EtherFi Foundation";
    private const string Lido = "Lido Finance";
    private const string Mantle = "Mantle";
    private const string Stranger = DevAccounts.Account6;

    private AnvilNode _node = null!;
    private TestApp _app = null!;
    private long _scannedBlock;
    private readonly List<(string Path, HttpResponseMessage Response)> _answers = [];
    private readonly Dictionary<string, int> _ids = [];
    private readonly Dictionary<string, string> _hashes = [];

    public async Task InitializeAsync()
    {
        _node = await AnvilNode.StartAsync(1);
        var steth = await fixture.Contracts.DeployTokenAsync(_node, "Liquid staked Ether 2.0", "stETH", 18);
        var seed = TestSeed.Mainnet().Asset("stETH", 1, steth, ethRate: "0.98")
            .Pledge(Stani, "5", "ETH", "committed", DevAccounts.Account1)
            .Pledge(EtherFi, "3", "ETH", "proposed", DevAccounts.Account2)
            .Pledge(Lido, "100", "stETH", "proposed", DevAccounts.Account4)
            .Pledge(Mantle, "30", "ETH", "proposed", DevAccounts.Account5);
        _app = new TestApp(new TestAppOptions
        {
            SeedJson = seed.ToJson(),
            ReconcilerLoop = false,
            Settings = new Dictionary<string, string?>
            {
                ["Chains:1:RpcUrl"] = _node.RpcUrl, ["Chains:1:Confirmations"] = "2", ["Chains:1:ExplorerUrl"] = "https://etherscan.io",
            },
        }).Started();
        foreach (var name in new[] { Stani, EtherFi, Lido, Mantle }) _ids[name] = await _app.PledgeIdAsync(name);
        await _app.WriteAsync(async db =>
        {
            (await db.Pledges.SingleAsync(p => p.Id == _ids[Lido])).Terms = PledgeTerms.Conditional;
            (await db.Pledges.SingleAsync(p => p.Id == _ids[Mantle])).Terms = PledgeTerms.Loan;
        });
        await _app.RefreshFiguresAsync();

        await fixture.Contracts.MintAsync(_node, steth, DevAccounts.Account4, Wei.Eth(100));
        _hashes["stani1"] = await _node.Rpc.SendEthAsync(DevAccounts.Account1, TestSeed.Recovery, Wei.Eth(2));
        _hashes["stani2"] = await _node.Rpc.SendEthAsync(DevAccounts.Account1, TestSeed.Recovery, Wei.Eth(3));
        _hashes["etherfi"] = await _node.Rpc.SendEthAsync(DevAccounts.Account2, TestSeed.Recovery, Wei.Eth(1));
        _hashes["lido"] = await fixture.Contracts.TransferAsync(_node, steth, DevAccounts.Account4, TestSeed.Recovery, Wei.Tenths(405));
        _hashes["stranger"] = await _node.Rpc.SendEthAsync(Stranger, TestSeed.Recovery, Wei.OneEth / 4);
        await _node.Rpc.MineAsync(2);
        // Mined in the newest block: above the confirmation depth, stored as pending and counted nowhere.
        _hashes["pending"] = await _node.Rpc.SendEthAsync(DevAccounts.Account2, TestSeed.Recovery, Wei.Tenths(5));
        _scannedBlock = await _node.Rpc.BlockNumberAsync() - 2;
        await _app.Reconciler(1, _node.RpcUrl).PollAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var (_, response) in _answers) response.Dispose();
        await _app.DisposeAsync();
        await _node.DisposeAsync();
    }

    private async Task<HttpResponseMessage> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await _app.CreateClient().GetAsync(path);
        _answers.Add((path, response));
        Assert.True(response.StatusCode == expected, $"GET {path}: {response.StatusCode}\n{await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private async Task<JsonElement> JsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK) => await Json.ReadAsync(await GetAsync(path, expected));

    private async Task<Csv> CsvAsync(string path) => await Csv.ReadAsync(await GetAsync(path), path.Split('?')[0].Split('/')[^1]);

    private static ExactDecimal Sum(IEnumerable<string> values) => ExactDecimal.Sum(values.Select(ExactDecimal.Parse));

    private static string Figures(JsonElement f) => string.Join(" ",
        new[] { "shortfallEth", "deliveredEth", "outstandingCommittedEth", "outstandingProposedEth", "uncoveredNowEth" }.Select(n => f.Str(n)));

    [Fact]
    public async Task Every_interface_of_the_table_answers_as_pinned_and_the_csv_totals_equal_the_json_figures_exactly()
    {
        var summary = await JsonAsync("/api/summary");
        Assert.Equal(
            ("68900", "45.94", "0", "90.31", "68854.06", "68763.75"),
            (summary.Str("shortfallEth"), summary.Str("deliveredEth"), summary.Str("outstandingCommittedEth"), summary.Str("outstandingProposedEth"),
             summary.Str("uncoveredNowEth"), summary.Str("uncoveredIfAllArriveEth")));
        Assert.Equal(_scannedBlock, summary.GetProperty("blocks").GetProperty("1").GetInt64());
        Assert.Equal(["1"], summary.GetProperty("blocks").EnumerateObject().Select(b => b.Name));
        var delivered = ExactDecimal.Parse(summary.Str("deliveredEth")!);

        await PledgesAsync(delivered);
        await TransfersAsync(delivered);
        await HistoryAsync(summary);
        await FeedAsync();
        await BadgesAsync();
        await ScenariosAndPastFiguresAsync(summary);
        await ContributorsAsync(delivered);
        await GetAsync("/embed");

        // Every answer above but the embeddable card forbids framing.
        foreach (var (path, response) in _answers)
        {
            var csp = string.Join(";", response.Headers.TryGetValues("Content-Security-Policy", out var values) ? values : []);
            if (path == "/embed") Assert.Contains("frame-ancestors *", csp);
            else Assert.True(csp.Contains("frame-ancestors 'none'"), $"{path} answered with the policy '{csp}'");
        }
    }

    private async Task PledgesAsync(ExactDecimal delivered)
    {
        var csv = await CsvAsync("/api/export/pledges.csv");
        var json = (await JsonAsync("/api/pledges")).EnumerateArray().ToList();

        Assert.Equal(json.Select(p => p.Str("pledger")), csv.Rows.Select(r => (string?)r["pledger"]));
        Assert.Equal(json.Select(p => p.Str("receivedEth")), csv.Rows.Select(r => (string?)r["receivedEth"]));
        var byName = csv.Rows.ToDictionary(r => r["pledger"]);
        Assert.Equal(("5", "5", "delivered"), (byName[Stani]["received"], byName[Stani]["receivedEth"], byName[Stani]["status"]));
        Assert.Equal(("1", "1", "proposed"), (byName[EtherFi]["received"], byName[EtherFi]["receivedEth"], byName[EtherFi]["status"]));
        Assert.Equal(("40.5", "39.69", "conditional"), (byName[Lido]["received"], byName[Lido]["receivedEth"], byName[Lido]["terms"]));
        Assert.Equal(("0", "loan"), (byName[Mantle]["received"], byName[Mantle]["terms"]));
        foreach (var (name, id) in _ids)
            Assert.Equal((await JsonAsync($"/api/pledges/{id}")).Str("receivedEth"), byName[name]["receivedEth"]);

        // Delivered is what the pledges received plus what arrived from nobody's sender.
        var unattributed = await CsvAsync("/api/export/transfers.csv?attributed=false&status=confirmed");
        Assert.Equal(delivered, Sum(csv.Rows.Select(r => r["receivedEth"])) + Sum(unattributed.Rows.Select(r => r["amountEth"])));
        Assert.Equal(["Mantle"], (await CsvAsync("/api/export/pledges.csv?terms=loan")).Rows.Select(r => r["pledger"]));
    }

    private async Task TransfersAsync(ExactDecimal delivered)
    {
        var all = await CsvAsync("/api/export/transfers.csv");
        Assert.Equal(6, all.Rows.Count);
        Assert.Equal(_hashes.Values.Order(), all.Rows.Select(r => r["txHash"]).Order());
        Assert.Equal(delivered, Sum((await CsvAsync("/api/export/transfers.csv?status=confirmed&chainId=1")).Rows.Select(r => r["amountEth"])));

        var pending = Assert.Single((await CsvAsync("/api/export/transfers.csv?status=pending")).Rows);
        Assert.Equal((_hashes["pending"], "0.5", _ids[EtherFi].ToString()), (pending["txHash"], pending["amount"], pending["pledgeId"]));
        var stranger = Assert.Single((await CsvAsync("/api/export/transfers.csv?attributed=false")).Rows);
        Assert.Equal((_hashes["stranger"], Stranger, "0.25", "native", ""), (stranger["txHash"], stranger["from"], stranger["amountEth"], stranger["kind"], stranger["pledgeId"]));
        var lido = Assert.Single((await CsvAsync($"/api/export/transfers.csv?pledgeId={_ids[Lido]}")).Rows);
        Assert.Equal((_hashes["lido"], "erc20", "stETH", "40.5", "39.69"), (lido["txHash"], lido["kind"], lido["asset"], lido["amount"], lido["amountEth"]));
        Assert.Empty((await CsvAsync("/api/export/transfers.csv?chainId=42161")).Rows);

        // The pledge page's export link: every transfer of the pledge, as the transfer list gives them.
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await (await GetAsync($"/pledges/{_ids[EtherFi]}")).Content.ReadAsStringAsync());
        var export = page.QuerySelectorAll("section[aria-labelledby=received-heading] a").Single(a => a.TextContent == "Export CSV").GetAttribute("href")!;
        Assert.Equal($"/api/export/transfers.csv?pledgeId={_ids[EtherFi]}", export);
        Assert.Equal([_hashes["pending"], _hashes["etherfi"]], (await CsvAsync(export)).Rows.Select(r => r["txHash"]));

        foreach (var query in new[] { "", "?attributed=true&status=confirmed", $"?pledgeId={_ids[Stani]}", "?status=pending", "?chainId=1&sort=oldest" })
        {
            var csv = await CsvAsync("/api/export/transfers.csv" + query);
            var json = (await JsonAsync("/api/transfers" + query)).EnumerateArray().ToList();
            Assert.Equal(json.Select(t => t.Str("txHash")), csv.Rows.Select(r => (string?)r["txHash"]));
            Assert.Equal(json.Select(t => t.Str("amountEth")), csv.Rows.Select(r => (string?)r["amountEth"]));
        }
    }

    private async Task HistoryAsync(JsonElement summary)
    {
        var json = (await JsonAsync("/api/history/figures")).EnumerateArray().ToList();
        var csv = await CsvAsync("/api/export/history.csv");
        var revisions = csv.Rows.Where(r => r["kind"] == "figureRevision").ToList();

        await using (var db = _app.Db()) Assert.Equal(await db.FigureRevisions.CountAsync(), json.Count);
        Assert.Equal(json.Count, revisions.Count);
        Assert.Equal(json.Select(Figures), revisions.Select(r => string.Join(" ",
            r["shortfallEth"], r["deliveredEth"], r["outstandingCommittedEth"], r["outstandingProposedEth"], r["uncoveredNowEth"])));
        Assert.Equal(json.Select(r => r.GetProperty("at").GetDateTime()), revisions.Select(r => DateTime.Parse(r["at"], null, System.Globalization.DateTimeStyles.RoundtripKind)));
        Assert.Equal(Figures(summary), Figures(json[^1]));
        Assert.Equal("{\"1\":" + _scannedBlock + "}", revisions[^1]["blocks"]);
        Assert.Equal("0", json[0].Str("deliveredEth"));

        var delivered = Assert.Single(csv.Rows, r => r["kind"] == "statusChange" && r["to"] == "delivered");
        Assert.Equal((Stani, "committed", "reconciler", $"{_hashes["stani1"]} {_hashes["stani2"]}"),
            (delivered["pledger"], delivered["from"], delivered["actor"], delivered["evidence"]));
    }

    private async Task FeedAsync()
    {
        var feed = await FeedParser.ParseAsync(await (await GetAsync("/feed.atom")).Content.ReadAsByteArrayAsync());
        Assert.False(feed.Bozo, feed.Error);
        Assert.Equal("atom10", feed.Version);
        // One delivery entry per attributed confirmed transfer, its id the transfer's natural key.
        var attributed = (await JsonAsync("/api/transfers?attributed=true&status=confirmed")).EnumerateArray()
            .Select(t => $"urn:rescuetracker:transfer:1:{t.Str("txHash")}:{t.Str("kind")}:{(t.GetProperty("logIndex").ValueKind == JsonValueKind.Null ? "" : t.GetProperty("logIndex").GetRawText())}");
        Assert.Equal(attributed.Order(), feed.Entries.Where(e => e.Title.StartsWith("Received: ", StringComparison.Ordinal)).Select(e => e.Id).Order());
        var delivery = Assert.Single(feed.Entries, e => e.Title == $"Delivered: {Stani}, 5 ETH");
        Assert.Contains($"https://etherscan.io/tx/{_hashes["stani2"]}", delivery.Links);
        Assert.Contains(feed.Entries, e => e.Title == $"Received: 40.5 stETH from {Lido}");
        Assert.DoesNotContain(feed.Entries, e => e.Summary.Contains(_hashes["pending"], StringComparison.Ordinal) || e.Summary.Contains(_hashes["stranger"], StringComparison.Ordinal));

        var one = await FeedParser.ParseAsync(await (await GetAsync($"/feed.atom?pledgeId={_ids[Stani]}")).Content.ReadAsByteArrayAsync());
        Assert.False(one.Bozo, one.Error);
        Assert.All(one.Entries, e => Assert.EndsWith($"/pledges/{_ids[Stani]}", e.Link));
        Assert.Equal(4, one.Entries.Count); // recorded as committed, two transfers, delivered
    }

    private async Task BadgesAsync()
    {
        XNamespace svg = "http://www.w3.org/2000/svg";
        foreach (var (figure, title) in new[]
        {
            ("", "uncovered: 68,855 ETH of 68,900"),
            ("?figure=uncoveredNow", "uncovered: 68,855 ETH of 68,900"),
            ("?figure=uncoveredIfAllArrive", "uncovered if all arrive: 68,764 ETH of 68,900"),
            ("?figure=delivered", "delivered: 45 ETH of 68,900"),
        })
        {
            var response = await GetAsync("/badge.svg" + figure);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
            var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(svg + "svg", document.Root!.Name);
            Assert.Equal(title, document.Root.Element(svg + "title")!.Value);
        }
    }

    private async Task ScenariosAndPastFiguresAsync(JsonElement summary)
    {
        foreach (var (exclude, proposed, ifAll) in new[]
        {
            ("conditional", "32", "68822.06"), ("loan", "60.31", "68793.75"), ("conditional,loan", "2", "68852.06"),
        })
        {
            var scenario = await JsonAsync($"/api/summary?exclude={exclude}");
            Assert.Equal((proposed, ifAll, "45.94", "68854.06"), (scenario.Str("outstandingProposedEth"), scenario.Str("uncoveredIfAllArriveEth"),
                scenario.Str("deliveredEth"), scenario.Str("uncoveredNowEth")));
        }

        var history = (await JsonAsync("/api/history/figures")).EnumerateArray().ToList();
        var first = history[0].GetProperty("at").GetDateTime();
        var then = await JsonAsync($"/api/summary?at={first:yyyy-MM-ddTHH:mm:ss.fffffffZ}");
        Assert.Equal(Figures(history[0]), Figures(then));
        Assert.Equal(("68900", "0"), (then.Str("shortfallEth"), then.Str("deliveredEth")));
        var now = await JsonAsync($"/api/summary?at={DateTime.UtcNow.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}");
        Assert.Equal(Figures(summary), Figures(now));
        Assert.Equal(_scannedBlock, now.GetProperty("blocks").GetProperty("1").GetInt64());
        await GetAsync($"/api/summary?at={first.AddSeconds(-1):yyyy-MM-ddTHH:mm:ss.fffffffZ}", HttpStatusCode.NotFound);
    }

    private async Task ContributorsAsync(ExactDecimal delivered)
    {
        var json = (await JsonAsync("/api/contributors")).EnumerateArray()
            .Select(r => (r.Str("address"), r.GetProperty("transfers").GetInt32(), r.Str("totalEth"),
                r.GetProperty("pledgeId").ValueKind == JsonValueKind.Null ? (int?)null : r.GetProperty("pledgeId").GetInt32()))
            .ToList();
        Assert.Equal(
        [
            (DevAccounts.Account4, 1, "39.69", _ids[Lido]),
            (DevAccounts.Account1, 2, "5", _ids[Stani]),
            (DevAccounts.Account2, 1, "1", _ids[EtherFi]),
            (Stranger, 1, "0.25", null),
        ], json);

        var csv = await CsvAsync("/api/export/contributors.csv");
        Assert.Equal(json.Select(r => (r.Item1, r.Item2.ToString(), r.Item3, r.Item4?.ToString() ?? "")),
            csv.Rows.Select(r => ((string?)r["address"], r["transfers"], (string?)r["totalEth"], r["pledgeId"])));
        Assert.Equal(delivered, Sum(csv.Rows.Select(r => r["totalEth"])));
        Assert.Equal([Stranger], (await CsvAsync("/api/export/contributors.csv?attributed=false")).Rows.Select(r => r["address"]));
    }
}
