using System.Net;
using System.Text.Json;
using RescueTracker.Tests.Features.Exports;
using RescueTracker.Tests.Infrastructure;
using static RescueTracker.Tests.Features.Discrepancies.DiscrepancyLedger;

namespace RescueTracker.Tests.Features.Discrepancies;

/// <summary>
/// GET /api/discrepancies on <see cref="DiscrepancyLedger"/>: every kind with its exact sentence and start, in the stable
/// order; the filters, the orders and their 400s; the clock deciding when a deadline has passed; the CSV row for row.
/// </summary>
public sealed class DiscrepancyApiTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = null!;

    public async Task InitializeAsync() => (_app, _clock) = await StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static string Row(JsonElement d) => string.Join(" | ",
        d.GetProperty("kind").GetString(), Id(d.GetProperty("pledgeId")), Id(d.GetProperty("transferId")),
        d.GetProperty("detail").GetString(), d.GetProperty("since").GetString());

    private static string Id(JsonElement id) => id.ValueKind == JsonValueKind.Null ? "-" : id.GetRawText();

    private async Task<List<string>> RowsAsync(string query = "") =>
        (await _app.GetJsonAsync("/api/discrepancies" + query)).EnumerateArray().Select(Row).ToList();

    private async Task<string[]> ExpectedAsync()
    {
        var stranger = await TransferIdAsync(_app, StrangerTx);
        var secondOver = await TransferIdAsync(_app, $"0x{2:x64}");
        return
        [
            $"partialPastDeadline | {await _app.PledgeIdAsync("Partial")} | - | Received 2.5 of 10 ETH and the deadline 2026-05-01 has passed: 7.5 ETH still to arrive. | 2026-05-02T00:00:00Z",
            $"proposalPastDeadline | {await _app.PledgeIdAsync("Proposal")} | - | 30,000 ETH still proposed after its vote deadline 2026-04-30. | 2026-05-01T00:00:00Z",
            $"unattributedInflow | - | {stranger} | 1.5 ETH from {Stranger} (transaction {StrangerTx}, block 7 on chain 1) is attributed to no pledge. | 2026-04-28T17:45:00Z",
            $"overDelivered | {await _app.PledgeIdAsync("Over")} | {secondOver} | Received 7 ETH against 5 ETH pledged: 2 ETH more. | 2026-04-27T10:30:00Z",
            $"committedWithoutEvidence | {await _app.PledgeIdAsync("Quiet")} | - | Committed with no evidence: no governance link or source on the pledge, and none on the status change that committed it. | 2026-04-25T12:00:00Z",
        ];
    }

    [Fact]
    public async Task Every_kind_is_listed_with_its_exact_detail_and_start_newest_first()
    {
        var body = await _app.GetJsonAsync("/api/discrepancies");

        Assert.Equal(await ExpectedAsync(), body.EnumerateArray().Select(Row));
        Assert.All(body.EnumerateArray(), d => Assert.Equal(["kind", "pledgeId", "transferId", "detail", "since"], d.EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public async Task A_deadline_passes_at_the_end_of_its_day_in_utc_by_the_apps_clock()
    {
        var future = await _app.PledgeIdAsync("Future");
        _clock.SetUtcNow(new DateTimeOffset(2026, 6, 1, 23, 59, 59, TimeSpan.Zero));
        await _app.RefreshFiguresAsync();
        Assert.Empty(await RowsAsync($"?pledgeId={future}"));

        _clock.SetUtcNow(new DateTimeOffset(2026, 6, 2, 0, 0, 0, TimeSpan.Zero));
        await _app.RefreshFiguresAsync();

        Assert.Equal([$"proposalPastDeadline | {future} | - | 1,000 ETH still proposed after its vote deadline 2026-06-01. | 2026-06-02T00:00:00Z"],
            await RowsAsync($"?pledgeId={future}"));
    }

    [Fact]
    public async Task Kind_and_pledge_filters_keep_only_their_rows()
    {
        var expected = await ExpectedAsync();
        var partial = await _app.PledgeIdAsync("Partial");

        Assert.Equal([expected[3]], await RowsAsync("?kind=overDelivered"));
        Assert.Equal([expected[2]], await RowsAsync("?kind=unattributedInflow"));
        Assert.Equal([expected[0]], await RowsAsync($"?pledgeId={partial}"));
        Assert.Equal([expected[0]], await RowsAsync($"?kind=partialPastDeadline&pledgeId={partial}"));
        Assert.Empty(await RowsAsync($"?kind=overDelivered&pledgeId={partial}"));
        Assert.Empty(await RowsAsync("?pledgeId=999"));
    }

    [Fact]
    public async Task Sort_orders_by_since_kind_or_pledger_either_way()
    {
        var e = await ExpectedAsync();

        Assert.Equal(e.Reverse(), await RowsAsync("?sort=since-asc"));
        Assert.Equal([e[2], e[3], e[0], e[1], e[4]], await RowsAsync("?sort=kind-asc"));
        Assert.Equal([e[4], e[1], e[0], e[3], e[2]], await RowsAsync("?sort=kind-desc"));
        // Pledgers A to Z (Over, Partial, Proposal, Quiet), the unattributed inflow (no pledger) first.
        Assert.Equal([e[2], e[3], e[0], e[1], e[4]], await RowsAsync("?sort=pledge-asc"));
        Assert.Equal([e[4], e[1], e[0], e[3], e[2]], await RowsAsync("?sort=pledge-desc"));
    }

    [Theory]
    [InlineData("?kind=overdelivered", "kind", "'overdelivered' is not a valid kind: use one of unattributedInflow, overDelivered, partialPastDeadline, proposalPastDeadline, committedWithoutEvidence.")]
    [InlineData("?kind=overDelivered&kind=unattributedInflow", "kind", "'kind' is given 2 times; give it once.")]
    [InlineData("?pledgeId=abc", "pledgeId", "'abc' is not a valid pledgeId: a pledge id is a positive whole number.")]
    [InlineData("?pledgeId=0", "pledgeId", "'0' is not a valid pledgeId: a pledge id is a positive whole number.")]
    [InlineData("?sort=newest", "sort", "'newest' is not a valid sort: use one of since-desc, since-asc, kind-asc, kind-desc, pledge-asc, pledge-desc.")]
    public async Task A_bad_filter_is_a_400_problem_naming_it_in_the_api_and_the_csv(string query, string parameter, string detail)
    {
        using var client = _app.CreateClient();
        foreach (var path in new[] { "/api/discrepancies", "/api/export/discrepancies.csv" })
        {
            using var response = await client.GetAsync(path + query);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(parameter, problem.RootElement.GetProperty("parameter").GetString());
            Assert.Equal(detail, problem.RootElement.GetProperty("detail").GetString());
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("?kind=overDelivered")]
    [InlineData("?sort=kind-desc")]
    [InlineData("?pledgeId=2&sort=since-asc")]
    public async Task The_csv_holds_the_json_rows_field_for_field_in_the_same_order(string query)
    {
        var json = (await _app.GetJsonAsync("/api/discrepancies" + query)).EnumerateArray().ToList();
        using var client = _app.CreateClient();

        var csv = await Csv.ReadAsync(await client.GetAsync("/api/export/discrepancies.csv" + query), "discrepancies.csv");

        Assert.Equal(["kind", "pledgeId", "transferId", "detail", "since"], csv.Header);
        Assert.Equal(json.Count, csv.Rows.Count);
        Assert.Equal(json.Select(Row), csv.Rows.Select(r => string.Join(" | ", r["kind"], r["pledgeId"] is "" ? "-" : r["pledgeId"],
            r["transferId"] is "" ? "-" : r["transferId"], r["detail"], Since(r["since"]))));
    }

    // The CSV writes instants to the tick, as every export does; the JSON as System.Text.Json writes a UTC DateTime.
    private static string Since(string csv) =>
        DateTime.Parse(csv, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind)
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
