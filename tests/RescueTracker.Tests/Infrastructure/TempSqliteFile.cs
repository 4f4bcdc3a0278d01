using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>
/// A SQLite file of its own in the temp folder, so parallel test classes never share a database.
/// The file, its WAL and shared-memory companions and the app's lock files beside it are deleted on dispose.
/// </summary>
public sealed class TempSqliteFile : IDisposable
{
    public string Path { get; } =
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"rescuetracker-test-{Guid.NewGuid():N}.db");

    // Pooling off: a pooled connection would keep the file open after the test and block deleting it.
    public string ConnectionString => $"Data Source={Path};Pooling=False";

    public DbContextOptions<RescueDbContext> Options =>
        new DbContextOptionsBuilder<RescueDbContext>().UseRescueSqlite(ConnectionString).Options;

    public RescueDbContext CreateContext() => new(Options);

    public IDbContextFactory<RescueDbContext> Factory => new ContextFactory(Options);

    /// <summary>Applies the migrations the way the app does at start-up (including WAL).</summary>
    public async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await db.MigrateAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal", ".migrating", ".in-use" })
        {
            File.Delete(Path + suffix);
        }
    }

    private sealed class ContextFactory(DbContextOptions<RescueDbContext> options) : IDbContextFactory<RescueDbContext>
    {
        public RescueDbContext CreateDbContext() => new(options);
    }
}
