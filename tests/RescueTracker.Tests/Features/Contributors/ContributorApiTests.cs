using System.Net;
using System.Text.Json;
using RescueTracker.Chain;
using RescueTracker.Tests.Features.Api;
using RescueTracker.Tests.Infrastructure;
using static RescueTracker.Tests.Features.Contributors.ContributorLedger;

namespace RescueTracker.Tests.Features.Contributors;

/// <summary>GET /api/contributors on <see cref="ContributorLedger"/>: one row per address, chain and pledge, exact totals.</summary>
public class ContributorApiTests : IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<List<(string? Address, long ChainId, int Transfers, string? TotalEth, int? PledgeId)>> RowsAsync(string query = "") =>
        (await _app.GetJsonAsync("/api/contributors" + query)).EnumerateArray()
        .Select(r => (r.Str("address"), r.GetProperty("chainId").GetInt64(), r.GetProperty("transfers").GetInt32(), r.Str("totalEth"),
            r.GetProperty("pledgeId").ValueKind == JsonValueKind.Null ? (int?)null : r.GetProperty("pledgeId").GetInt32()))
        .ToList();

    [Fact]
    public async Task Contributors_are_per_address_chain_and_pledge_largest_first_with_exact_totals()
    {
        var lido = await _app.PledgeIdAsync("Lido Finance");
        var stani = await _app.PledgeIdAsync("Stani");
        var tether = await _app.PledgeIdAsync("Tether");

        Assert.Equal(
        [
            (D, 1, 1, "123456789012.34567890123456789", null),
            (B, 1, 1, "200", stani),
            (A, 1, 2, "147.49", lido),
            (A, 1, 1, "1", null),
            (C, 1, 1, "0.4", tether),
        ], await RowsAsync());
        Assert.Equal(["address", "chainId", "pledgeId", "totalEth", "transfers"],
            (await _app.GetJsonAsync("/api/contributors")).EnumerateArray().First().FieldNames());
    }

    [Fact]
    public async Task Contributor_totals_add_up_to_the_delivered_figure_exactly()
    {
        var rows = await RowsAsync();
        var summary = await _app.GetJsonAsync("/api/summary");

        // No off-chain delivery is recorded here, so delivered is what moved on-chain and was confirmed.
        Assert.Equal("123456789361.23567890123456789", summary.Str("deliveredEth"));
        Assert.Equal(summary.Str("deliveredEth"), ExactDecimal.Sum(rows.Select(r => ExactDecimal.Parse(r.TotalEth!))).ToString());
        Assert.Equal(6, rows.Sum(r => r.Transfers));
        Assert.DoesNotContain(rows, r => r.Address == E);
    }

    [Fact]
    public async Task Sort_limit_and_offset_pick_the_rows_and_each_is_its_own_cache_entry()
    {
        Assert.Equal([C, A, A, B, D], (await RowsAsync("?sort=newest")).Select(r => r.Address));
        Assert.Equal([(A, 2), (A, 1), (B, 1), (C, 1), (D, 1)], (await RowsAsync("?sort=transfers")).Select(r => (r.Address, r.Transfers)));
        Assert.Equal([(A, "1"), (A, "147.49")], (await RowsAsync("?sort=newest&limit=2&offset=1")).Select(r => (r.Address, r.TotalEth)));
        Assert.Equal([D, B], (await RowsAsync("?limit=2")).Select(r => r.Address));
        Assert.Empty(await RowsAsync("?offset=5"));
    }

    [Theory]
    [InlineData("sort=biggest", "sort")]
    [InlineData("sort=Largest", "sort")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("sort=newest&sort=largest", "sort")]
    public async Task Bad_parameters_are_a_400_problem_naming_the_parameter(string query, string parameter)
    {
        var response = await _app.CreateClient().GetAsync("/api/contributors?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(parameter, (await Json.ReadAsync(response)).Str("parameter"));
    }
}
