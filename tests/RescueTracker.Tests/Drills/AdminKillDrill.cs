using System.Diagnostics;
using System.Net.Http.Headers;
using RescueTracker.Tests.EndToEnd;
using RescueTracker.Tests.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RescueTracker.Tests.Drills;

/// <summary>
/// R6: the built app as its own process on one SQLite file, four writers entering and committing pledges
/// through the admin API, SIGKILLed at a random moment 0-1.5 s after the life's first acknowledged write,
/// 100 times (5 reduced). After each kill the file must pass <c>PRAGMA integrity_check</c> and hold every
/// write the app had acknowledged so far, over all lives, each with its audit row, and no half-written one.
/// </summary>
[Trait("Category", "Drill")]
public sealed class AdminKillDrill(ITestOutputHelper output)
{
    private const int Writers = 4;
    private const int MaxDelayAfterFirstWriteMs = 1500;
    private const string Password = "a long enough passphrase";

    [Fact]
    public async Task Kills_during_admin_writes_lose_no_acknowledged_write_and_leave_the_file_intact()
    {
        var runs = DrillSize.Pick(reduced: 5, full: 100);
        var seed = DrillSize.Seed();
        var random = new Random(seed);
        var report = new DrillReport(output, "R6 kills during admin writes", seed);
        var folder = Path.Combine(Path.GetTempPath(), "rescuetracker-r6-" + Guid.NewGuid().ToString("N"));
        var database = Path.Combine(folder, "rescuetracker.db");
        try
        {
            var key = await CreateKeyAsync(database);
            var environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__RescueTracker"] = $"Data Source={database}",
                // One line per request otherwise.
                ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            };
            var created = new List<int>();
            var committed = new List<int>();
            var lifeTimes = new List<double>();
            int attempts = 0, intact = 0, unanswered = 0, storedUnanswered = 0;
            var failures = new List<string>();
            for (var run = 1; run <= runs; run++)
            {
                var clock = Stopwatch.StartNew();
                var delay = random.Next(MaxDelayAfterFirstWriteMs);
                AdminWriteLoad load;
                await using (var app = await RunningApp.StartAsync(AppProcess.BuildFolder, environment, "RescueTracker.dll"))
                {
                    using var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
                    load = new AdminWriteLoad(client, $"R6 life {run}");
                    using var stop = new CancellationTokenSource();
                    var writing = load.RunAsync(Writers, stop.Token);
                    var first = await Task.WhenAny(load.FirstAcknowledged.Task, writing, Task.Delay(TimeSpan.FromMinutes(1)));
                    Assert.True(first == load.FirstAcknowledged.Task, $"Life {run} acknowledged no write: {string.Join("\n", load.Unexpected)}\n{app.Process.Output}");
                    await Task.Delay(delay);
                    Assert.False(app.Process.HasExited, $"Life {run} ended by itself:\n{app.Process.Output}");
                    await app.Process.StopAsync(grace: TimeSpan.Zero);
                    await stop.CancelAsync();
                    await writing;
                }
                var life = load.Snapshot();
                created.AddRange(life.Created);
                committed.AddRange(life.Committed);
                var all = new Acknowledgements(created, committed);
                var disk = await LoadOnDisk.ReadAsync(database, "R6 life ", all);
                lifeTimes.Add(clock.Elapsed.TotalSeconds);
                attempts += load.Attempts;
                unanswered += load.Attempts - life.Count;
                storedUnanswered = disk.Pledges - created.Count;
                if (disk.Integrity == "ok") intact++;
                if (!disk.Whole || load.Unexpected.Count > 0) failures.Add($"life {run}: {disk}; unexpected answers: {string.Join("; ", load.Unexpected.Take(3))}");
                report.Note($"life {run}: killed {delay} ms after the first acknowledged write; {life.Count} acknowledged, "
                            + $"{load.Attempts - life.Count} unanswered; {disk} ({clock.Elapsed.TotalSeconds:0.0} s)");
            }

            lifeTimes.Sort();
            report.Add("runs (SIGKILLs)", runs);
            report.Add("integrity_check ok", $"{intact} / {runs}");
            report.Add("writes acknowledged (creates + status changes)", $"{created.Count + committed.Count} ({created.Count} + {committed.Count})");
            report.Add("acknowledged writes lost", failures.Count == 0 ? 0 : $"see failures: {failures.Count}");
            report.Add("writes unanswered at a kill (stored whole or not at all)", unanswered);
            report.Add("of which pledges stored whole though never answered", storedUnanswered);
            report.Add("requests sent", attempts);
            report.Add("seconds per run (start, writes, kill, check): median / max", $"{lifeTimes[lifeTimes.Count / 2]:0.0} / {lifeTimes[^1]:0.0}");
            report.Add("database after the last kill (bytes)", new FileInfo(database).Length);
            report.Write();
            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(5)));
            Assert.Equal(runs, intact);
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* A leftover temp folder must not fail the run. */ }
        }
    }

    /// <summary>An admin and an API key made with the verbs, as an operator makes them.</summary>
    private static async Task<string> CreateKeyAsync(string database)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        var admin = await CliProcess.RunAsync(AppProcess.BuildFolder, database, Password + "\n", "create-admin", "--email", "r6@rescue.example");
        Assert.True(admin.ExitCode == 0, admin.ToString());
        var key = await CliProcess.RunAsync(AppProcess.BuildFolder, database, null, "create-api-key", "--email", "r6@rescue.example", "--name", "r6");
        Assert.True(key.ExitCode == 0, key.ToString());
        return key.Stdout.TrimEnd().Split('\n')[^1];
    }
}
