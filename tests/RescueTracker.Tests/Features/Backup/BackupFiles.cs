using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Backup;

/// <summary>A temp folder of database files for the backup and restore verbs, run as the built app's own processes.</summary>
internal sealed class BackupFiles : IDisposable
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "rescuetracker-backup-" + Guid.NewGuid().ToString("N"));

    public BackupFiles() => Directory.CreateDirectory(Folder);

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary><c>dotnet RescueTracker.dll VERB ...</c> with <c>ConnectionStrings:RescueTracker</c> naming <paramref name="database"/>.</summary>
    public static Task<CliProcess.Result> RunAsync(string database, params string[] args) =>
        CliProcess.RunAsync(AppProcess.BuildFolder, database, null, args);

    /// <summary>A database with every migration applied, as the app leaves it (WAL included).</summary>
    public async Task<string> MigratedAsync(string name)
    {
        var path = PathOf(name);
        await using var db = new RescueDbContext(new DbContextOptionsBuilder<RescueDbContext>().UseRescueSqlite($"Data Source={path};Pooling=False").Options);
        await db.MigrateAsync(CancellationToken.None);
        return path;
    }

    public static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The database file's bytes and every file beside it that is named after it (its WAL and shared memory aside).</summary>
    public static string Fingerprint(string database)
    {
        var name = Path.GetFileName(database);
        var beside = Directory.GetFiles(Path.GetDirectoryName(database)!, name + "*").Select(Path.GetFileName)
            .Where(f => f != name + "-wal" && f != name + "-shm").Order(StringComparer.Ordinal);
        var bytes = File.Exists(database) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(database))) : "none";
        return $"{bytes} [{string.Join(", ", beside)}]";
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* A leftover temp folder must not fail the run. */ }
    }
}
