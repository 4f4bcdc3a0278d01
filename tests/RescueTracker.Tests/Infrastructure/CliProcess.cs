using RescueTracker.Data;
using RescueTracker.Tests.EndToEnd;
using RescueTracker.Tests.Features.Reconciliation;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>
/// Runs the app's command-line verbs (<c>dotnet RescueTracker.dll create-admin ...</c>) as a separate process on a given
/// database, with text on standard input and both outputs captured, as an operator would.
/// </summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
    }

    /// <summary>The app in <paramref name="folder"/> (the build output or a published copy) on a SQLite file, in Production.</summary>
    public static Task<Result> RunAsync(string folder, string databasePath, string? stdin, params string[] args) =>
        RunInAsync("Production", folder, databasePath, stdin, args);

    /// <summary>Development matters too: there the host validates every registration when it is built, as <c>dotnet run</c> does.</summary>
    public static Task<Result> RunInAsync(string environment, string folder, string databasePath, string? stdin, params string[] args) =>
        StartAsync(folder, environment, DatabaseProvider.Sqlite, $"Data Source={databasePath}", stdin, args);

    /// <summary>The app's build output on the database of this run's provider (<see cref="TestDatabase.RunProvider"/>) that the connection string names.</summary>
    public static Task<Result> RunOnDatabaseAsync(string connectionString, string? stdin, params string[] args) =>
        StartAsync(AppProcess.BuildFolder, "Production", TestDatabase.RunProvider, connectionString, stdin, args);

    private static async Task<Result> StartAsync(
        string folder, string environment, DatabaseProvider provider, string connectionString, string? stdin, string[] args)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = environment,
            ["ConnectionStrings__RescueTracker"] = connectionString,
            ["Database__Provider"] = provider.ToString(),
        };
        // A password is one line; the verbs read it to the end of the line or of the input, so a final newline is optional.
        await using var process = ChildProcess.Start(folder, settings, stdin, [Path.Combine(folder, "RescueTracker.dll"), .. args]);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return new Result(exitCode, process.Stdout, process.Stderr);
    }
}
