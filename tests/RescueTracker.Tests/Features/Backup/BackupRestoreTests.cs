using System.Runtime.Versioning;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Tests.Drills;
using RescueTracker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RescueTracker.Tests.Features.Backup;

/// <summary>
/// <c>backup</c> of a running app under a continuous admin write load, and <c>restore</c> of that backup into a
/// fresh location: the verbs as the built app's own processes, the app in memory on its own SQLite file.
/// </summary>
public sealed class BackupRestoreTests(ITestOutputHelper output)
{
    private const string Label = "Backup load";

    [Fact]
    public async Task A_backup_taken_while_admins_write_restores_every_write_acknowledged_before_it_began_and_the_restored_app_serves_the_same_summary()
    {
        using var files = new BackupFiles();
        var backup = files.PathOf("backup.db");
        Acknowledgements before;
        int acknowledgedAtEnd;
        await using (var live = new TestApp(new TestAppOptions { ReconcilerLoop = false, Quiet = true }))
        {
            using var client = live.ClientWithKey(await live.KeyForRoleAsync(AdminRoles.Editor));
            var load = new AdminWriteLoad(client, Label);
            using var stop = new CancellationTokenSource();
            var writing = load.RunAsync(writers: 4, stop.Token);
            while (load.Acknowledged < 20 && !writing.IsCompleted) await Task.Delay(50);

            before = load.Snapshot();
            var result = await BackupFiles.RunAsync(((TempSqliteFile)live.Database).Path, "backup", "--to", backup);
            acknowledgedAtEnd = load.Acknowledged;
            await stop.CancelAsync();
            await writing;

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("integrity check ok", result.Stderr);
            Assert.Empty(load.Unexpected);
        }
        output.WriteLine($"{before.Count} writes acknowledged before the backup began, {acknowledgedAtEnd - before.Count} while it ran");

        var inBackup = await LoadOnDisk.ReadAsync(backup, Label, before);
        Assert.True(inBackup.Whole, inBackup.ToString());

        using var restored = new TempSqliteFile();
        var restore = await BackupFiles.RunAsync(restored.Path, "restore", "--from", backup);
        Assert.True(restore.ExitCode == 0, restore.ToString());
        var onRestored = await LoadOnDisk.ReadAsync(restored.Path, Label, before);
        Assert.True(onRestored.Whole, onRestored.ToString());
        Assert.Equal(inBackup.Pledges, onRestored.Pledges);

        // The snapshot it came from, served by an app of its own (on a copy: an app start writes to its file).
        using var snapshot = new TempSqliteFile();
        File.Copy(backup, snapshot.Path);
        var expected = await SummaryAsync(snapshot);
        var served = await SummaryAsync(restored);
        Assert.Equal(expected, served);
    }

