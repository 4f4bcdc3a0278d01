using System.Net.Http.Headers;
using System.Numerics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>
/// The real app in memory on its own SQLite file with the shipped seed, plus accounts and API keys
/// made through the app's own <see cref="AccountService"/>, so keys are hashed and audited as in production.
/// </summary>
public class AdminApiApp : RescueAppFactory
{
    public const string Password = "twelve chars or more, a passphrase";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

    /// <summary>The display name of the account behind <see cref="EditorClient"/>; audit rows name it.</summary>
    public const string EditorName = "Erin Editor";
    public const string AdminName = "Ada Admin";

    /// <summary>A new account with the role; the email is unique per call.</summary>
    public async Task<string> CreateUserAsync(string role, string displayName)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@rescue.example";
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateUserAsync(Actor.CommandLine, email, displayName, role, Password, CancellationToken.None);
        Assert.True(result.Succeeded, result.ToString());
        return email;
    }

    /// <summary>A key for the account, as the API keys page or create-api-key makes it.</summary>
    public async Task<CreatedApiKey> CreateKeyAsync(string email, string name = "test key")
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RescueDbContext>();
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var (result, key) = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateApiKeyAsync(Actor.CommandLine, userId, name, CancellationToken.None);
        Assert.True(result.Succeeded, result.ToString());
        return key!;
    }

    public async Task RevokeKeyAsync(int keyId)
    {
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AccountService>().RevokeApiKeyAsync(Actor.CommandLine, keyId, CancellationToken.None);
        Assert.True(result.Succeeded, result.ToString());
    }

    /// <summary>One account and key per role for the whole fixture: made once, then reused.</summary>
    public async Task<string> KeyForRoleAsync(string role)
    {
        await _gate.WaitAsync();
        try
        {
            if (_keys.TryGetValue(role, out var key)) return key;
            var email = await CreateUserAsync(role, role == AdminRoles.Admin ? AdminName : EditorName);
            return _keys[role] = (await CreateKeyAsync(email, $"{role} script")).Key;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A client that never follows redirects, so a redirect to a sign-in page would show as one.</summary>
    public HttpClient ClientWithKey(string? key)
    {
        var client = CreateClient(new() { AllowAutoRedirect = false });
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A cookie browser signed in through the sign-in form as a new account with the role.</summary>
    public async Task<FormClient> SignedInBrowserAsync(string role)
    {
        var email = await CreateUserAsync(role, $"Signed-in {role}");
        var browser = new FormClient(CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }));
        await browser.SignInAsync(email, Password);
        return browser;
    }

    public async Task<HttpClient> EditorClientAsync() => ClientWithKey(await KeyForRoleAsync(AdminRoles.Editor));

    public async Task<HttpClient> AdminClientAsync() => ClientWithKey(await KeyForRoleAsync(AdminRoles.Admin));

    public async Task<JsonElement> SummaryAsync()
    {
        using var client = CreateClient();
        return await ApiJson.ReadAsync(await client.GetAsync("/api/summary"));
    }

    public Task<DatabaseSnapshot> SnapshotAsync()
    {
        EnsureStarted();
        return DatabaseSnapshot.TakeAsync(Database.ConnectionString);
    }

    public RescueDbContext CreateContext()
    {
        EnsureStarted();
        return Database.CreateContext();
    }

    /// <summary>The host migrates and seeds the database on start, which happens on first use of the factory.</summary>
    private void EnsureStarted() => _ = Services;

    public async Task<int> PledgeIdAsync(string pledger)
    {
        await using var db = CreateContext();
        return await db.Pledges.Where(p => p.Pledger!.Name == pledger).Select(p => p.Id).SingleAsync();
    }

    /// <summary>An inflow as the reconciler would store it; the hash is unique per call.</summary>
    public async Task<long> AddTransferAsync(string assetSymbol, BigInteger amount, int? pledgeId = null, string from = "0x1111111111111111111111111111111111111111")
    {
        await using var db = CreateContext();
        var asset = await db.Assets.SingleAsync(a => a.Symbol == assetSymbol);
        var n = Guid.NewGuid().ToString("N");
        var transfer = new Transfer
        {
            ChainId = asset.ChainId, TxHash = "0x" + n + n, Kind = TransferKind.Native, Position = "", BlockNumber = 22_000_000,
            BlockHash = "0x" + n + n, From = from, To = "0x2222222222222222222222222222222222222222", AssetId = asset.Id,
            Amount = amount, Confirmed = true, PledgeId = pledgeId, SeenAt = FixedClock.SeedTime,
        };
        db.Transfers.Add(transfer);
        await db.SaveChangesAsync();
        return transfer.Id;
    }

    public static StringContent JsonBody(JsonNode body) => JsonBody(body.ToJsonString());

    public static StringContent JsonBody(string text) => new(text, Encoding.UTF8, "application/json");
}
