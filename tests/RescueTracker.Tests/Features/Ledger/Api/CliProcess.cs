using System.Diagnostics;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>
/// Runs the built app's command-line verbs (<c>dotnet RescueTracker.dll create-admin ...</c>) as a
/// separate process on a given database, with text for standard input, as an operator would.
/// </summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
    }

    /// <summary>The app's own build output, in the configuration this test assembly was built in.</summary>
    public static string AppFolder { get; } = Path.Combine(RepoFiles.Root, "src", "RescueTracker", "bin",
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name, "net10.0");

    /// <summary>Runs a verb on the database of this run's provider (<see cref="TestDatabase.RunProvider"/>) that the connection string names.</summary>
    public static async Task<Result> RunAsync(string connectionString, string? stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppFolder, "RescueTracker.dll"));
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // The test host's settings must not leak into the child: it reads only what an operator would give it.
        foreach (var key in info.Environment.Keys.ToList())
        {
            if (key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || key is "DOTNET_ENVIRONMENT" or "DOTNET_URLS"
                || key.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Database__", StringComparison.OrdinalIgnoreCase))
                info.Environment.Remove(key);
        }
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["ConnectionStrings__RescueTracker"] = connectionString;
        info.Environment["Database__Provider"] = TestDatabase.RunProvider.ToString();

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet RescueTracker.dll {string.Join(' ', args)} did not exit within 60 s.");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
