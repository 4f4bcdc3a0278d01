using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using RescueTracker.Chain;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>Rules that need the ledger: one open pledge per (sender, asset), committed needs evidence, edits keep the status.</summary>
public class PledgeRuleTests(TestApp app) : IClassFixture<TestApp>
{
    // Distinct per test, so tests in this class never collide through a shared sender.
    private static string Address(byte seed) => new EthAddress(Enumerable.Repeat(seed, 20).ToArray()).ToString();

    private async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(JsonObject body)
    {
        using var client = await app.EditorClientAsync();
        var response = await client.PostAsync("/api/admin/pledges", AdminApi.JsonBody(body));
        return (response, response.StatusCode == HttpStatusCode.Created ? await ApiJson.ReadAsync(response) : default);
    }

    [Fact]
    public async Task A_sender_already_paying_the_same_asset_for_an_open_pledge_is_refused_for_another()
    {
        var sender = Address(0xA1);
        var (first, state) = await PostAsync(Bodies.Pledge("First payer").With("senders", new JsonArray(sender)));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        var (second, _) = await PostAsync(Bodies.Pledge("Second payer").With("senders", new JsonArray(sender.ToLowerInvariant())));

        var problem = await ApiJson.AssertInvalidAsync(second, "senders");
        Assert.Equal($"Item 1: {sender.ToLowerInvariant()} already pays this asset for First payer (pledge {state.GetProperty("id").GetInt32()}); a sender and asset belong to one open pledge.",
            problem.Messages("senders"));
    }

