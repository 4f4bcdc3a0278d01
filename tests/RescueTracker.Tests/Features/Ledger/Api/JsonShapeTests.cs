using System.Text.Json.Nodes;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>Bodies are read strictly: wrong types, missing and unknown fields are 400s keyed by the field as sent.</summary>
public class JsonShapeTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string body)
    {
        using var client = await app.EditorClientAsync();
        return await client.SendAsync(new HttpRequestMessage(method, path) { Content = AdminApi.JsonBody(body) });
    }

    [Fact]
    public async Task A_number_for_the_amount_is_a_wrong_type()
    {
        var response = await SendAsync(HttpMethod.Post, "/api/admin/pledges", Bodies.Pledge().With("amount", 1000).ToJsonString());

        var problem = await ApiJson.AssertInvalidAsync(response, "amount");
        Assert.Equal("Expected a string or null, found the number 1000.", problem.Messages("amount"));
    }

    [Fact]
    public async Task A_string_for_the_version_is_a_wrong_type()
    {
        var id = await app.PledgeIdAsync("Golem Foundation");
        using var client = await app.EditorClientAsync();
        var state = await ApiJson.ReadAsync(await client.GetAsync($"/api/admin/pledges/{id}"));

        var response = await SendAsync(HttpMethod.Put, $"/api/admin/pledges/{id}", Bodies.Edit(state).With("version", "1").ToJsonString());

        var problem = await ApiJson.AssertInvalidAsync(response, "version");
        Assert.Equal("Expected a whole number, found a string.", problem.Messages("version"));
    }

    [Theory]
    [InlineData("pledger", "true", "Expected a string, found a boolean.")]
    [InlineData("senders", "\"0x1111111111111111111111111111111111111111\"", "Expected an array, found a string.")]
    [InlineData("senders", "[1]", "Expected an address string, found the number 1.")]
    [InlineData("announced", "20260426", "Expected a string or null, found the number 20260426.")]
    [InlineData("status", "null", "Expected a string, found null.")]
    public async Task Other_wrong_types_name_their_field(string field, string json, string message)
    {
        var body = Bodies.Pledge().With(field, JsonNode.Parse(json));

        var problem = await ApiJson.AssertInvalidAsync(await SendAsync(HttpMethod.Post, "/api/admin/pledges", body.ToJsonString()), field);
        Assert.Equal(message, problem.Messages(field));
    }

    [Theory]
    [InlineData("pledger")]
    [InlineData("amount")]
    [InlineData("terms")]
    [InlineData("senders")]
    public async Task A_missing_field_is_named(string field)
    {
        var problem = await ApiJson.AssertInvalidAsync(
            await SendAsync(HttpMethod.Post, "/api/admin/pledges", Bodies.Pledge().Without(field).ToJsonString()), field);
        Assert.Equal("Missing field.", problem.Messages(field));
    }

    [Theory]
    [InlineData("amountEth")]
    [InlineData("Amount")]
    [InlineData("id")]
    public async Task An_unknown_field_is_named(string field)
    {
        var problem = await ApiJson.AssertInvalidAsync(
            await SendAsync(HttpMethod.Post, "/api/admin/pledges", Bodies.Pledge().With(field, "1").ToJsonString()), field);
        Assert.Equal("Unknown field; check its spelling against the seed format.", problem.Messages(field));
    }

    [Theory]
    [InlineData("{\"pledger\": \"Aave DAO\",", "body")]
    [InlineData("[]", "body")]
    [InlineData("", "body")]
    public async Task A_body_that_is_not_a_JSON_object_is_refused_on_body(string text, string field)
    {
        await ApiJson.AssertInvalidAsync(await SendAsync(HttpMethod.Post, "/api/admin/pledges", text), field);
    }

    [Theory]
    [InlineData("{\"pledger\":\"\\ud800Aave\"", "pledger")]
    [InlineData("{\"pledger\":\"Aave\",\"amount\":\"\\udc00x1\"", "amount")]
    [InlineData("{\"\\ud800pledger\":\"Aave\"", "body")]
    public async Task A_lone_surrogate_escape_is_a_400_on_its_field_not_a_server_error(string start, string field)
    {
        var response = await SendAsync(HttpMethod.Post, "/api/admin/pledges", start + "}");

        var problem = await ApiJson.AssertInvalidAsync(response, field);
        Assert.Equal("The text is not valid Unicode: invalid UTF-8 or a lone surrogate escape.", problem.Messages(field));
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF_8_inside_a_string_are_a_400_on_its_field()
    {
        using var client = await app.EditorClientAsync();
        byte[] body = [.. "{\"pledger\":\"Aave"u8, 0xFF, 0xC3, 0x28, .. "\"}"u8];
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");

        var problem = await ApiJson.AssertInvalidAsync(await client.PostAsync("/api/admin/pledges", content), "pledger");
        Assert.Equal("The text is not valid Unicode: invalid UTF-8 or a lone surrogate escape.", problem.Messages("pledger"));
    }

    [Fact]
    public async Task Several_problems_are_reported_together()
    {
        var body = Bodies.Pledge().With("amount", "-1").With("asset", "ETH").With("terms", "gift").Without("announced").With("extra", 1);

        var problem = await ApiJson.AssertInvalidAsync(await SendAsync(HttpMethod.Post, "/api/admin/pledges", body.ToJsonString()),
            "announced", "extra");
        // Reading the shape fails first: the rules run only on a well-formed body.
        Assert.Equal("Missing field.", problem.Messages("announced"));
    }
}
