using System.Diagnostics;

namespace RescueTracker.Tests.EndToEnd;

/// <summary>An app process listening on a loopback port, with a client pointed at it.</summary>
internal sealed class RunningApp : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private RunningApp(ChildProcess process, Uri baseAddress)
    {
        Process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public ChildProcess Process { get; }
    public Uri BaseAddress { get; }
    public HttpClient Client { get; }

    /// <summary>Starts <c>dotnet args... --urls http://127.0.0.1:port</c> and waits until /healthz answers 200.</summary>
    public static async Task<RunningApp> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var process = ChildProcess.Start(workingDirectory, environment, [.. args, "--urls", baseAddress.ToString().TrimEnd('/')]);
        var app = new RunningApp(process, baseAddress);
        try
        {
            await app.WaitUntilReadyAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public Task StopAsync() => Process.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Process.DisposeAsync();
    }

    private async Task WaitUntilReadyAsync()
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ReadyTimeout)
        {
            if (Process.HasExited)
                throw new InvalidOperationException($"The app exited with code {Process.ExitCode} before it was ready:\n{Process.Output}");
            try
            {
                using var response = await probe.GetAsync("healthz");
                if (response.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"/healthz did not answer 200 within {ReadyTimeout}:\n{Process.Output}");
    }
}