    [Fact]
    public async Task The_same_sender_may_pay_another_asset_or_replace_a_withdrawn_pledge()
    {
        var sender = Address(0xB2);
        var (first, state) = await PostAsync(Bodies.Pledge("Two assets").With("senders", new JsonArray(sender)));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Bodies.Pledge("Two assets", "5", "WETH").With("senders", new JsonArray(sender)))).Response.StatusCode);
        using var client = await app.EditorClientAsync();
        var withdrawn = await client.PostAsync($"/api/admin/pledges/{state.GetProperty("id").GetInt32()}/status",
            AdminApi.JsonBody(Bodies.Status("withdrawn", "Pulled.")));
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Bodies.Pledge("Replacement").With("senders", new JsonArray(sender)))).Response.StatusCode);
    }

    [Fact]
    public async Task The_same_address_twice_in_one_pledge_is_refused()
    {
        var sender = Address(0xC3);
        var (response, _) = await PostAsync(Bodies.Pledge("Twice").With("senders", new JsonArray(sender, sender.ToLowerInvariant())));

        var problem = await ApiJson.AssertInvalidAsync(response, "senders");
        Assert.Equal($"Item 2: Address {sender.ToLowerInvariant()} is listed twice.", problem.Messages("senders"));
    }

    [Fact]
    public async Task Committed_without_a_governance_URL_or_a_source_is_refused_on_status()
    {
        var (response, _) = await PostAsync(Bodies.Pledge().With("source", null));

        var problem = await ApiJson.AssertInvalidAsync(response, "status");
        Assert.Equal("A committed pledge needs its evidence: a governanceUrl (the passed vote) or a source.", problem.Messages("status"));
    }

    [Fact]
    public async Task Committed_with_only_a_governance_URL_is_accepted()
    {
        var (response, body) = await PostAsync(Bodies.Pledge("Vote passed").With("source", null).With("governanceUrl", "https://snapshot.org/#/aave.eth/proposal/1"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("https://snapshot.org/#/aave.eth/proposal/1", body.Str("governanceUrl"));
    }

    [Fact]
    public async Task A_stale_version_gets_409_with_the_current_values_and_overwrites_nothing()
    {
        var (created, state) = await PostAsync(Bodies.Pledge("Two editors", "1000", "ETH", "proposed"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = state.GetProperty("id").GetInt32();
        using var client = await app.EditorClientAsync();
        var first = await client.PutAsync($"/api/admin/pledges/{id}", AdminApi.JsonBody(Bodies.Edit(state).With("amount", "1500")));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var before = await app.SnapshotAsync();

        var second = await client.PutAsync($"/api/admin/pledges/{id}", AdminApi.JsonBody(Bodies.Edit(state).With("amount", "2000")));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await ApiJson.ReadAsync(second);
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        var current = problem.GetProperty("current");
        Assert.Equal(id, current.GetProperty("id").GetInt32());
        Assert.Equal(2, current.GetProperty("version").GetInt32());
        Assert.Equal("1500", current.Str("amount"));
        Assert.Equal("Two editors", current.Str("pledger"));
        (await app.SnapshotAsync()).AssertSameAs(before);
        Assert.Equal("1500", (await ApiJson.ReadAsync(await client.GetAsync($"/api/admin/pledges/{id}"))).Str("amount"));
    }

    [Fact]
    public async Task A_stale_version_on_a_status_change_gets_409_and_keeps_the_status()
    {
        var (_, state) = await PostAsync(Bodies.Pledge("Stale status", "10", "ETH", "proposed"));
        var id = state.GetProperty("id").GetInt32();
        using var client = await app.EditorClientAsync();

        var response = await client.PostAsync($"/api/admin/pledges/{id}/status", AdminApi.JsonBody(Bodies.Status("committed").With("version", 7)));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("proposed", (await ApiJson.ReadAsync(response)).GetProperty("current").Str("status"));
    }

    [Fact]
    public async Task An_edit_without_a_version_is_refused_on_version()
    {
        var id = await app.PledgeIdAsync("EtherFi Foundation");
        using var client = await app.EditorClientAsync();
        var state = await ApiJson.ReadAsync(await client.GetAsync($"/api/admin/pledges/{id}"));

        var response = await client.PutAsync($"/api/admin/pledges/{id}", AdminApi.JsonBody(Bodies.Edit(state).Without("version")));

        var problem = await ApiJson.AssertInvalidAsync(response, "version");
        Assert.Equal("The version you edited is required, so that nobody's change is overwritten silently.", problem.Messages("version"));
    }

    [Fact]
    public async Task A_PUT_that_changes_the_status_is_refused_and_the_pledge_keeps_it()
    {
        var id = await app.PledgeIdAsync("Mantle");
        using var client = await app.EditorClientAsync();
        var state = await ApiJson.ReadAsync(await client.GetAsync($"/api/admin/pledges/{id}"));

        var response = await client.PutAsync($"/api/admin/pledges/{id}", AdminApi.JsonBody(Bodies.Edit(state).With("status", "committed")));

        var problem = await ApiJson.AssertInvalidAsync(response, "status");
        Assert.Equal("An edit keeps the status (proposed); change it through the status change, with a reason and a source.", problem.Messages("status"));
        Assert.Equal("proposed", (await ApiJson.ReadAsync(await client.GetAsync($"/api/admin/pledges/{id}"))).Str("status"));
    }

    [Theory]
    [InlineData("delivered", "status", "Delivered is never set by hand: it follows received transfers or a recorded off-chain delivery.")]
    [InlineData("Committed", "status", "'Committed' is not a status; use proposed, committed, withdrawn.")]
    [InlineData("proposed", "status", "The pledge is already proposed.")]
    public async Task The_status_endpoint_refuses_delivered_unknown_and_unchanged_statuses(string status, string field, string message)
    {
        var id = await app.PledgeIdAsync("Lido Finance");
        using var client = await app.EditorClientAsync();

        var response = await client.PostAsync($"/api/admin/pledges/{id}/status", AdminApi.JsonBody(Bodies.Status(status)));

        var problem = await ApiJson.AssertInvalidAsync(response, field);
        Assert.Equal(message, problem.Messages(field));
    }

    [Fact]
    public async Task A_status_change_needs_a_reason_and_a_source()
    {
        var id = await app.PledgeIdAsync("Lido Finance");
        using var client = await app.EditorClientAsync();

        var response = await client.PostAsync($"/api/admin/pledges/{id}/status", AdminApi.JsonBody(Bodies.Status("committed", "  ", "not-a-url")));

        var problem = await ApiJson.AssertInvalidAsync(response, "reason", "source");
        Assert.Equal("A reason is required.", problem.Messages("reason"));
        Assert.Equal("The evidence URL (such as the passed vote) must be an absolute http or https address.", problem.Messages("source"));
    }
}
