using System.Net;
using System.Numerics;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>Off-chain deliveries, shortfall items, attribution of inflows, and unknown records.</summary>
public class OtherEndpointTests(TestApp app) : IClassFixture<TestApp>
{
    private static readonly BigInteger OneEth = BigInteger.Pow(10, 18);

    [Theory]
    [InlineData("-5", "https://example.org/wire", "amount", "The amount must be more than 0.")]
    [InlineData("1e2", "https://example.org/wire", "amount", "'1e2' is not a plain decimal number (digits with an optional '.' fraction; no exponent or separators).")]
    [InlineData("100", "javascript:alert(1)", "evidenceUrl", "The evidence URL must be an absolute http or https address.")]
    [InlineData("100", "", "evidenceUrl", "The evidence URL is required.")]
    public async Task An_offchain_delivery_with_a_bad_amount_or_evidence_URL_is_refused(string amount, string url, string field, string message)
    {
        var id = await app.PledgeIdAsync("Golem Foundation");
        using var client = await app.EditorClientAsync();
        var before = await app.SnapshotAsync();

        var response = await client.PostAsync($"/api/admin/pledges/{id}/offchain-deliveries", AdminApi.JsonBody(Bodies.Offchain(amount, url)));

        var problem = await ApiJson.AssertInvalidAsync(response, field);
        Assert.Equal(message, problem.Messages(field));
        (await app.SnapshotAsync()).AssertSameAs(before);
    }

    [Fact]
    public async Task An_offchain_delivery_for_a_pledge_without_an_amount_is_refused()
    {
        var id = await app.PledgeIdAsync("Ethena");
        using var client = await app.EditorClientAsync();

        var response = await client.PostAsync($"/api/admin/pledges/{id}/offchain-deliveries", AdminApi.JsonBody(Bodies.Offchain()));

        var problem = await ApiJson.AssertInvalidAsync(response, "amount");
        Assert.Equal("This pledge names no amount or asset; give it one before recording a delivery.", problem.Messages("amount"));
    }

    [Fact]
    public async Task A_shortfall_item_with_an_unknown_kind_a_bad_date_and_a_missing_source_names_all_three()
    {
        using var client = await app.EditorClientAsync();
        var body = Bodies.Shortfall().With("kind", "gain").With("date", "28/04/2026").With("source", "ftp://example.org/report");

        var problem = await ApiJson.AssertInvalidAsync(await client.PostAsync("/api/admin/shortfall-items", AdminApi.JsonBody(body)),
            "date", "kind", "source");
        Assert.Equal("'gain' is not a kind; use loss or recovery.", problem.Messages("kind"));
        Assert.Equal("'28/04/2026' is not a date in the form YYYY-MM-DD.", problem.Messages("date"));
    }

    [Fact]
    public async Task Attribution_to_an_unknown_pledge_is_refused()
    {
        var transfer = await app.AddTransferAsync("ETH", OneEth);
        using var client = await app.EditorClientAsync();

        var response = await client.PostAsync($"/api/admin/transfers/{transfer}/attribution", AdminApi.JsonBody(Bodies.Attribution(987_654)));

        var problem = await ApiJson.AssertInvalidAsync(response, "pledgeId");
        Assert.Equal("There is no pledge 987654.", problem.Messages("pledgeId"));
    }

    [Fact]
    public async Task Attribution_to_a_pledge_in_another_asset_is_refused()
    {
        var transfer = await app.AddTransferAsync("ETH", OneEth);
        var lido = await app.PledgeIdAsync("Lido Finance");
        using var client = await app.EditorClientAsync();

        var response = await client.PostAsync($"/api/admin/transfers/{transfer}/attribution", AdminApi.JsonBody(Bodies.Attribution(lido)));

        var problem = await ApiJson.AssertInvalidAsync(response, "pledgeId");
        Assert.Equal("The transfer is in ETH; the pledge is in another asset.", problem.Messages("pledgeId"));
    }

    [Fact]
    public async Task Attribution_to_a_withdrawn_pledge_is_refused_and_the_transfer_stays_unattributed()
    {
        var transfer = await app.AddTransferAsync("ETH", OneEth);
        using var client = await app.EditorClientAsync();
        var created = await ApiJson.ReadAsync(await client.PostAsync("/api/admin/pledges",
            AdminApi.JsonBody(Bodies.Pledge("Withdrawn before paying", "3", "ETH", "proposed"))));
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/admin/pledges/{id}/status",
            AdminApi.JsonBody(Bodies.Status("withdrawn", "Vote failed.")))).StatusCode);

        var response = await client.PostAsync($"/api/admin/transfers/{transfer}/attribution", AdminApi.JsonBody(Bodies.Attribution(id)));

        var problem = await ApiJson.AssertInvalidAsync(response, "pledgeId");
        Assert.Equal("The pledge is withdrawn.", problem.Messages("pledgeId"));
        await using var db = app.Db();
        Assert.Null((await db.Transfers.SingleAsync(t => t.Id == transfer)).PledgeId);
    }

    [Fact]
    public async Task A_transfer_already_attributed_cannot_be_attributed_again()
    {
        var golem = await app.PledgeIdAsync("Golem Foundation");
        var stani = await app.PledgeIdAsync("Stani Kulechov (personal)");
        var transfer = await app.AddTransferAsync("ETH", OneEth, pledgeId: golem);
        using var client = await app.EditorClientAsync();

        var response = await client.PostAsync($"/api/admin/transfers/{transfer}/attribution", AdminApi.JsonBody(Bodies.Attribution(stani)));

        var problem = await ApiJson.AssertInvalidAsync(response, "transferId");
        Assert.Equal($"The transfer is already attributed to pledge {golem}.", problem.Messages("transferId"));
    }

    [Theory]
    [InlineData("GET", "/api/admin/pledges/987654", null)]
    [InlineData("PUT", "/api/admin/pledges/987654", "edit")]
    [InlineData("POST", "/api/admin/pledges/987654/status", "status")]
    [InlineData("POST", "/api/admin/pledges/987654/offchain-deliveries", "offchain")]
    [InlineData("POST", "/api/admin/transfers/987654/attribution", "attribution")]
    public async Task An_unknown_pledge_or_transfer_id_gets_404_problem_details(string method, string path, string? body)
    {
        using var client = await app.EditorClientAsync();
        var content = body switch
        {
            "edit" => Bodies.Pledge().With("version", 1),
            "status" => Bodies.Status("withdrawn"),
            "offchain" => Bodies.Offchain(),
            "attribution" => Bodies.Attribution(1),
            _ => null,
        };
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content is null ? null : AdminApi.JsonBody(content) };

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Not found", (await ApiJson.ReadAsync(response)).Str("title"));
    }
}
