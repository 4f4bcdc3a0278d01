using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.EndToEnd;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>
/// The built app as its own process (<c>dotnet RescueTracker.dll</c> from its build folder, in
/// Production) watching one Anvil node as chain 1, with a seed and a database of its own: a SQLite file in its
/// folder, or in the POSTGRESQL build a fresh database on the test server. The test reads the API like a visitor
/// and the database read-only.
/// </summary>
internal sealed class AppProcess : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rescuetracker-recon-app-" + Guid.NewGuid().ToString("N"));
    private readonly TestDatabase? _postgreSql;

    public AppProcess(TestSeed seed, string rpcUrl, int maxLogRange = 2000)
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(SeedPath, seed.ToJson());
        if (TestDatabase.RunProvider == DatabaseProvider.PostgreSql) _postgreSql = TestDatabase.Create();
        ConnectionString = _postgreSql?.ConnectionString ?? $"Data Source={DatabasePath}";
        var environment = Watching(rpcUrl, SeedPath, maxLogRange);
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Database__Provider"] = TestDatabase.RunProvider.ToString();
        environment["ConnectionStrings__RescueTracker"] = ConnectionString;
        Environment = environment;
    }

    /// <summary>The settings of an app with this seed watching one node as chain 1 from block 0, two confirmations, polled every second.</summary>
    public static Dictionary<string, string> Watching(string rpcUrl, string seedPath, int maxLogRange = 2000) => new()
    {
        ["Seed__Path"] = seedPath,
        ["Chains__1__RpcUrl"] = rpcUrl,
        ["Chains__1__Confirmations"] = "2",
        ["Chains__1__PollInterval"] = "00:00:01",
        ["Chains__1__StartBlock"] = "0",
        ["Chains__1__MaxLogRange"] = maxLogRange.ToString(CultureInfo.InvariantCulture),
        // One line per RPC request otherwise: thousands during a catch-up, of no use to these tests.
        ["Logging__LogLevel__System.Net.Http.HttpClient"] = "Warning",
    };

    public static string BuildFolder => RepoPaths.Combine("src", "RescueTracker", "bin", RepoPaths.Configuration, "net10.0");

    public string SeedPath => Path.Combine(_folder, "seed.json");
    /// <summary>The SQLite file (the SQLite build only).</summary>
    public string DatabasePath => Path.Combine(_folder, "rescuetracker.db");

    /// <summary>What the app is given as <c>ConnectionStrings:RescueTracker</c>.</summary>
    public string ConnectionString { get; }
    public IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Starts the app and waits until it serves.</summary>
    public Task<RunningApp> StartAsync() => RunningApp.StartAsync(BuildFolder, Environment, "RescueTracker.dll");

    /// <summary>Starts the app without waiting, so a test can act on its very first writes.</summary>
    public ChildProcess Launch() =>
        ChildProcess.Start(BuildFolder, Environment, "RescueTracker.dll", "--urls", $"http://127.0.0.1:{FreePort.Next()}");

    /// <summary>A read-only view of the app's database; null while the app has not created it yet.</summary>
    public async Task<T?> ReadAsync<T>(Func<RescueDbContext, Task<T>> read)
    {
        if (_postgreSql is null && !File.Exists(DatabasePath)) return default;
        var options = _postgreSql?.Options ?? new DbContextOptionsBuilder<RescueDbContext>()
            .UseRescueSqlite($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False").Options;
        try
        {
            await using var db = new RescueDbContext(options);
            return await read(db);
        }
        catch (System.Data.Common.DbException)
        {
            // Not migrated yet, or a write holds the file for a moment.
            return default;
        }
    }

    /// <summary>The acceptance bound: checked every 200 ms, and true within 5 seconds.</summary>
    public static Task EventuallyAsync(Func<Task<bool>> condition, Func<Task<string>> describe) =>
        EventuallyAsync(condition, describe, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(200));

    public static async Task EventuallyAsync(Func<Task<bool>> condition, Func<Task<string>> describe, TimeSpan deadline, TimeSpan every)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > deadline) Assert.Fail($"Not true within {deadline.TotalSeconds} s: {await describe()}");
            await Task.Delay(every);
        }
    }

    public static async Task<JsonElement> GetJsonAsync(RunningApp app, string path)
    {
        using var response = await app.Client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    public void Dispose()
    {
        _postgreSql?.Dispose();
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* A leftover temp folder must not fail the run. */ }
    }
}
