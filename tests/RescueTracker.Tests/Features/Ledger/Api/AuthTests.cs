using System.Net;
using System.Net.Http.Headers;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>Bearer keys only: without a valid one 401 as problem details, never a redirect to the sign-in page.</summary>
public class AuthTests(TestApp app) : IClassFixture<TestApp>
{
    private static HttpRequestMessage CreatePledge() =>
        new(HttpMethod.Post, "/api/admin/pledges") { Content = AdminApi.JsonBody(Bodies.Pledge("Should never exist")) };

    private async Task AssertUnauthorizedAndUnchangedAsync(HttpClient client)
    {
        var before = await app.SnapshotAsync();

        var response = await client.SendAsync(CreatePledge());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await ApiJson.ReadAsync(response)).GetProperty("status").GetInt32());
        (await app.SnapshotAsync()).AssertSameAs(before);
    }

    [Fact]
    public async Task No_key_gets_401_not_a_redirect()
    {
        using var client = app.ClientWithKey(null);
        await AssertUnauthorizedAndUnchangedAsync(client);
    }

    [Theory]
    [InlineData("rtk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-key")]
    [InlineData("rtk_'; DROP TABLE ApiKeys; --")]
    public async Task An_unknown_or_malformed_key_gets_401(string key)
    {
        using var client = app.ClientWithKey(null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Bearer {key}");
        await AssertUnauthorizedAndUnchangedAsync(client);
    }

    [Fact]
    public async Task A_basic_authorization_header_gets_401()
    {
        using var client = app.ClientWithKey(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:admin"u8.ToArray()));
        await AssertUnauthorizedAndUnchangedAsync(client);
    }

    [Fact]
    public async Task A_revoked_key_gets_401_although_it_worked_before()
    {
        var email = await app.CreateUserAsync(AdminRoles.Editor, displayName: "Revoked Rita");
        var key = await app.CreateApiKeyAsync(email, "to be revoked");
        using var client = app.ClientWithKey(key.Key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/whoami")).StatusCode);

        await app.RevokeKeyAsync(key.Id);

        await AssertUnauthorizedAndUnchangedAsync(client);
    }

    [Fact]
    public async Task An_editor_key_enters_a_pledge_changes_its_status_and_adds_a_shortfall_item()
    {
        using var client = await app.EditorClientAsync();

        var created = await client.PostAsync("/api/admin/pledges", AdminApi.JsonBody(Bodies.Pledge("Editor's pledge", "2", "ETH", "proposed")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await ApiJson.ReadAsync(created)).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/admin/pledges/{id}/status", AdminApi.JsonBody(Bodies.Status("committed")))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/admin/shortfall-items", AdminApi.JsonBody(Bodies.Shortfall()))).StatusCode);
    }

    [Fact]
    public async Task An_admin_key_works_on_the_ledger_endpoints_too()
    {
        using var client = await app.AdminClientAsync();

        var response = await client.PostAsync("/api/admin/pledges", AdminApi.JsonBody(Bodies.Pledge("Admin's pledge", "2", "ETH", "proposed")));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Admin_API_answers_are_not_cached()
    {
        using var client = await app.EditorClientAsync();
        var id = await app.PledgeIdAsync("Mantle");

        var response = await client.GetAsync($"/api/admin/pledges/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, response.Headers.CacheControl?.ToString());
    }
}
