using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Tests.Infrastructure.PostgreSql;

namespace RescueTracker.Tests.Infrastructure;

/// <summary>
/// A database of a test's own, on the provider this test assembly runs against: a SQLite file
/// (<see cref="TempSqliteFile"/>), or, in the assembly built with POSTGRESQL, a fresh database on the test
/// process's PostgreSQL server (<see cref="TempPostgreSqlDatabase"/>). Disposing it removes it.
/// </summary>
public abstract class TestDatabase : IDisposable
{
#if POSTGRESQL
    public static DatabaseProvider RunProvider { get; } = DatabaseProvider.PostgreSql;
#else
    public static DatabaseProvider RunProvider { get; } = DatabaseProvider.Sqlite;
#endif

    /// <summary>A new database on this run's provider.</summary>
    public static TestDatabase Create() =>
        RunProvider == DatabaseProvider.PostgreSql ? TempPostgreSqlDatabase.OnSharedServer() : new TempSqliteFile();

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The value of <c>Database:Provider</c> that selects it.</summary>
    public string ProviderSetting => Provider == DatabaseProvider.PostgreSql ? "PostgreSQL" : "Sqlite";

    public abstract string ConnectionString { get; }

    public DbContextOptions<RescueDbContext> Options =>
        ((DbContextOptionsBuilder<RescueDbContext>)new DbContextOptionsBuilder<RescueDbContext>().UseRescueDatabase(Provider, ConnectionString)).Options;

    public RescueDbContext CreateContext() => new(Options);

    public IDbContextFactory<RescueDbContext> Factory => new ContextFactory(Options);

    /// <summary>A plain ADO.NET connection, not yet open, for raw SQL that no EF model can hide anything from.</summary>
    public abstract DbConnection OpenConnection();

    /// <summary>The tables, by name, in ordinal order.</summary>
    public abstract Task<IReadOnlyList<string>> TablesAsync(DbConnection connection);

    /// <summary>Every model table's row count, by raw SQL (EF's bookkeeping tables and the engine's own left out).</summary>
    public async Task<SortedDictionary<string, long>> RowCountsAsync()
    {
        await using var connection = OpenConnection();
        await connection.OpenAsync();
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in (await TablesAsync(connection)).Where(RescueTracker.Data.SqliteSchemaDescription.IsModelTable))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync());
        }
        return counts;
    }

    /// <summary>Applies the migrations the way the app does at start-up.</summary>
    public async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await db.MigrateAsync(CancellationToken.None);
    }

    public abstract void Dispose();

    private sealed class ContextFactory(DbContextOptions<RescueDbContext> options) : IDbContextFactory<RescueDbContext>
    {
        public RescueDbContext CreateDbContext() => new(options);
    }
}
