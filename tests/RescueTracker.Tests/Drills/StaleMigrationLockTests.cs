using Microsoft.Data.Sqlite;
using RescueTracker.Tests.Anvil;
using RescueTracker.Tests.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Drills;

/// <summary>
/// Found by R2: EF Core's SQLite migrations take a lock by inserting a row into __EFMigrationsLock
/// on every start, and a SIGKILL before the row is deleted again (about the first second of a start
/// here) leaves it behind. Every later start used to wait for that lock forever, before logging
/// anything or listening. This is the state such a kill leaves, made directly; start-up now
/// removes the row under a file lock that dies with its holder.
/// </summary>
[Trait("Category", "Drill")]
public sealed class StaleMigrationLockTests
{
    [Fact]
    public async Task A_start_after_a_kill_inside_the_migration_step_is_not_held_up_by_the_lock_that_kill_left()
    {
        await using var node = await AnvilNode.StartAsync(1);
        using var files = new AppProcess(TestSeed.Mainnet(), node.RpcUrl);
        await using (var first = await files.StartAsync()) await first.StopAsync();
        await using (var db = new SqliteConnection($"Data Source={files.DatabasePath};Pooling=False"))
        {
            await db.OpenAsync();
            await using var insert = db.CreateCommand();
            insert.CommandText = """INSERT INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-12-01 21:40:17.238017+00:00')""";
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }

        await using var second = files.Launch();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await AppProcess.EventuallyAsync(
            async () => await HealthyAsync(client, second.Output),
            // Without the fix the start never ends; the bound only has to outlast a slow start on a busy machine.
            () => Task.FromResult(second.Output), TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(200));
    }

    private static async Task<bool> HealthyAsync(HttpClient client, string output)
    {
        var url = System.Text.RegularExpressions.Regex.Match(output, @"Now listening on: (\S+)");
        if (!url.Success) return false;
        try
        {
            using var response = await client.GetAsync(new Uri(new Uri(url.Groups[1].Value), "/healthz"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
