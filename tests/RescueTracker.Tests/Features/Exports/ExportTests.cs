using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Tests.Features.Api;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Exports;

/// <summary>
/// The CSV exports on a ledger with transfers: every row, the JSON API's exact strings, totals that add up to the
/// JSON figures, RFC 4180 quoting, the transfer list's filters and their 400s, and the links beside the tables.
/// </summary>
public class ExportTests(AppFixture<ExportLedger> fixture) : IClassFixture<AppFixture<ExportLedger>>
{
    private readonly TestApp _app = fixture.App;

    [Fact]
    public async Task Pledges_csv_has_every_pledge_of_the_json_list_and_its_received_adds_up_to_delivered_less_unattributed()
    {
        var client = _app.CreateClient();
        var csv = await Csv.ReadAsync(await client.GetAsync("/api/export/pledges.csv"), "pledges.csv");
        var json = (await Json.ReadAsync(await client.GetAsync("/api/pledges"))).EnumerateArray().ToList();

        Assert.Equal(["id", "pledger", "asset", "amount", "amountEth", "status", "terms", "received", "receivedEth", "source", "voteDeadline"], csv.Header);
        Assert.Equal(json.Count, csv.Rows.Count);
        foreach (var (row, pledge) in csv.Rows.Zip(json))
        {
            Assert.Equal(pledge.GetProperty("id").GetInt32().ToString(), row["id"]);
            foreach (var field in new[] { "pledger", "asset", "amount", "amountEth", "status", "terms", "receivedEth", "source", "voteDeadline" })
                Assert.Equal(pledge.Str(field) ?? "", row[field]);
        }
        Assert.Equal("1000.5", csv.Rows.Single(r => r["id"] == fixture.Profile.Lido.ToString())["received"]);
        Assert.Equal("2026-05-15", csv.Rows.Single(r => r["id"] == fixture.Profile.Lido.ToString())["voteDeadline"]);
        Assert.Equal("980.49", csv.Rows.Single(r => r["id"] == fixture.Profile.Lido.ToString())["receivedEth"]);

        var delivered = ExactDecimal.Parse((await Json.ReadAsync(await client.GetAsync("/api/summary"))).Str("deliveredEth")!);
        var unattributed = await Csv.ReadAsync(await client.GetAsync("/api/export/transfers.csv?attributed=false&status=confirmed"), "transfers.csv");
        var unattributedEth = ExactDecimal.Sum(unattributed.Rows.Select(r => ExactDecimal.Parse(r["amountEth"])));
        Assert.Equal(ExactDecimal.Parse("1.001"), unattributedEth);
        Assert.Equal(ExactDecimal.Parse("988.491"), delivered);
        Assert.Equal(delivered - unattributedEth, ExactDecimal.Sum(csv.Rows.Select(r => ExactDecimal.Parse(r["receivedEth"]))));
    }

    [Theory]
    [InlineData("chainId=1&status=confirmed&attributed=true")]
    [InlineData("status=pending")]
    [InlineData("chainId=42161")]
    [InlineData("pledgeId={lido}")]
    public async Task Transfers_csv_has_the_rows_and_fields_of_the_json_list_with_the_same_filter(string query)
    {
        query = query.Replace("{lido}", fixture.Profile.Lido.ToString());
        var client = _app.CreateClient();

        var csv = await Csv.ReadAsync(await client.GetAsync($"/api/export/transfers.csv?{query}"), "transfers.csv");
        var json = (await Json.ReadAsync(await client.GetAsync($"/api/transfers?{query}"))).EnumerateArray().ToList();

        Assert.Equal(["id", "chainId", "txHash", "kind", "logIndex", "blockNumber", "from", "to", "asset", "amount", "amountEth", "status", "pledgeId"],
            csv.Header);
        Assert.Equal(json.Count, csv.Rows.Count);
        foreach (var (row, transfer) in csv.Rows.Zip(json))
        {
            foreach (var field in csv.Header)
            {
                var value = transfer.GetProperty(field);
                Assert.Equal(value.ValueKind switch { System.Text.Json.JsonValueKind.Null => "", System.Text.Json.JsonValueKind.String => value.GetString(), _ => value.GetRawText() },
                    row[field]);
            }
        }
    }

    [Fact]
    public async Task Transfers_csv_has_no_row_cap()
    {
        var client = _app.CreateClient();
        await using var db = _app.Db();
        var all = await db.Transfers.CountAsync();

        var csv = await Csv.ReadAsync(await client.GetAsync("/api/export/transfers.csv"), "transfers.csv");
        var unattributed = await Csv.ReadAsync(await client.GetAsync("/api/export/transfers.csv?attributed=false"), "transfers.csv");
        var json = (await Json.ReadAsync(await client.GetAsync("/api/transfers?attributed=false"))).GetArrayLength();

        Assert.Equal(1005, all);
        Assert.Equal(all, csv.Rows.Count);
        Assert.Equal(ExportLedger.UnattributedSends, unattributed.Rows.Count);
        Assert.Equal(1000, json);
        Assert.Equal(unattributed.Rows.Select(r => r["id"]), csv.Rows.Where(r => r["pledgeId"] == "").Select(r => r["id"]));
    }

