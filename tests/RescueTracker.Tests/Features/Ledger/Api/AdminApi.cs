using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>What the admin API tests do on a <see cref="TestApp"/>: call it with a role's key, revoke keys, compare the database.</summary>
public static class AdminApi
{
    /// <summary>The display name of the account behind <see cref="EditorClientAsync"/>; audit rows name it.</summary>
    public const string EditorName = "Erin Editor";
    public const string AdminName = "Ada Admin";

    public static Task<string> EditorKeyAsync(this TestApp app) => app.KeyForRoleAsync(AdminRoles.Editor, EditorName);

    public static async Task<HttpClient> EditorClientAsync(this TestApp app) => app.ClientWithKey(await app.EditorKeyAsync());

    public static async Task<HttpClient> AdminClientAsync(this TestApp app) => app.ClientWithKey(await app.KeyForRoleAsync(AdminRoles.Admin, AdminName));

    public static async Task RevokeKeyAsync(this TestApp app, int keyId)
    {
        await using var scope = app.Started().Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountService>().RevokeApiKeyAsync(Actor.CommandLine, keyId, CancellationToken.None);
        Assert.True(result.Succeeded, result.ToString());
    }

    public static Task<DatabaseSnapshot> SnapshotAsync(this TestApp app) => DatabaseSnapshot.TakeAsync(app.Started().Database);

    public static StringContent JsonBody(JsonNode body) => JsonBody(body.ToJsonString());

    public static StringContent JsonBody(string text) => new(text, Encoding.UTF8, "application/json");
}
