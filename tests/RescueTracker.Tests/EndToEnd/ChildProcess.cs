using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace RescueTracker.Tests.EndToEnd;

/// <summary>
/// A child process with its output captured, so a failing test can show what the process said.
/// Stopped by its PID: SIGTERM first (the app shuts down cleanly), then the whole tree is killed.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private ChildProcess(Process process) => _process = process;

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;
    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }
    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }
    public string CommandLine { get; private init; } = "";

    /// <summary>What the process printed, for assertion messages.</summary>
    public string Output => $"$ {CommandLine}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    public static ChildProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Start(workingDirectory, environment, stdin: null, args);

    /// <summary>Starts it with <paramref name="stdin"/> written to its standard input, which is then closed.</summary>
    public static ChildProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, string? stdin, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // The test host's MSBuild and VSTest variables would steer a nested dotnet into the wrong SDK state, and its own
        // host, database and environment settings would steer the app: it reads only what the test gives it.
        foreach (var key in info.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("Database__", StringComparison.OrdinalIgnoreCase)
                || key is "DOTNET_URLS" or "DOTNET_ENVIRONMENT")
                info.Environment.Remove(key);
        }
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment) info.Environment[key] = value;

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process) { CommandLine = "dotnet " + string.Join(' ', args) };
        process.OutputDataReceived += (_, e) => Append(child._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(child._stderr, e.Data);
        process.Start();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the process to end by itself; kills it and throws when it takes too long.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await StopAsync();
            throw new TimeoutException($"Still running after {timeout}:\n{Output}");
        }
    }

    /// <summary>SIGTERM, a grace period for a clean shutdown, then the whole process tree is killed.</summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        if (_process.HasExited) return;
        if (grace != TimeSpan.Zero && SendSignal(_process.Id, SigTerm) == 0)
        {
            using var cts = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(15));
            try { await _process.WaitForExitAsync(cts.Token); } catch (OperationCanceledException) { }
        }
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); }
        finally { _process.Dispose(); }
    }

    private static void Append(StringBuilder into, string? line)
    {
        if (line is null) return;
        lock (into) into.AppendLine(line);
    }

    private const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}
