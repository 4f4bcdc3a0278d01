using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Features.Chains;
using RescueTracker.Features.Figures;
using RescueTracker.Features.History;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Features.Seed;
using RescueTracker.Hosting;
using RescueTracker.Tests.Infrastructure.PostgreSql;

namespace RescueTracker.Benchmarks;

/// <summary>
/// A fresh database, migrated and seeded by the app's own initializer, with the part of the app's services the
/// reconciler needs (registered as in RescueTrackerExtensions, minus pages, API and the background loop, which
/// would poll on its own): a SQLite file, or a new database on a PostgreSQL server when one is given.
/// </summary>
public sealed class IngestDatabase : IAsyncDisposable
{
    private readonly IHost host;
    private readonly PostgreSqlServer? server;
    private readonly string connectionString;

    private IngestDatabase(IHost host, PostgreSqlServer? server, string connectionString)
    {
        this.host = host;
        this.server = server;
        this.connectionString = connectionString;
    }

    public IServiceProvider Services => host.Services;

    public static async Task<IngestDatabase> CreateAsync(string seedFile, Action<DbContextOptionsBuilder>? configure = null,
        PostgreSqlServer? server = null)
    {
        var connectionString = server is null
            ? $"Data Source={Path.Combine(BenchmarkChain.WorkFolder, $"ingest-{Environment.ProcessId}-{Guid.NewGuid():N}.db")}"
            : await server.CreateDatabaseAsync();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = BenchmarkChain.WorkFolder });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseProviders.SettingName] = server is null ? "Sqlite" : "PostgreSQL",
            [$"ConnectionStrings:{DatabaseServiceCollectionExtensions.ConnectionName}"] = connectionString,
            [$"{SeedOptions.Section}:Path"] = seedFile,
        });
        var services = builder.Services;
        services.AddRescueDatabase(builder.Configuration, builder.Environment);
        if (configure is not null) services.ConfigureDbContext<RescueDbContext>(configure, ServiceLifetime.Singleton);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(InstanceIdentity.From(builder.Configuration));
        services.AddOptions<ReconcilerLeaseOptions>();
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
        services.AddSingleton<SeedLoader>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<FiguresService>();
        services.AddFigureHistory();
        services.AddSingleton<RescueMetrics>();
        services.AddSingleton<StartupReadiness>();
        services.AddHttpClient(ChainReconcilerFactory.HttpClientName);
        services.AddSingleton<ChainReconcilerFactory>();

        var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseInitializer>().StartedAsync(CancellationToken.None);
        return new IngestDatabase(host, server, connectionString);
    }

    public ChainReconciler CreateReconciler(ChainSettings settings) =>
        Services.GetRequiredService<ChainReconcilerFactory>().Create(1, settings);

    public async Task<RescueDbContext> OpenAsync() =>
        await Services.GetRequiredService<IDbContextFactory<RescueDbContext>>().CreateDbContextAsync();

    public async ValueTask DisposeAsync()
    {
        await ((IAsyncDisposable)host).DisposeAsync();
        if (server is not null)
        {
            await server.DropDatabaseAsync(connectionString);
            return;
        }
        // Pooled connections keep the file open; the file and its WAL go with the iteration.
        SqliteConnection.ClearAllPools();
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(file + suffix);
    }
}