    /// <summary>
    /// A connection that closes tries for the exclusive lock to learn whether it is the last one, and holds SQLite's
    /// pending-lock byte for that moment: a reader that starts then is refused a shared lock. The backup waits it out
    /// instead of failing with "database is locked". The byte is locked here as another process's SQLite would lock it
    /// (a POSIX record lock), and released after a while.
    /// </summary>
    [Fact]
    [UnsupportedOSPlatform("macos")]
    public async Task A_backup_that_meets_a_passing_lock_on_the_database_waits_for_it_and_copies_the_database()
    {
        using var files = new BackupFiles();
        var database = await files.MigratedAsync("rescuetracker.db");
        await BackupFiles.ExecuteAsync(database, """INSERT INTO "Pledgers" ("Name", "Version") VALUES ('Kept', 1)""");
        var backup = files.PathOf("backup.db");

        CliProcess.Result result;
        using (var file = new FileStream(database, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            file.Lock(PendingByte, 1);
            var running = BackupFiles.RunAsync(database, "backup", "--to", backup);
            // Its copy is open beside the target once it is about to read the database: from then on it meets the lock.
            while (Directory.GetFiles(files.Folder, "backup.db.partial-*").Length == 0 && !running.IsCompleted) await Task.Delay(20);
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (running.IsCompleted) Assert.Fail($"The backup ended while the database was locked: {await running}");
            file.Unlock(PendingByte, 1);
            result = await running;
        }

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("integrity check ok", result.Stderr);
        Assert.Equal(1, await CountAsync(backup, "Pledgers"));
    }

    /// <summary>SQLite's lock bytes start at 1 GiB (<c>PENDING_BYTE</c> in its os.h).</summary>
    private const long PendingByte = 0x40000000;

    [Fact]
    public async Task Restore_refuses_while_an_app_runs_on_the_database_and_changes_nothing_then_restores_once_it_stopped_keeping_the_replaced_file()
    {
        using var files = new BackupFiles();
        var backup = await files.MigratedAsync("backup.db");
        using var target = new TempSqliteFile();
        await using (var app = new TestApp(new TestAppOptions { Database = target, ReconcilerLoop = false, Quiet = true }).Started())
        {
            var fingerprint = BackupFiles.Fingerprint(target.Path);
            var pledges = await app.Db().Pledges.CountAsync();

            var refused = await BackupFiles.RunAsync(target.Path, "restore", "--from", backup);

            Assert.True(refused.ExitCode == 1, refused.ToString());
            Assert.Contains("An app is running on", refused.Stderr);
            Assert.Equal(fingerprint, BackupFiles.Fingerprint(target.Path));
            Assert.Equal(pledges, await app.Db().Pledges.CountAsync());
            Assert.True(pledges > 0);
        }

        var restored = await BackupFiles.RunAsync(target.Path, "restore", "--from", backup);

        Assert.True(restored.ExitCode == 0, restored.ToString());
        var kept = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(target.Path)!, Path.GetFileName(target.Path) + ".before-restore-*"));
        Assert.Contains($"kept as {kept}", restored.Stderr);
        Assert.False(File.Exists(target.Path + "-shm"));
        Assert.Equal(0, await CountAsync(target.Path, "Pledges"));
        Assert.True(await CountAsync(kept, "Pledges") > 0);
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(target.Path)!, Path.GetFileName(kept) + "*")) File.Delete(file);
    }

    [Theory]
    [InlineData("missing", "There is no file at --from")]
    [InlineData("text", "is not a SQLite database")]
    [InlineData("other sqlite", "holds no migrations history")]
    [InlineData("newer schema", "made by a newer version of RescueTracker (migrations 29990101000000_FromTheFuture are unknown to this one)")]
    public async Task Restore_refuses_a_file_that_is_not_a_usable_backup_with_exit_2_and_changes_nothing(string kind, string message)
    {
        using var files = new BackupFiles();
        var database = await files.MigratedAsync("rescuetracker.db");
        await BackupFiles.ExecuteAsync(database, """INSERT INTO "Pledgers" ("Name", "Version") VALUES ('Kept', 1)""");
        var from = files.PathOf("from.db");
        switch (kind)
        {
            case "text":
                await File.WriteAllTextAsync(from, "SQLite format 2, or so it says\n");
                break;
            case "other sqlite":
                await BackupFiles.ExecuteAsync(from, "CREATE TABLE notes (body TEXT)");
                break;
            case "newer schema":
                File.Copy(await files.MigratedAsync("current.db"), from);
                await BackupFiles.ExecuteAsync(from, """INSERT INTO "__EFMigrationsHistory" VALUES ('29990101000000_FromTheFuture', '99.0.0')""");
                break;
        }
        var fingerprint = BackupFiles.Fingerprint(database);

        var result = await BackupFiles.RunAsync(database, "restore", "--from", from);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(message, result.Stderr);
        Assert.Equal(fingerprint, BackupFiles.Fingerprint(database));
        Assert.Equal(1, await CountAsync(database, "Pledgers"));
    }

    [Theory]
    [InlineData("--to", "existing.db")]
    [InlineData("--to", "no-such-folder/backup.db")]
    [InlineData("--into", "backup.db")]
    [InlineData("--force", null)]
    public async Task Backup_refuses_a_bad_argument_with_exit_2_and_writes_nothing(string option, string? file)
    {
        using var files = new BackupFiles();
        var database = await files.MigratedAsync("rescuetracker.db");
        await File.WriteAllTextAsync(files.PathOf("existing.db"), "an older backup");
        var before = Directory.GetFiles(files.Folder, "*", SearchOption.AllDirectories).Order().ToList();

        var result = await BackupFiles.RunAsync(database, file is null ? ["backup", option] : ["backup", option, files.PathOf(file)]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Equal(before, Directory.GetFiles(files.Folder, "*", SearchOption.AllDirectories).Order().ToList());
        Assert.Equal("an older backup", await File.ReadAllTextAsync(files.PathOf("existing.db")));
    }

    private static async Task<string> SummaryAsync(TempSqliteFile database)
    {
        await using var app = new TestApp(new TestAppOptions { Database = database, ReconcilerLoop = false, Quiet = true });
        using var client = app.CreateClient();
        return await client.GetStringAsync("/api/summary");
    }

    private static async Task<long> CountAsync(string database, string table)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT COUNT(*) FROM "{table}" """;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
