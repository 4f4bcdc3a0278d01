using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Features.Chains;
using RescueTracker.Features.Figures;
using RescueTracker.Features.History;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Features.Seed;
using RescueTracker.Hosting;

namespace RescueTracker.Benchmarks;

/// <summary>
/// A fresh SQLite file, migrated and seeded by the app's own initializer, with the part of the
/// app's services the reconciler needs (registered as in RescueTrackerExtensions, minus pages,
/// API and the background loop, which would poll on its own).
/// </summary>
public sealed class IngestDatabase : IAsyncDisposable
{
    private readonly IHost host;

    private IngestDatabase(IHost host, string file)
    {
        this.host = host;
        File = file;
    }

    public string File { get; }
    public IServiceProvider Services => host.Services;

    public static async Task<IngestDatabase> CreateAsync(string seedFile, Action<DbContextOptionsBuilder>? configure = null)
    {
        var file = Path.Combine(BenchmarkChain.WorkFolder, $"ingest-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = BenchmarkChain.WorkFolder });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DatabaseServiceCollectionExtensions.ConnectionName}"] = $"Data Source={file}",
            [$"{SeedOptions.Section}:Path"] = seedFile,
        });
        var services = builder.Services;
        services.AddRescueDatabase(builder.Configuration, builder.Environment);
        if (configure is not null) services.ConfigureDbContext<RescueDbContext>(configure, ServiceLifetime.Singleton);
        services.AddSingleton(TimeProvider.System);
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
        return new IngestDatabase(host, file);
    }

    public ChainReconciler CreateReconciler(ChainSettings settings) =>
        Services.GetRequiredService<ChainReconcilerFactory>().Create(1, settings);

    public async Task<RescueDbContext> OpenAsync() =>
        await Services.GetRequiredService<IDbContextFactory<RescueDbContext>>().CreateDbContextAsync();

    public async ValueTask DisposeAsync()
    {
        await ((IAsyncDisposable)host).DisposeAsync();
        // Pooled connections keep the file open; the file and its WAL go with the iteration.
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) System.IO.File.Delete(File + suffix);
    }
}
