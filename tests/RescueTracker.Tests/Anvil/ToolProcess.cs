using System.Diagnostics;
using System.Text;

namespace RescueTracker.Tests.Anvil;

/// <summary>Runs a short-lived tool (npm, node) to completion and keeps everything it printed.</summary>
internal static class ToolProcess
{
    public sealed record Result(int ExitCode, string Output);

    public static async Task<Result> RunAsync(string fileName, IEnumerable<string> args, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        void Append(object _, DataReceivedEventArgs e)
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
        }
        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;

        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return new Result(-1, $"could not start {fileName}: {e.Message} (is it on PATH?)");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (output) return new Result(-1, $"{fileName} timed out after {timeout}.\n{output}");
        }
        // The parameterless wait drains the asynchronous output readers.
        await process.WaitForExitAsync();
        lock (output) return new Result(process.ExitCode, output.ToString());
    }
}
