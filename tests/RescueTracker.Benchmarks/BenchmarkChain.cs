using System.Numerics;
using System.Text.Json;
using RescueTracker.Tests.Anvil;

namespace RescueTracker.Benchmarks;

/// <summary>
/// An Anvil node (chain id 1) holding <see cref="LogCount"/> ERC-20 Transfer logs into one recovery
/// address, emitted by the test emitter contract ten calls at a time, and a seed file describing
/// that chain: the recovery address and one token asset whose contract is the emitter.
/// </summary>
public sealed class BenchmarkChain : IAsyncDisposable
{
    public const int LogCount = 100_000;
    private const int LogsPerCall = 10_000;

    // Not a pledge sender: the transfers are unattributed inflows, as the brief's seed has no pledges.
    public const string Sender = DevAccounts.Account2;
    public const string Recovery = DevAccounts.Account1;
    private static readonly BigInteger OneToken = BigInteger.Pow(10, 18);

    private BenchmarkChain(AnvilNode node, string emitter, long head, string seedFile)
    {
        Node = node;
        Emitter = emitter;
        Head = head;
        SeedFile = seedFile;
    }

    public AnvilNode Node { get; }
    public string Emitter { get; }
    /// <summary>The last block; every log is at or below it and nothing is mined after set-up.</summary>
    public long Head { get; }
    public string SeedFile { get; }

    public static async Task<BenchmarkChain> StartAsync()
    {
        var contracts = await TestContracts.LoadAsync();
        var node = await AnvilNode.StartAsync(chainId: 1, new AnvilNodeOptions { StartTimeout = TimeSpan.FromSeconds(60) });
        try
        {
            var emitter = await contracts.DeployEmitterAsync(node);
            for (var emitted = 0; emitted < LogCount; emitted += LogsPerCall)
                await contracts.EmitManyAsync(node, emitter, Sender, Recovery, OneToken, LogsPerCall);
            var head = await node.Rpc.BlockNumberAsync();
            var seedFile = Path.Combine(WorkFolder, $"seed-{Environment.ProcessId}.json");
            await File.WriteAllTextAsync(seedFile, SeedJson(emitter));
            return new BenchmarkChain(node, emitter, head, seedFile);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Temp files of this benchmark (seed, databases) live here, outside the working tree.</summary>
    public static string WorkFolder { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "rescuetracker-benchmarks")).FullName;

    public async ValueTask DisposeAsync()
    {
        // Stops Anvil by its PID.
        await Node.DisposeAsync();
        File.Delete(SeedFile);
    }

    private static string SeedJson(string emitter) => JsonSerializer.Serialize(new
    {
        rescue = new { name = "Ingest benchmark", asOf = "2026-04-25", description = (string?)null },
        chains = new[] { new { chainId = 1, name = "Anvil", recoveryAddresses = new[] { Recovery } } },
        assets = new[] { new { symbol = "EMT", chainId = 1, contract = emitter, decimals = 18, ethRate = "1" } },
        shortfall = Array.Empty<object>(),
        pledges = Array.Empty<object>(),
    });
}
