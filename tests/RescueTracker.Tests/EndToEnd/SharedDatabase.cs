using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Features.Ledger.Api;

namespace RescueTracker.Tests.EndToEnd;

/// <summary>
/// The one database several app processes share: the settings each process is started with, how the test reads it,
/// and the operator's command line run on it. One implementation per provider; a test over several instances takes any.
/// </summary>
internal interface ISharedDatabase : IDisposable
{
    /// <summary>The provider and connection settings, as environment variables of an app process.</summary>
    IReadOnlyDictionary<string, string> AppSettings { get; }

    /// <summary>A context on the database for the test's own reads.</summary>
    RescueDbContext Open();

    /// <summary>A command-line verb of the built app (create-admin, create-api-key) on this database.</summary>
    Task<CliProcess.Result> RunCliAsync(string? stdin, params string[] args);
}

/// <summary>One SQLite file in WAL mode: any number of processes on one host read and write it.</summary>
internal sealed class SharedSqliteFile : ISharedDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rescuetracker-shared-" + Guid.NewGuid().ToString("N"));

    public SharedSqliteFile() => Directory.CreateDirectory(_folder);

    public string DatabasePath => Path.Combine(_folder, "rescuetracker.db");

    public IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["ConnectionStrings__RescueTracker"] = $"Data Source={DatabasePath}",
    };

    public RescueDbContext Open() =>
        new(new DbContextOptionsBuilder<RescueDbContext>().UseSqlite($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False").Options);

    public Task<CliProcess.Result> RunCliAsync(string? stdin, params string[] args) =>
        CliProcess.RunAsync($"Data Source={DatabasePath}", stdin, args);

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* A leftover temp folder must not fail the run. */ }
    }
}
