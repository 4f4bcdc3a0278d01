using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Figures;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure.PostgreSql;

namespace RescueTracker.Benchmarks;

/// <summary>
/// One timed catch-up, split into the reconciler's steps: ChainReconciler.PollAsync's range loop
/// rebuilt from the same public parts (ChainReader, TransferLedger, FiguresService), with wall and
/// CPU time (this process's and Anvil's) around each step, and EF interceptors measuring
/// SaveChanges and SQL inside them. CPU time stays meaningful on a busy machine where wall time
/// does not. Left out of the rebuilt loop: the chain id check, the reorg check and the per-range
/// consistency check, which do nothing per log.
/// Run with <c>-- --profile</c> (MaxLogRange 2000) or <c>-- --profile --range-1</c>, on SQLite, or on a durable
/// PostgreSQL server of its own with <c>--postgresql</c> (the server's own CPU is not counted).
/// </summary>
public static class IngestProfile
{
    public static async Task RunAsync(int maxLogRange, bool postgreSql)
    {
        // Started before the chain, and stopped by PID when this process exits.
        var server = postgreSql ? await PostgreSqlServer.StartAsync(durable: true) : null;
        Console.WriteLine($"Setting up Anvil with {BenchmarkChain.LogCount:N0} Transfer logs...");
        await using var chain = await BenchmarkChain.StartAsync();
        using var anvil = Process.GetProcessById(chain.Node.Pid);
        var settings = IngestBenchmarks.Settings(chain, maxLogRange);

        // The real reconciler, for the totals the steps below should add up to: once cold (first
        // use of EF's model and of the JIT's code paths, as in a fresh app), once warm.
        var cold = new Meter(anvil);
        await TimePollAsync(chain, settings, cold, server);
        var warm = new Meter(anvil);
        await TimePollAsync(chain, settings, warm, server);

        var bare = new Meter(anvil);
        using (var http = new HttpClient { BaseAddress = settings.RpcUrl, Timeout = Timeout.InfiniteTimeSpan })
        {
            var filters = IngestBenchmarks.Ranges(chain, maxLogRange);
            using var _ = bare.Measure();
            await BareGetLogs.FetchAsync(http, filters);
        }

        var sql = new SqlTimer();
        await using var profiled = await IngestDatabase.CreateAsync(chain.SeedFile, o => o.AddInterceptors(sql), server);
        using var client = new HttpClient { BaseAddress = settings.RpcUrl, Timeout = Timeout.InfiniteTimeSpan };
        var reader = new ChainReader(new Nethereum.Web3.Web3(new Nethereum.JsonRpc.Client.RpcClient(settings.RpcUrl, client)), new LogStreamReader(client),
            maxLogRange, NullLogger.Instance, 1);
        var figures = profiled.Services.GetRequiredService<FiguresService>();

        await using var db = await profiled.OpenAsync();
        var state = new ChainScanState { ChainId = 1, StartBlock = 0, ChainIdVerified = true };
        db.ChainScanStates.Add(state);
        await db.SaveChangesAsync();
        var watch = await ChainWatch.LoadAsync(db, 1, CancellationToken.None);
        var head = chain.Head;
        var lease = await BenchmarkLease.HoldAsync(profiled.Services, 1);

        Meter read = new(anvil), commit = new(anvil), refresh = new(anvil);
        TimeSpan commitSave = TimeSpan.Zero, commitSql = TimeSpan.Zero;
        var ranges = 0;
        var figuresRefresh = new FiguresRefresh(figures, CancellationToken.None);
        for (var next = 0L; next <= head; next += maxLogRange, ranges++)
        {
            var to = Math.Min(head, next + maxLogRange - 1);
            // The store runs while the reply is read: "read" is until the reply is in, "store" the rest.
            var rangeRead = RangeRead.Start(reader, watch, next, to, false, head - settings.ReorgWindow + 1, CancellationToken.None);
            sql.Reset();
            var storing = read.Measure();
            var committing = TransferLedger.CommitRangeAsync(db, lease, state, rangeRead, static (_, _) => Task.CompletedTask,
                head, settings.Confirmations, settings.ReorgWindow, DateTimeOffset.UtcNow, CancellationToken.None);
            await Task.WhenAny(rangeRead.Completion, committing);
            storing.Dispose();
            using (commit.Measure())
                await committing;
            commitSave += sql.SaveChanges;
            commitSql += sql.Commands;
            // As PollAsync does after each commit.
            db.ChangeTracker.Clear();
            db.Attach(state);

            using (refresh.Measure())
                await figuresRefresh.AfterCommitAsync();
        }
        using (refresh.Measure())
            await figuresRefresh.FinishAsync();

        var steps = read.Wall + commit.Wall + refresh.Wall;
        Console.WriteLine();
        Console.WriteLine($"{(server is null ? "SQLite" : "PostgreSQL")}, MaxLogRange {maxLogRange}: {ranges} ranges, {BenchmarkChain.LogCount:N0} logs, load average {LoadAverage()}");
        Console.WriteLine($"{"",-40}{"wall",10}{"logs/s",10}{"CPU",10}{"Anvil CPU",11}");
        Console.WriteLine(cold.Line("ChainReconciler.PollAsync, cold"));
        Console.WriteLine(warm.Line("ChainReconciler.PollAsync, warm"));
        Console.WriteLine(bare.Line("bare eth_getLogs, same ranges"));
        Console.WriteLine($"Rebuilt loop (warm), {steps.TotalSeconds:0.000} s wall:");
        Console.WriteLine(read.Line("  read, storing alongside (RangeRead)"));
        Console.WriteLine(commit.Line("  store after the read (CommitRangeAsync)"));
        Console.WriteLine($"    in SaveChanges {commitSave.TotalSeconds:0.000} s, in SQL commands {commitSql.TotalSeconds:0.000} s");
        Console.WriteLine(refresh.Line($"  figures refresh (at most every {FiguresRefresh.Interval.TotalSeconds:0} s, and at the end)"));
        Console.WriteLine($"Peak working set {PeakMemory.Format(PeakMemory.Current())}");
    }

