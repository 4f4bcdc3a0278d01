using System.Diagnostics;

namespace RescueTracker.Tests.Features.Admin.Accounts;

/// <summary>Runs <c>dotnet RescueTracker.dll VERB ...</c> with text on standard input and both outputs captured.</summary>
internal static class CliProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
    }

    public static Task<Result> RunAsync(string folder, string databasePath, string? stdin, params string[] args) =>
        RunInAsync("Production", folder, databasePath, stdin, args);

    /// <summary>Development matters too: there the host validates every registration when it is built, as <c>dotnet run</c> does.</summary>
    public static async Task<Result> RunInAsync(string environment, string folder, string databasePath, string? stdin, params string[] args)
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
        // The test host's own variables would steer the child (environment, URLs, MSBuild state).
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(key);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment["ConnectionStrings__RescueTracker"] = $"Data Source={databasePath}";

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
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
            throw new TimeoutException($"{string.Join(' ', args)} still running after 2 minutes:\n{await stderr}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
