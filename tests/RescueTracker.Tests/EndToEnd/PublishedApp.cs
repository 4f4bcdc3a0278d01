namespace RescueTracker.Tests.EndToEnd;

/// <summary>
/// Publishes the web app once per test run (Release, into a temp folder) and starts it the way
/// production does: <c>dotnet RescueTracker.dll --urls ...</c> from the publish folder, in Production.
/// </summary>
public sealed class PublishedApp : IAsyncLifetime
{
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "rescuetracker-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly SemaphoreSlim _sharedGate = new(1, 1);
    private RunningApp? _shared;

    public string PublishFolder => Path.Combine(_root, "publish");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        await using var publish = ChildProcess.Start(RepoPaths.Root, new Dictionary<string, string>(),
            "publish", "src/RescueTracker", "-c", "Release", "-o", PublishFolder,
            // No build servers left behind holding this run's output pipes open.
            "-nodeReuse:false", "-p:UseSharedCompilation=false");
        var exitCode = await publish.WaitForExitAsync(PublishTimeout);
        if (exitCode != 0) throw new InvalidOperationException($"dotnet publish failed with exit code {exitCode}:\n{publish.Output}");
    }

    /// <summary>A fresh temp database path; nothing is created until the app starts on it.</summary>
    public string NewDatabasePath() => Path.Combine(_root, "db-" + Guid.NewGuid().ToString("N"), "rescuetracker.db");

    /// <summary>Starts the published app on its own database file (and more settings when given).</summary>
    internal Task<RunningApp> StartAsync(string databasePath, IReadOnlyDictionary<string, string>? settings = null) =>
        RunningApp.StartAsync(PublishFolder, Environment(databasePath, settings), "RescueTracker.dll");

    /// <summary>Starts the published app without waiting for it to serve, for start-ups that must fail.</summary>
    internal ChildProcess Launch(string databasePath, IReadOnlyDictionary<string, string>? settings = null) =>
        ChildProcess.Start(PublishFolder, Environment(databasePath, settings),
            "RescueTracker.dll", "--urls", $"http://127.0.0.1:{FreePort.Next()}");

    /// <summary>One published app on the default seed, shared by the read-only tests of the run.</summary>
    internal async Task<RunningApp> SharedAsync()
    {
        await _sharedGate.WaitAsync();
        try
        {
            return _shared ??= await StartAsync(NewDatabasePath());
        }
        finally
        {
            _sharedGate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_shared is not null) await _shared.DisposeAsync();
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { /* A leftover temp folder must not fail the run. */ }
    }

    private static Dictionary<string, string> Environment(string databasePath, IReadOnlyDictionary<string, string>? settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__RescueTracker"] = $"Data Source={databasePath}",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
        return environment;
    }
}

[CollectionDefinition(Name)]
public sealed class PublishedAppCollection : ICollectionFixture<PublishedApp>
{
    public const string Name = "Published app";
}
