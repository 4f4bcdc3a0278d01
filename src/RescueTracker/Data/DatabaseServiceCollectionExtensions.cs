using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace RescueTracker.Data;

public static class DatabaseServiceCollectionExtensions
{
    public const string ConnectionName = "RescueTracker";

    /// <summary>
    /// SQLite by default. A relative <c>Data Source</c> is resolved against the content root, so
    /// <c>dotnet run</c> and the published app each keep their database beside themselves.
    /// </summary>
    public static IServiceCollection AddRescueDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = ResolveSqlite(configuration.GetConnectionString(ConnectionName), environment.ContentRootPath);
        services.AddDbContextFactory<RescueDbContext>(options => options.UseSqlite(connectionString));
        return services;
    }

    internal static string ResolveSqlite(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(configured ?? "Data Source=data/rescuetracker.db");
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:"
            && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        }
        return builder.ToString();
    }

    /// <summary>Creates the folder, applies the hand-written migrations and switches the file to WAL.</summary>
    public static async Task MigrateAsync(this RescueDbContext db, CancellationToken ct)
    {
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var onDisk = !string.IsNullOrEmpty(source) && source != ":memory:";
        if (onDisk && Path.GetDirectoryName(source) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        using (onDisk ? await MigrationGuard.AcquireAsync(source + ".migrating", ct) : null)
        {
            if (onDisk) await ClearAbandonedMigrationLockAsync(db, ct);
            await db.Database.MigrateAsync(ct);
        }
        // WAL lets the dashboard read while the reconciler writes; the mode persists in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    /// <summary>
    /// EF Core marks a migration in progress with a row in __EFMigrationsLock and waits, forever, for
    /// such a row to go. A process killed while migrating leaves its row behind, and no later start
    /// would ever get past it. Holding <see cref="MigrationGuard"/>, no other live process is
    /// migrating this file, so a row still there belongs to a dead one.
    /// </summary>
    private static async Task ClearAbandonedMigrationLockAsync(RescueDbContext db, CancellationToken ct)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'";
            if ((long)(await command.ExecuteScalarAsync(ct))! == 0) return;
            command.CommandText = """DELETE FROM "__EFMigrationsLock" """;
            if (await command.ExecuteNonQueryAsync(ct) > 0)
                db.GetService<ILoggerFactory>().CreateLogger("RescueTracker.Data").LogWarning(
                    "Removed the migration lock left by a process that stopped while migrating {Database}", connection.DataSource);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
