using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Admin.Accounts;

public class ApiKeyAuthenticationTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task A_key_acts_for_its_owner_with_the_owners_roles_and_names_itself_as_the_way_in()
    {
        var email = await app.CreateUserAsync("Editor");
        var key = (await app.CreateApiKeyAsync(email, "pledge bot")).Key;

        var response = await WhoAmIAsync(key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(email.Split('@')[0], json.RootElement.GetProperty("displayName").GetString());
        Assert.Equal("api key pledge bot", json.RootElement.GetProperty("via").GetString());
        Assert.Equal(["Editor"], json.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        await using var db = app.Database.CreateContext();
        Assert.Equal(db.Users.Single(u => u.Email == email).Id, json.RootElement.GetProperty("userId").GetString());
    }

    [Fact]
    public async Task Keys_are_stored_only_as_a_sha256_hash_and_a_short_prefix()
    {
        var email = await app.CreateUserAsync("Admin");
        var key = (await app.CreateApiKeyAsync(email, "hash check")).Key;

        await using var db = app.Database.CreateContext();
        var stored = db.ApiKeys.Single(k => k.Name == "hash check" && k.User!.Email == email);
        Assert.Matches("^rtk_[A-Za-z0-9_-]{43}$", key);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key))), stored.Hash);
        Assert.Equal(key[..12], stored.Prefix);
        Assert.DoesNotContain(db.AuditEntries.AsEnumerable(), e => (e.After ?? "").Contains(key[12..], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("rtk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-key")]
    [InlineData("")]
    public async Task An_unknown_or_malformed_key_gets_401(string key)
    {
        var response = await WhoAmIAsync(key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_revoked_key_gets_401()
    {
        var email = await app.CreateUserAsync("Admin");
        var key = (await app.CreateApiKeyAsync(email, "to revoke")).Key;
        Assert.Equal(HttpStatusCode.OK, (await WhoAmIAsync(key)).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var id = scope.ServiceProvider.GetRequiredService<RescueDbContext>().ApiKeys.Single(k => k.Name == "to revoke").Id;
            Assert.True((await scope.ServiceProvider.GetRequiredService<AccountService>().RevokeApiKeyAsync(Actor.CommandLine, id, default)).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await WhoAmIAsync(key)).StatusCode);
    }

    [Fact]
    public async Task A_key_whose_owner_is_locked_gets_401()
    {
        var email = await app.CreateUserAsync("Editor");
        var key = (await app.CreateApiKeyAsync(email)).Key;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var id = scope.ServiceProvider.GetRequiredService<RescueDbContext>().Users.Single(u => u.Email == email).Id;
            Assert.True((await scope.ServiceProvider.GetRequiredService<AccountService>().SetLockedAsync(Actor.CommandLine, id, true, default)).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await WhoAmIAsync(key)).StatusCode);
    }

    [Fact]
    public async Task A_key_whose_owner_has_no_admin_role_gets_403_problem_details()
    {
        var email = await app.CreateUserAsync("Editor");
        var key = (await app.CreateApiKeyAsync(email)).Key;
        await using (var db = app.Database.CreateContext())
        {
            var id = db.Users.Single(u => u.Email == email).Id;
            await db.UserRoles.Where(r => r.UserId == id).ExecuteDeleteAsync();
        }

        var response = await WhoAmIAsync(key);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Last_used_is_recorded_on_first_use_and_not_rewritten_within_the_minute()
    {
        var email = await app.CreateUserAsync("Admin");
        var key = (await app.CreateApiKeyAsync(email, "last used")).Key;

        await WhoAmIAsync(key);
        DateTimeOffset? first;
        await using (var db = app.Database.CreateContext()) first = db.ApiKeys.Single(k => k.Name == "last used").LastUsedAt;
        await WhoAmIAsync(key);
        await using (var db = app.Database.CreateContext())
        {
            Assert.NotNull(first);
            Assert.Equal(first, db.ApiKeys.Single(k => k.Name == "last used").LastUsedAt);
        }
    }

    private async Task<HttpResponseMessage> WhoAmIAsync(string key)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/whoami");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key.Length == 0 ? " " : key);
        return await client.SendAsync(request);
    }
}
