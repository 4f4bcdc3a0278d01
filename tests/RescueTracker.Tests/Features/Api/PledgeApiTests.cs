using System.Net;
using System.Text.Json;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Api;

/// <summary>GET /api/pledges and /api/pledges/{id} on the shipped seed.</summary>
public class PledgeApiTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly string[] ListFields =
        ["amount", "amountEth", "asset", "id", "pledger", "receivedEth", "source", "status", "terms", "voteDeadline"];

    [Fact]
    public async Task Pledge_list_has_all_nine_pledges_in_id_order_with_exactly_the_documented_fields()
    {
        var pledges = await Json.ReadAsync(await app.CreateClient().GetAsync("/api/pledges"));

        Assert.Equal(JsonValueKind.Array, pledges.ValueKind);
        Assert.Equal(Enumerable.Range(1, 9), pledges.EnumerateArray().Select(p => p.GetProperty("id").GetInt32()));
        Assert.All(pledges.EnumerateArray(), p => Assert.Equal(ListFields, p.FieldNames()));
    }

    [Fact]
    public async Task Lido_is_listed_with_its_exact_amount_asset_status_and_terms()
    {
        var pledges = await Json.ReadAsync(await app.CreateClient().GetAsync("/api/pledges"));

        var lido = pledges.EnumerateArray().Single(p => p.Str("pledger") == "Lido Finance");
        Assert.Equal(1, lido.GetProperty("id").GetInt32());
        Assert.Equal("2500", lido.Str("amount"));
        Assert.Equal("2500", lido.Str("amountEth"));
        Assert.Equal("stETH", lido.Str("asset"));
        Assert.Equal("proposed", lido.Str("status"));
        Assert.Equal("conditional", lido.Str("terms"));
        Assert.Equal("0", lido.Str("receivedEth"));
        Assert.Equal("https://igcurrencynews.com/lido-etherfi-aave-issue-multi-million-dollar-ransom-after-kelp-dao-exploit/", lido.Str("source"));
    }

    [Fact]
    public async Task Supporters_without_an_amount_are_listed_with_null_amounts()
    {
        var pledges = await Json.ReadAsync(await app.CreateClient().GetAsync("/api/pledges"));

        var supporters = pledges.EnumerateArray().Where(p => p.GetProperty("amount").ValueKind == JsonValueKind.Null).ToList();
        Assert.Equal(["Ethena", "LayerZero", "Ink Foundation", "Tydra"], supporters.Select(p => p.Str("pledger")));
        Assert.All(supporters, p =>
        {
            Assert.Equal(JsonValueKind.Null, p.GetProperty("amountEth").ValueKind);
            Assert.Equal(JsonValueKind.Null, p.GetProperty("asset").ValueKind);
            Assert.Equal("proposed", p.Str("status"));
            Assert.Equal("0", p.Str("receivedEth"));
        });
    }

    [Fact]
    public async Task Pledge_detail_adds_its_seed_history_and_no_transfers()
    {
        var response = await app.CreateClient().GetAsync("/api/pledges/1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lido = await Json.ReadAsync(response);
        Assert.Equal("Lido Finance", lido.Str("pledger"));
        Assert.Equal("2500", lido.Str("amount"));
        var history = Assert.Single(lido.GetProperty("history").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, history.GetProperty("from").ValueKind);
        Assert.Equal("proposed", history.Str("to"));
        Assert.Equal("seed", history.Str("actor"));
        Assert.Empty(lido.GetProperty("transfers").EnumerateArray());
        Assert.Equal(0, lido.GetProperty("transfersTotal").GetInt32());
    }

    [Fact]
    public async Task Unknown_pledge_id_is_404_problem_details()
    {
        var response = await app.CreateClient().GetAsync("/api/pledges/999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (await Json.ReadAsync(response)).GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData("99999999999")]
    public async Task Non_numeric_or_out_of_range_pledge_id_is_400_problem_details(string id)
    {
        var response = await app.CreateClient().GetAsync($"/api/pledges/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, (await Json.ReadAsync(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Unknown_api_path_is_a_404_problem_not_an_html_page()
    {
        var response = await app.CreateClient().GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
