using System.Diagnostics;
using RescueTracker.Data;
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
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(folder, "RescueTracker.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // The test host's own variables would steer the child (environment, URLs, database, MSBuild state): it reads only
        // what an operator would give it.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Database__", StringComparison.OrdinalIgnoreCase)
                     || k is "DOTNET_ENVIRONMENT" or "DOTNET_URLS").ToList())
            info.Environment.Remove(key);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment["ConnectionStrings__RescueTracker"] = connectionString;
        info.Environment["Database__Provider"] = provider.ToString();

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // A password is one line; the verbs read it to the end of the line or of the input, so a final newline is optional.
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet RescueTracker.dll {string.Join(' ', args)} still running after 2 minutes:\n{await stderr}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
