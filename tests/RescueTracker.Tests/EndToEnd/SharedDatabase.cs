using RescueTracker.Data;
using RescueTracker.Tests.Infrastructure;

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

/// <summary>
/// A fresh database on this run's provider (<see cref="TestDatabase.RunProvider"/>): one SQLite file in WAL mode, which
/// any number of processes on one host read and write, or a database on the test run's PostgreSQL server.
/// </summary>
internal sealed class SharedTestDatabase(TestDatabase database) : ISharedDatabase
{
    public IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["ConnectionStrings__RescueTracker"] = database.ConnectionString,
        ["Database__Provider"] = database.ProviderSetting,
    };

    public RescueDbContext Open() => database.CreateContext();

    public Task<CliProcess.Result> RunCliAsync(string? stdin, params string[] args) => CliProcess.RunOnDatabaseAsync(database.ConnectionString, stdin, args);

    public void Dispose() => database.Dispose();
}
