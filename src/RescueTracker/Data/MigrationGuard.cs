namespace RescueTracker.Data;

/// <summary>
/// One migrating process per database file: an exclusive lock on a file beside it, which the
/// operating system releases when the holder exits, however it exits (a SIGKILL included), unlike
/// EF Core's lock row inside the database.
/// </summary>
internal static class MigrationGuard
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(100);

    public static async Task<IDisposable> AcquireAsync(string path, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                // The file stays: deleting it on release would let a waiting process lock the old file
                // while a newcomer locks a new one.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException)
            {
                // Another live process (the app and a command-line verb at once) is migrating: wait for it.
                await Task.Delay(Retry, ct);
            }
        }
    }
}
