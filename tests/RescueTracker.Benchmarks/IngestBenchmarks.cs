using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Features.Chains;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure.PostgreSql;

namespace RescueTracker.Benchmarks;

/// <summary>
/// Ingesting <see cref="BenchmarkChain.LogCount"/> Transfer logs into SQLite, and into PostgreSQL, against fetching
/// the same logs over the same block ranges with nothing else. Each case runs in its own process with its own Anvil
/// node (and, for PostgreSQL, its own durable server on loopback).
/// </summary>
[MemoryDiagnoser]
public class IngestBenchmarks
{
    private BenchmarkChain chain = null!;
    private HttpClient bareHttp = null!;
    private LogFilter[] ranges = [];
    private PostgreSqlServer? server;
    private IngestDatabase? database;
    private ChainReconciler? reconciler;
    private string? ran;
    private bool peakCoversSetUp;

    /// <summary>Blocks per eth_getLogs request. The logs sit in ten blocks of 10,000: one range holds them all, or one block each.</summary>
    [Params(2000, 1)]
    public int MaxLogRange { get; set; }

    [GlobalSetup(Targets = [nameof(BareFetch), nameof(Ingest)])]
    public async Task StartChainAsync()
    {
        chain = await BenchmarkChain.StartAsync();
        bareHttp = new HttpClient { BaseAddress = new Uri(chain.Node.RpcUrl), Timeout = Timeout.InfiniteTimeSpan };
        ranges = Ranges(chain, MaxLogRange);
        peakCoversSetUp = !PeakMemory.Reset();
    }

    /// <summary>The server starts before the chain, so the peak working set of the case covers only the ingest.</summary>
    [GlobalSetup(Target = nameof(IngestPostgreSql))]
    public async Task StartServerAndChainAsync()
    {
        server = await PostgreSqlServer.StartAsync(durable: true);
        await StartChainAsync();
    }

    [GlobalCleanup]
    public async Task StopChainAsync()
    {
        server?.Stop();
        if (ran is not null) PeakMemory.Record(ran, MaxLogRange, peakCoversSetUp);
        bareHttp.Dispose();
        await chain.DisposeAsync();
    }

    /// <summary>
    /// eth_getLogs with the reconciler's filter over the reconciler's ranges, by a plain HttpClient
    /// reading each whole reply (no JSON parsing).
    /// </summary>
    [Benchmark]
    public async Task<int> BareFetch()
    {
        ran = nameof(BareFetch);
        var count = await BareGetLogs.FetchAsync(bareHttp, ranges);
        if (count != BenchmarkChain.LogCount)
            throw new InvalidOperationException($"eth_getLogs returned {count} logs, expected {BenchmarkChain.LogCount}.");
        return count;
    }

    [IterationSetup(Targets = [nameof(Ingest), nameof(IngestPostgreSql)])]
    public void CreateDatabase()
    {
        database = IngestDatabase.CreateAsync(chain.SeedFile, server: server).GetAwaiter().GetResult();
        reconciler = database.CreateReconciler(Settings(chain, MaxLogRange));
    }

    [IterationCleanup(Targets = [nameof(Ingest), nameof(IngestPostgreSql)])]
    public void DeleteDatabase()
    {
        database?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        database = null;
        reconciler = null;
    }

    /// <summary>ChainReconciler.PollAsync from an empty SQLite ledger until the checkpoint reaches the head.</summary>
    [Benchmark]
    public Task<int> Ingest()
    {
        ran = nameof(Ingest);
        return CatchUpAsync();
    }

    /// <summary>The same on an empty PostgreSQL database.</summary>
    [Benchmark]
    public Task<int> IngestPostgreSql()
    {
        ran = nameof(IngestPostgreSql);
        return CatchUpAsync();
    }

    private async Task<int> CatchUpAsync()
    {
        for (var poll = 1; ; poll++)
        {
            await reconciler!.PollAsync(CancellationToken.None);
            await using var db = await database!.OpenAsync();
            var state = await db.ChainScanStates.AsNoTracking().SingleAsync(s => s.ChainId == 1);
            if (state.LastError is { } error) throw new InvalidOperationException($"The reconciler recorded an error: {error}");
            if (state.LastScannedBlock < chain.Head)
            {
                if (poll == 10) throw new InvalidOperationException($"Not caught up after {poll} polls: at block {state.LastScannedBlock} of {chain.Head}.");
                continue;
            }
            var stored = await db.Transfers.CountAsync(t => t.Confirmed);
            if (stored != BenchmarkChain.LogCount)
                throw new InvalidOperationException($"{stored} confirmed transfers stored, expected {BenchmarkChain.LogCount}.");
            return stored;
        }
    }

    /// <summary>
    /// Everything is already confirmed (no confirmation depth: nothing is mined after set-up, and a
    /// catch-up reads settled history), so both benchmarks cover blocks 0..head and nothing else.
    /// </summary>
    public static ChainSettings Settings(BenchmarkChain chain, int maxLogRange) => new()
    {
        RpcUrl = new Uri(chain.Node.RpcUrl),
        Confirmations = 0,
        StartBlock = 0,
        MaxLogRange = maxLogRange,
    };

    /// <summary>The filters ChainReader sends: the asset's contract, Transfer as topic 0, the recovery address as topic 2.</summary>
    public static LogFilter[] Ranges(BenchmarkChain chain, int maxLogRange)
    {
        var transfer = Erc20Transfer.TransferTopic;
        var recovery = Hash32.FromAddress(EthAddress.Parse(BenchmarkChain.Recovery));
        var filters = new List<LogFilter>();
        for (var from = 0L; from <= chain.Head; from += maxLogRange)
        {
            filters.Add(new LogFilter(from, Math.Min(chain.Head, from + maxLogRange - 1), [EthAddress.Parse(chain.Emitter)],
                [[transfer], null, [recovery]]));
        }
        return [.. filters];
    }
}
