using Microsoft.Data.Sqlite;

namespace RescueTracker.Features.Backup;

/// <summary>
/// The file work of backup and restore. Every new file is written beside its target under a temporary
/// name and renamed into place only once it is complete and checked, so a target is never half-written.
/// </summary>
internal static class DatabaseFiles
{
    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    /// <summary>What SQLite keeps beside a database file; they belong to it and go where it goes.</summary>
    private static readonly string[] Companions = ["-wal", "-journal"];

    /// <summary>
    /// Copies the live database to <paramref name="target"/> with SQLite's online backup API: one step over
    /// all pages inside one read transaction, so the copy is the database as of one commit, while the app
    /// keeps writing (in WAL mode a reader does not block writers).
    /// </summary>
    public static async Task<long> BackupAsync(string database, string target, bool replace)
    {
        await using var source = Open(database, SqliteOpenMode.ReadWrite);
        await source.OpenAsync();
        await WaitOutLocksAsync(source);
        return await WriteBesideAsync(target, replace, async partial =>
        {
            await using var copy = Open(partial, SqliteOpenMode.ReadWriteCreate);
            await copy.OpenAsync();
            source.BackupDatabase(copy);
            return await IntegrityProblemAsync(copy);
        });
    }

    /// <summary>
    /// How long the backup waits for a lock that keeps it from reading: the app's connections hold one only for a
    /// moment (a closing connection tries for the exclusive lock to learn whether it is the last one).
    /// </summary>
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// SQLite's own busy handler on the connection. The backup API does not retry as commands do here, so without it
    /// the read transaction the backup opens fails at once with "database is locked" whenever it meets such a lock.
    /// </summary>
    private static async Task WaitOutLocksAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {(int)LockWait.TotalMilliseconds}";
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first 16 bytes name the format; anything else is not worth opening.</summary>
    public static bool LooksLikeSqlite(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var header = new byte[SqliteHeader.Length];
        return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header.AsSpan().SequenceEqual(SqliteHeader);
    }

    /// <summary>
    /// Copies <paramref name="source"/> byte for byte to a temporary file beside <paramref name="database"/> and
    /// hands it to <paramref name="check"/>, which returns a problem or null. Unchecked or failed copies are deleted.
    /// </summary>
    public static async Task<(string? Partial, string? Problem)> StageAsync(string source, string database, Func<SqliteConnection, Task<string?>> check)
    {
        var partial = $"{database}.restoring-{Guid.NewGuid():N}";
        try
        {
            File.Copy(source, partial);
            string? problem;
            await using (var staged = Open(partial, SqliteOpenMode.ReadWrite))
            {
                await staged.OpenAsync();
                problem = await IntegrityProblemAsync(staged) ?? await check(staged);
            }
            if (problem is null) return (partial, null);
            Discard(partial);
            return (null, problem);
        }
        catch
        {
            Discard(partial);
            throw;
        }
    }

    /// <summary>
    /// Puts the staged copy in the database's place. The database it replaces is kept, with its WAL (which may
    /// hold its last commits), as <c>&lt;db&gt;.before-restore-&lt;timestamp&gt;</c>; the shared-memory index goes.
    /// Returns the kept file's path, or null when there was no database.
    /// </summary>
    public static string? Replace(string database, string partial, DateTimeOffset now)
    {
        string? kept = null;
        if (File.Exists(database))
        {
            kept = $"{database}.before-restore-{now.UtcDateTime:yyyyMMdd-HHmmss}";
            File.Move(database, kept);
            foreach (var suffix in Companions)
            {
                if (File.Exists(database + suffix)) File.Move(database + suffix, kept + suffix);
            }
        }
        File.Delete(database + "-shm");
        File.Move(partial, database);
        return kept;
    }

    /// <summary><c>PRAGMA integrity_check</c>: null when it answers "ok", else its first findings.</summary>
    public static async Task<string?> IntegrityProblemAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check(5)";
        var findings = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) findings.Add(reader.GetString(0));
        return findings is ["ok"] ? null : "it fails SQLite's integrity check: " + string.Join("; ", findings);
    }

    public static SqliteConnection Open(string path, SqliteOpenMode mode) =>
        // No pooling: the file must be closed, its WAL folded in, before it is renamed.
        new(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());

    private static async Task<long> WriteBesideAsync(string target, bool replace, Func<string, Task<string?>> write)
    {
        var partial = $"{target}.partial-{Guid.NewGuid():N}";
        try
        {
            if (await write(partial) is { } problem) throw new InvalidDataException($"The copy {problem}");
            File.Move(partial, target, overwrite: replace);
            return new FileInfo(target).Length;
        }
        finally
        {
            Discard(partial);
        }
    }

    /// <summary>Deletes a file made here, with whatever SQLite left beside it.</summary>
    public static void Discard(string path)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" }) File.Delete(path + suffix);
    }
}
