using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

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
        if (Path.GetDirectoryName(source) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        await db.Database.MigrateAsync(ct);
        // WAL lets the dashboard read while the reconciler writes; the mode persists in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}
