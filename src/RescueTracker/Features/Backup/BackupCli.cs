using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts.Cli;

namespace RescueTracker.Features.Backup;

/// <summary>
/// <c>backup</c> and <c>restore</c>: run instead of the web server when named first on the command line, on the
/// database the app's configuration names (<c>ConnectionStrings:RescueTracker</c>, read as the app reads it).
/// Exit codes: 0 done; 1 could not be done (no database, an app holds it, a file error); 2 a bad argument or
/// a file that is not a usable backup, and nothing was touched. Messages go to standard error. SQLite only: on
/// PostgreSQL they refuse (exit 1) and name pg_dump, which backs up a live server consistently.
/// </summary>
public static class BackupCli
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int BadArgument = 2;

    private const string Usage = """
        Usage:
          RescueTracker backup --to FILE [--force]   copy the database while the app runs; --force replaces an existing FILE
          RescueTracker restore --from FILE          replace the database with FILE (a backup); stop the app first
        """;

    private static readonly HashSet<string> Flags = ["force", "help"];

    public static bool Handles(string[] args) => args.Length > 0 && args[0] is "backup" or "restore";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (!CliArguments.TryParse(args.Skip(1), Flags, out var options, out var problem))
            return await FailAsync(error, $"{problem}\n{Usage}", BadArgument);
        if (options.ContainsKey("help"))
        {
            await output.WriteLineAsync(Usage);
            return Done;
        }
        var configuration = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] }).Configuration;
        if (DatabaseProviders.FromConfiguration(configuration) == DatabaseProvider.PostgreSql)
            return await FailAsync(error, "backup and restore copy a SQLite file; on PostgreSQL back up with the server's own tools, "
                + "pg_dump and pg_restore (README, \"Running on PostgreSQL\").", Failed);
        var connectionString = AppConnectionString();
        if (DatabaseServiceCollectionExtensions.DatabaseFile(connectionString) is not { } database)
            return await FailAsync(error, "ConnectionStrings:RescueTracker names an in-memory database: there is no file to back up or restore.", BadArgument);
        try
        {
            return args[0] == "backup"
                ? await BackupAsync(database, options, error)
                : await RestoreAsync(database, options, connectionString, error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException or InvalidDataException)
        {
            return await FailAsync(error, e.Message, Failed);
        }
    }

    private static async Task<int> BackupAsync(string database, Dictionary<string, string> options, TextWriter error)
    {
        if (!options.TryGetValue("to", out var to) || options.Keys.Any(k => k is not ("to" or "force")))
            return await FailAsync(error, "backup needs --to FILE (and optionally --force).\n" + Usage, BadArgument);
        var target = Path.GetFullPath(to);
        var replace = options.ContainsKey("force");
        if (SameFile(target, database)) return await FailAsync(error, $"--to {target} is the database itself.", BadArgument);
        if (Directory.Exists(target)) return await FailAsync(error, $"--to {target} is a folder: name the backup file.", BadArgument);
        if (!Directory.Exists(Path.GetDirectoryName(target)))
            return await FailAsync(error, $"The folder of --to {target} does not exist.", BadArgument);
        if (File.Exists(target) && !replace)
            return await FailAsync(error, $"{target} exists already: add --force to replace it, or name another file.", BadArgument);
        if (!File.Exists(database))
            return await FailAsync(error, $"There is no database at {database} (ConnectionStrings:RescueTracker) to back up.", Failed);

        var bytes = await DatabaseFiles.BackupAsync(database, target, replace);
        await error.WriteLineAsync($"Backed up {database} to {target} ({bytes:N0} bytes, integrity check ok).");
        return Done;
    }

    private static async Task<int> RestoreAsync(string database, Dictionary<string, string> options, string connectionString, TextWriter error)
    {
        if (!options.TryGetValue("from", out var from) || options.Count != 1)
            return await FailAsync(error, "restore needs --from FILE, and nothing else.\n" + Usage, BadArgument);
        var source = Path.GetFullPath(from);
        if (!File.Exists(source)) return await FailAsync(error, $"There is no file at --from {source}.", BadArgument);
        if (SameFile(source, database)) return await FailAsync(error, $"--from {source} is the database itself.", BadArgument);
        if (new FileInfo(source + "-wal") is { Exists: true, Length: > 0 })
            return await FailAsync(error, $"{source}-wal holds commits beside it: that file is open in an app or was not closed cleanly. "
                                          + "Take a copy of it with the backup verb and restore that.", BadArgument);
        if (!DatabaseFiles.LooksLikeSqlite(source)) return await FailAsync(error, $"--from {source} is not a SQLite database.", BadArgument);

        if (Path.GetDirectoryName(database) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        var (partial, problem) = await DatabaseFiles.StageAsync(source, database, staged => MigrationProblemAsync(staged, KnownMigrations(connectionString)));
        if (problem is not null) return await FailAsync(error, $"--from {source} cannot be restored: {problem}. Nothing was changed.", BadArgument);

        using var exclusive = DatabaseInUse.TryHoldExclusive(database);
        if (exclusive is null)
        {
            DatabaseFiles.Discard(partial!);
            return await FailAsync(error, $"An app is running on {database} (it holds {DatabaseInUse.LockPath(database)}): stop it, then restore. "
                                          + "Nothing was changed.", Failed);
        }
        var kept = DatabaseFiles.Replace(database, partial!, TimeProvider.System.GetUtcNow());
        await error.WriteLineAsync($"Restored {database} from {source} (integrity check ok)."
                                   + (kept is null ? "" : $" The database it replaced is kept as {kept}.")
                                   + " Start the app: it applies any migration the backup predates.");
        return Done;
    }

    /// <summary>
    /// A backup this app can run on: a migrations history, every entry of which this version knows
    /// (older is fine, the app migrates it at start; newer would be a schema this version cannot read).
    /// </summary>
    private static async Task<string?> MigrationProblemAsync(SqliteConnection staged, IReadOnlySet<string> known)
    {
        await using var command = staged.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
        if ((long)(await command.ExecuteScalarAsync())! == 0) return "it holds no migrations history, so it is not a RescueTracker database";
        command.CommandText = """SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" """;
        var applied = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) applied.Add(reader.GetString(0));
        }
        if (applied.Count == 0) return "its migrations history is empty, so it is not a RescueTracker database";
        var unknown = applied.Where(id => !known.Contains(id)).ToList();
        return unknown.Count == 0
            ? null
            : $"it was made by a newer version of RescueTracker (migrations {string.Join(", ", unknown)} are unknown to this one); upgrade the app first";
    }

    /// <summary>This version's migrations, and the hand-written ones whose databases start-up takes over.</summary>
    private static HashSet<string> KnownMigrations(string connectionString)
    {
        using var db = new RescueDbContext(new DbContextOptionsBuilder<RescueDbContext>().UseRescueSqlite(connectionString).Options);
        return db.Database.GetMigrations().Concat(HandWrittenMigrations.Ids).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The app's own configuration (appsettings, environment, ASPNETCORE_ENVIRONMENT), without building a host.</summary>
    private static string AppConnectionString()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        return DatabaseServiceCollectionExtensions.ConnectionString(builder.Configuration, builder.Environment);
    }

    private static bool SameFile(string a, string b) => string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    private static async Task<int> FailAsync(TextWriter error, string message, int code)
    {
        await error.WriteLineAsync($"error: {message}");
        return code;
    }
}
