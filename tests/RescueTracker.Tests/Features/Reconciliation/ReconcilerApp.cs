using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RescueTracker.Data;
using RescueTracker.Features.Chains;
using RescueTracker.Features.Figures;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>
/// The real app in memory on a seed of Anvil dev accounts and a SQLite file of its own. No chain is
/// configured, so the background loop stays idle: tests create reconcilers from the app's own
/// factory and call PollAsync themselves, then read the database, the figures and the API.
/// </summary>
internal sealed class ReconcilerApp : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rescuetracker-recon-" + Guid.NewGuid().ToString("N"));

    private readonly bool _quiet;

    private ReconcilerApp(TestSeed seed, bool quiet)
    {
        _quiet = quiet;
        Directory.CreateDirectory(_folder);
        File.WriteAllText(SeedPath, seed.ToJson());
    }

    public string SeedPath => Path.Combine(_folder, "seed.json");
    public string DatabasePath => Path.Combine(_folder, "rescuetracker.db");

    /// <summary>Lets a test break the reconciler's RPC traffic at a chosen request.</summary>
    public RpcFaults Faults { get; } = new();

    /// <summary>
    /// Migrated and seeded (the app's own start-up does it) before this returns. <paramref name="quiet"/>
    /// keeps only the app's errors in the test output: a drill's thousands of retries and ranges would bury it.
    /// </summary>
    public static ReconcilerApp Start(TestSeed seed, bool quiet = false)
    {
        var app = new ReconcilerApp(seed, quiet);
        _ = app.Services;
        return app;
    }

    /// <summary>Settings that keep a test fast: depth 2, quick retries, the whole chain from block 0.</summary>
    public static ChainSettings Fast(string rpcUrl, int maxLogRange = 2000) => new()
    {
        RpcUrl = new Uri(rpcUrl),
        Confirmations = 2,
        StartBlock = 0,
        MaxLogRange = maxLogRange,
        Retry = new ChainRetrySettings
        {
            MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50),
            AttemptTimeout = TimeSpan.FromSeconds(10),
        },
    };

    /// <summary>A new reconciler instance, as a restarted process would build it.</summary>
    public ChainReconciler Reconciler(long chainId, ChainSettings settings) =>
        Services.GetRequiredService<ChainReconcilerFactory>().Create(chainId, settings);

    public ChainReconciler Reconciler(long chainId, string rpcUrl) => Reconciler(chainId, Fast(rpcUrl));

    public RescueFigures Figures => Services.GetRequiredService<FiguresService>().Current;

    public RescueDbContext Db() => Services.GetRequiredService<IDbContextFactory<RescueDbContext>>().CreateDbContext();

    public async Task<List<Transfer>> TransfersAsync(long? chainId = null)
    {
        await using var db = Db();
        return await db.Transfers.AsNoTracking().Where(t => chainId == null || t.ChainId == chainId)
            .OrderBy(t => t.BlockNumber).ThenBy(t => t.Id).ToListAsync();
    }

    public async Task<ChainScanState> StateAsync(long chainId)
    {
        await using var db = Db();
        return await db.ChainScanStates.AsNoTracking().SingleAsync(s => s.ChainId == chainId);
    }

    /// <summary>The pledge with its history in order.</summary>
    public async Task<Pledge> PledgeAsync(string pledger)
    {
        await using var db = Db();
        var pledge = await db.Pledges.AsNoTracking().Include(p => p.History).SingleAsync(p => p.Pledger!.Name == pledger);
        pledge.History = [.. pledge.History.OrderBy(h => h.Id)];
        return pledge;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    public async Task<JsonElement> PledgeJsonAsync(string pledger) =>
        await GetJsonAsync($"/api/pledges/{(await PledgeAsync(pledger)).Id}");

    /// <summary>One chain's row of GET /api/status.</summary>
    public async Task<JsonElement> StatusJsonAsync(long chainId) =>
        (await GetJsonAsync("/api/status")).EnumerateArray().Single(c => c.GetProperty("chainId").GetInt64() == chainId);

    public async Task<string> GetHtmlAsync(string path)
    {
        using var client = CreateClient();
        return await client.GetStringAsync(path);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:RescueTracker", $"Data Source={DatabasePath};Pooling=False");
        builder.UseSetting("Seed:Path", SeedPath);
        if (_quiet) builder.UseSetting("Logging:LogLevel:RescueTracker", "Error");
        builder.ConfigureTestServices(services =>
            services.AddHttpClient(ChainReconcilerFactory.HttpClientName).AddHttpMessageHandler(() => new RpcFaultHandler(Faults)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* A leftover temp folder must not fail the run. */ }
    }
}
