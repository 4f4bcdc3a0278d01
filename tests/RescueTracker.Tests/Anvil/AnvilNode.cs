using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RescueTracker.Tests.Anvil;

/// <summary>
/// A real Anvil node on a free loopback port, one per test: starting one takes well under a
/// second, and a private node means no test sees another's blocks. Stopped by PID on dispose.
/// </summary>
public sealed class AnvilNode : IAsyncDisposable
{
    // A crashed or aborted test run must not leave nodes behind holding ports.
    private static readonly ConcurrentDictionary<int, Process> Running = new();

    static AnvilNode()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Running.Values)
            {
                try { process.Kill(); } catch (InvalidOperationException) { }
            }
        };
    }

    private readonly Process process;
    private readonly ProcessOutput output;

    private AnvilNode(Process process, ProcessOutput output, int port, long chainId, bool automines)
    {
        this.process = process;
        this.output = output;
        Port = port;
        ChainId = chainId;
        Pid = process.Id;
        RpcUrl = $"http://127.0.0.1:{port}";
        Rpc = new AnvilRpc(RpcUrl) { WaitsForMining = automines };
    }

    public string RpcUrl { get; }
    public int Port { get; }
    public int Pid { get; }
    public long ChainId { get; }
    public AnvilRpc Rpc { get; }

    /// <summary>The last lines Anvil printed, for assertion messages.</summary>
    public string Output => output.Text;

    public static async Task<AnvilNode> StartAsync(long chainId, AnvilNodeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AnvilNodeOptions();
        await TestTools.EnsureInstalledAsync();
        // The free port is released before Anvil binds it, so another process can take it in
        // between; Anvil then exits at once and we try another port.
        for (var attempt = 1; ; attempt++)
        {
            var node = Launch(chainId, FreePort(), options);
            try
            {
                await node.WaitUntilAnsweringAsync(options.StartTimeout, cancellationToken);
                return node;
            }
            catch (AnvilStartException) when (attempt < 5 && node.output.Text.Contains("in use", StringComparison.OrdinalIgnoreCase))
            {
                await node.DisposeAsync();
            }
            catch
            {
                await node.DisposeAsync();
                throw;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Rpc.Dispose();
        try
        {
            if (!process.HasExited) process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
        Running.TryRemove(Pid, out _);
        process.Dispose();
    }

    private static AnvilNode Launch(long chainId, int port, AnvilNodeOptions options)
    {
        var start = new ProcessStartInfo(TestTools.AnvilPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--host");
        start.ArgumentList.Add("127.0.0.1");
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add("--chain-id");
        start.ArgumentList.Add(chainId.ToString(CultureInfo.InvariantCulture));
        if (options.Silent) start.ArgumentList.Add("--silent");
        if (options.NoMining) start.ArgumentList.Add("--no-mining");
        if (options.BlockTime is { } blockTime)
        {
            start.ArgumentList.Add("--block-time");
            start.ArgumentList.Add(blockTime.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture));
        }
        foreach (var arg in options.ExtraArguments) start.ArgumentList.Add(arg);

        var process = new Process { StartInfo = start };
        var output = new ProcessOutput();
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.Start();
        Running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AnvilNode(process, output, port, chainId, automines: !options.NoMining && options.BlockTime is null);
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken);
                throw new AnvilStartException($"Anvil exited with code {process.ExitCode} on port {Port}:\n{output.Text}");
            }
            try
            {
                var answered = await Rpc.ChainIdAsync();
                if (answered != ChainId)
                {
                    throw new AnvilStartException($"Anvil on port {Port} answers chain id {answered}, not {ChainId}.");
                }
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(25, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new AnvilStartException($"Anvil on port {Port} did not answer within {timeout}: {e.Message}\n{output.Text}");
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}

public sealed class AnvilStartException(string message) : Exception(message);
