using System.Data.Common;
using Microsoft.Data.Sqlite;
using RescueTracker.Data;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>
/// A SQLite file of its own in the temp folder, so parallel test classes never share a database.
/// The file, its WAL and shared-memory companions and the app's lock files beside it are deleted on dispose.
/// </summary>
public sealed class TempSqliteFile : TestDatabase
{
    public string Path { get; } =
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"rescuetracker-test-{Guid.NewGuid():N}.db");

    // Pooling off: a pooled connection would keep the file open after the test and block deleting it.
    public override string ConnectionString => $"Data Source={Path};Pooling=False";

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public override DbConnection OpenConnection() => new SqliteConnection(ConnectionString);

    public override async Task<IReadOnlyList<string>> TablesAsync(DbConnection connection) =>
        await SqliteSchema.TablesAsync((SqliteConnection)connection);

    public override void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal", ".migrating", ".in-use" })
        {
            File.Delete(Path + suffix);
        }
    }
}