    [Fact]
    public async Task A_write_goes_through_while_a_client_is_still_reading_an_export()
    {
        using var response = await _app.CreateClient().GetAsync("/api/export/transfers.csv", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var start = new byte[64];
        await body.ReadExactlyAsync(start);

        // The export is under way, its rows still being read from the database: a writer must not wait for it.
        await using (var db = _app.Db())
            Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("""UPDATE "Rescues" SET "Description" = "Description" """));

        var rest = await new StreamReader(body).ReadToEndAsync();
        Assert.Equal(1005 + 1, (System.Text.Encoding.UTF8.GetString(start) + rest).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("status=maybe", "status")]
    [InlineData("chainId=abc", "chainId")]
    [InlineData("attributed=yes", "attributed")]
    [InlineData("pledgeId=-1", "pledgeId")]
    [InlineData("chainId=1&chainId=42161", "chainId")]
    public async Task Transfers_csv_with_a_bad_filter_is_a_400_problem_naming_it(string query, string parameter)
    {
        var response = await _app.CreateClient().GetAsync($"/api/export/transfers.csv?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(parameter, (await Json.ReadAsync(response)).Str("parameter"));
    }

    [Fact]
    public async Task A_pledger_name_with_a_comma_and_quotes_is_quoted_as_RFC_4180_says_and_reads_back_unchanged()
    {
        var csv = await Csv.ReadAsync(await _app.CreateClient().GetAsync("/api/export/pledges.csv"), "pledges.csv");

        Assert.Contains(",\"Golem \"\"GLM\"\" Foundation, Zug\",", csv.Text);
        Assert.Contains(csv.Rows, r => r["pledger"] == ExportLedger.OddName);
        Assert.StartsWith("id,pledger,asset,amount,amountEth,status,terms,received,receivedEth,source,voteDeadline\r\n", csv.Text);
        Assert.EndsWith("\r\n", csv.Text);
    }

    [Fact]
    public async Task History_csv_holds_every_status_change_and_figure_revision_oldest_first()
    {
        var client = _app.CreateClient();
        var csv = await Csv.ReadAsync(await client.GetAsync("/api/export/history.csv"), "history.csv");
        var figures = (await Json.ReadAsync(await client.GetAsync("/api/history/figures"))).EnumerateArray().ToList();
        await using var db = _app.Db();
        var changes = await db.PledgeStatusChanges.CountAsync();

        Assert.Equal("kind", csv.Header[0]);
        Assert.Equal(changes, csv.Rows.Count(r => r["kind"] == "statusChange"));
        Assert.True(changes >= 9, $"the seed records each pledge's first status; found {changes}");
        var revisions = csv.Rows.Where(r => r["kind"] == "figureRevision").ToList();
        Assert.Equal(2, revisions.Count);
        Assert.Equal(csv.Rows.Count, changes + revisions.Count);
        Assert.Equal(figures.Select(f => DateTimeOffset.Parse(f.Str("at")!)), revisions.Select(r => DateTimeOffset.Parse(r["at"])));
        foreach (var field in new[] { "shortfallEth", "deliveredEth", "outstandingCommittedEth", "outstandingProposedEth", "uncoveredNowEth" })
            Assert.Equal(figures.Select(f => f.Str(field)), revisions.Select(r => r[field]));
        Assert.Equal(["43500", "43450"], revisions.Select(r => r["pledgedEth"]));
        var times = csv.Rows.Select(r => DateTimeOffset.Parse(r["at"])).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Contains(csv.Rows, r => r["kind"] == "statusChange" && r["pledger"] == ExportLedger.OddName && r["to"] == "committed");
    }

    [Fact]
    public async Task The_pledge_and_transfer_pages_link_their_csv_export_and_the_transfer_link_keeps_the_filters()
    {
        var client = _app.CreateClient();
        var parser = new HtmlParser();

        var pledges = parser.ParseDocument(await client.GetStringAsync("/pledges"));
        var transfers = parser.ParseDocument(await client.GetStringAsync("/transfers?chainId=1&status=confirmed&attributed=true&limit=5&offset=5"));

        Assert.Contains(pledges.QuerySelectorAll("a"), a => a.TextContent == "Export CSV" && a.GetAttribute("href") == "/api/export/pledges.csv");
        Assert.Contains(transfers.QuerySelectorAll("a"), a => a.TextContent == "Export CSV"
            && a.GetAttribute("href") == "/api/export/transfers.csv?chainId=1&status=confirmed&attributed=true");
    }
}
