using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace RescueTracker.Data;

public static class DatabaseServiceCollectionExtensions
{
    public const string ConnectionName = "RescueTracker";

    /// <summary>
    /// The database <c>Database:Provider</c> names: SQLite by default, or PostgreSQL (see
    /// <see cref="DatabaseProviders"/>). A relative SQLite <c>Data Source</c> is resolved against the content
    /// root, so <c>dotnet run</c> and the published app each keep their database beside themselves, and every
    /// SQLite connection commits with <see cref="SynchronousFull"/>.
    /// </summary>
    public static IServiceCollection AddRescueDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = DatabaseProviders.FromConfiguration(configuration);
        var connectionString = ConnectionString(configuration, environment);
        services.AddDbContextFactory<RescueDbContext>(options => options.UseRescueDatabase(provider, connectionString));
        return services;
    }

    /// <summary>The one place a context's provider is chosen: the app, its command-line verbs and the tests come here.</summary>
    public static DbContextOptionsBuilder UseRescueDatabase(this DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString) =>
        provider switch
        {
            DatabaseProvider.PostgreSql => options.UseRescuePostgreSql(connectionString),
            _ => options.UseRescueSqlite(connectionString).AddInterceptors(SynchronousFull.Instance),
        };

    /// <summary>The assembly holding the SQLite migrations and their snapshot (the project <c>migrations/Sqlite</c>).</summary>
    public const string SqliteMigrationsAssembly = "RescueTracker.Migrations.Sqlite";

    /// <summary>The assembly holding the PostgreSQL migrations and their snapshot (the project <c>migrations/PostgreSQL</c>).</summary>
    public const string PostgreSqlMigrationsAssembly = "RescueTracker.Migrations.PostgreSQL";

    /// <summary>PostgreSQL with its own migrations (see <see cref="UseRescueSqlite(DbContextOptionsBuilder, string)"/> for why).</summary>
    public static DbContextOptionsBuilder UseRescuePostgreSql(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly));

    /// <summary>
    /// SQLite with its own migrations. Every context the app, its command-line verbs, the tests and dotnet-ef
    /// build goes through here: the migrations live in one assembly per provider, not beside the context,
    /// and a context configured without this would find none.
    /// </summary>
    public static DbContextOptionsBuilder UseRescueSqlite(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));

    /// <inheritdoc cref="UseRescueSqlite(DbContextOptionsBuilder, string)"/>
    public static DbContextOptionsBuilder UseRescueSqlite(this DbContextOptionsBuilder options, DbConnection connection) =>
        options.UseSqlite(connection, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));

    /// <inheritdoc cref="UseRescueSqlite(DbContextOptionsBuilder, string)"/>
    public static DbContextOptionsBuilder<RescueDbContext> UseRescueSqlite(this DbContextOptionsBuilder<RescueDbContext> options, string connectionString) =>
        (DbContextOptionsBuilder<RescueDbContext>)((DbContextOptionsBuilder)options).UseRescueSqlite(connectionString);

    /// <inheritdoc cref="UseRescueSqlite(DbContextOptionsBuilder, string)"/>
    public static DbContextOptionsBuilder<RescueDbContext> UseRescueSqlite(this DbContextOptionsBuilder<RescueDbContext> options, DbConnection connection) =>
        (DbContextOptionsBuilder<RescueDbContext>)((DbContextOptionsBuilder)options).UseRescueSqlite(connection);

    /// <summary>The app's connection string as the app resolves it (the command-line verbs read it the same way).</summary>
    public static string ConnectionString(IConfiguration configuration, IHostEnvironment environment) =>
        DatabaseProviders.FromConfiguration(configuration) == DatabaseProvider.PostgreSql
            ? configuration.GetConnectionString(ConnectionName) is { Length: > 0 } configured
                ? configured
                : throw new InvalidOperationException(
                    $"ConnectionStrings:{ConnectionName} must name the PostgreSQL database (Host=...;Database=...;Username=...) when {DatabaseProviders.SettingName} is PostgreSQL.")
            : ResolveSqlite(configuration.GetConnectionString(ConnectionName), environment.ContentRootPath);

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

    /// <summary>
    /// Creates the folder, takes over a database made by the hand-written migrations of before (see
    /// <see cref="HandWrittenMigrations"/>), applies the migrations and switches the file to WAL. On PostgreSQL the
    /// provider's own lock (a table lock, dropped with the session however it ends) keeps migrators apart.
    /// </summary>
    public static async Task MigrateAsync(this RescueDbContext db, CancellationToken ct)
    {
        if (db.OnPostgreSql)
        {
            await db.Database.MigrateAsync(ct);
            return;
        }
        var source = db.DatabaseFile();
        if (source is not null && Path.GetDirectoryName(source) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        using (source is not null ? await MigrationGuard.AcquireAsync(source + ".migrating", ct) : null)
        {
            if (source is not null) await ClearAbandonedMigrationLockAsync(db, ct);
            await HandWrittenMigrations.AdoptAsync(db, ct);
            await db.Database.MigrateAsync(ct);
        }
        // WAL lets the dashboard read while the reconciler writes; the mode persists in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    /// <summary>The database's file; null for an in-memory database, or one on PostgreSQL (a server, no file).</summary>
    public static string? DatabaseFile(this RescueDbContext db) => db.OnPostgreSql ? null : DatabaseFile(db.Database.GetConnectionString());

    /// <inheritdoc cref="DatabaseFile(RescueDbContext)"/>
    public static string? DatabaseFile(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:"
            ? null
            : builder.DataSource;
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
