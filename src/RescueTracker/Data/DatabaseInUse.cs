namespace RescueTracker.Data;

/// <summary>
/// "An app is running on this database": a shared lock on <c>&lt;db&gt;.in-use</c>, which every app process
/// holds from start-up to exit (the operating system drops it however the process ends, a SIGKILL
/// included). <c>restore</c> takes it exclusively, so it refuses to replace a database an app has open,
/// and an app that starts meanwhile waits until the restore is done.
/// </summary>
internal static class DatabaseInUse
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(100);

    public static string LockPath(string databasePath) => databasePath + ".in-use";

    /// <summary>The app's hold, for its lifetime; waits while a restore holds the database.</summary>
    public static async Task<IDisposable> HoldAsync(string databasePath, ILogger logger, CancellationToken ct)
    {
        var waiting = false;
        while (true)
        {
            // Read-only with sharing: a shared lock (flock LOCK_SH), which any number of apps hold together.
            if (TryOpen(databasePath, FileAccess.Read, FileShare.ReadWrite) is { } held) return held;
            if (!waiting) logger.LogWarning("A restore is replacing {Database}; start-up waits until it is done", databasePath);
            waiting = true;
            await Task.Delay(Retry, ct);
        }
    }

    /// <summary>The exclusive hold of a restore, or null while an app holds the database.</summary>
    public static IDisposable? TryHoldExclusive(string databasePath) => TryOpen(databasePath, FileAccess.ReadWrite, FileShare.None);

    private static FileStream? TryOpen(string databasePath, FileAccess access, FileShare share)
    {
        if (Path.GetDirectoryName(databasePath) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        try
        {
            // The file stays when released, for the reason MigrationGuard's does.
            return new FileStream(LockPath(databasePath), FileMode.OpenOrCreate, access, share, 1, FileOptions.None);
        }
        catch (IOException e) when (e is not (DirectoryNotFoundException or FileNotFoundException))
        {
            return null;
        }
    }
}