    private static async Task TimePollAsync(BenchmarkChain chain, Features.Chains.ChainSettings settings, Meter meter, PostgreSqlServer? server)
    {
        await using var database = await IngestDatabase.CreateAsync(chain.SeedFile, server: server);
        var reconciler = database.CreateReconciler(settings);
        using var _ = meter.Measure();
        await reconciler.PollAsync(CancellationToken.None);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>Wall time, this process's CPU time and Anvil's CPU time, summed over measured spans.</summary>
    private sealed class Meter(Process anvil)
    {
        private readonly Stopwatch wall = new();
        public TimeSpan Wall => wall.Elapsed;
        public TimeSpan Cpu { get; private set; }
        public TimeSpan AnvilCpu { get; private set; }

        public IDisposable Measure()
        {
            var (own, node) = Now();
            wall.Start();
            return new Span(() =>
            {
                wall.Stop();
                var (ownEnd, nodeEnd) = Now();
                Cpu += ownEnd - own;
                AnvilCpu += nodeEnd - node;
            });
        }

        public string Line(string label) =>
            $"{label,-40}{Wall.TotalSeconds,9:0.000}s{BenchmarkChain.LogCount / Wall.TotalSeconds,10:N0}{Cpu.TotalSeconds,9:0.000}s{AnvilCpu.TotalSeconds,10:0.000}s";

        private (TimeSpan Own, TimeSpan Anvil) Now()
        {
            using var self = Process.GetCurrentProcess();
            anvil.Refresh();
            return (self.TotalProcessorTime, anvil.TotalProcessorTime);
        }

        private sealed class Span(Action end) : IDisposable
        {
            public void Dispose() => end();
        }
    }

    /// <summary>Time inside SaveChanges and inside SQL command execution (readers: until the first row is ready).</summary>
    private sealed class SqlTimer : DbCommandInterceptor, ISaveChangesInterceptor
    {
        private readonly Stopwatch saving = new();
        public TimeSpan Commands { get; private set; }
        public TimeSpan SaveChanges => saving.Elapsed;

        public void Reset()
        {
            Commands = TimeSpan.Zero;
            saving.Reset();
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData data, DbDataReader result, CancellationToken ct = default)
        {
            Commands += data.Duration;
            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData data, int result, CancellationToken ct = default)
        {
            Commands += data.Duration;
            return ValueTask.FromResult(result);
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData data, object? result, CancellationToken ct = default)
        {
            Commands += data.Duration;
            return ValueTask.FromResult(result);
        }

        public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData data, InterceptionResult<int> result, CancellationToken ct = default)
        {
            saving.Start();
            return ValueTask.FromResult(result);
        }

        public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData data, int result, CancellationToken ct = default)
        {
            saving.Stop();
            return ValueTask.FromResult(result);
        }
    }
}
