using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using RescueTracker.Benchmarks;
using RescueTracker.Benchmarks.Web;

// The web benchmark's helpers (Web/run.sh): the crisis-size ledger, the static file server it is measured against,
// and the admin circuits whose memory P6 measures.
if (args is ["--web-ledger", var folder, var pledges, var transfers])
{
    await WebLedger.RunAsync(folder, int.Parse(pledges, System.Globalization.CultureInfo.InvariantCulture), int.Parse(transfers, System.Globalization.CultureInfo.InvariantCulture));
    return;
}
if (args is ["--static-server", var root, var url])
{
    await StaticServer.RunAsync(root, url);
    return;
}
if (args is ["--circuits", var appUrl, var pid, var email, var count, var path])
{
    // The password comes on standard input, as create-admin takes it.
    var password = Console.ReadLine() ?? throw new InvalidOperationException("--circuits reads the admin password from standard input.");
    await CircuitMemory.RunAsync(new Uri(appUrl), int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture), email, password,
        int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), path);
    return;
}

if (args.Contains("--profile"))
{
    await IngestProfile.RunAsync(args.Contains("--range-1") ? 1 : 2000, args.Contains("--postgresql"));
    return;
}

var results = Directory.CreateDirectory(Path.Combine(BenchmarkChain.WorkFolder, $"results-{Environment.ProcessId}")).FullName;
// Each iteration takes seconds: one invocation per iteration, no pilot stage, few iterations.
var job = Job.Default
    .WithStrategy(RunStrategy.Monitoring)
    .WithLaunchCount(1)
    .WithWarmupCount(1)
    .WithIterationCount(3)
    .WithInvocationCount(1)
    .WithUnrollFactor(1)
    .WithEnvironmentVariable(PeakMemory.FolderVariable, results);
var config = DefaultConfig.Instance
    .AddJob(job)
    .AddColumn(new LogsPerSecondColumn(), new IngestToBareColumn(), new PeakWorkingSetColumn(results))
    .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared))
    // The case's process is built from this project and the app; on a busy 2-core machine that takes minutes.
    .WithBuildTimeout(TimeSpan.FromMinutes(10));
BenchmarkRunner.Run<IngestBenchmarks>(config, args);
Directory.Delete(results, recursive: true);
