using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Figures;
using RescueTracker.Features.Seed;

namespace RescueTracker.Hosting;

/// <summary>
/// Brings the database up to date once the server listens (it answers 503 until then, and /healthz/ready says why):
/// migrations, the admin roles, the one-time seed, then the first computation of the figures. The host's start waits
/// for it, so a failure (a bad seed file) still ends the start with its exception.
/// From then until the app stops it holds <see cref="DatabaseInUse"/>, so a restore will not replace the file under it.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<RescueDbContext> dbFactory,
    SeedLoader seedLoader,
    FiguresService figures,
    IOptions<SeedOptions> seedOptions,
    StartupReadiness readiness,
    ILogger<DatabaseInitializer> logger) : IHostedLifecycleService, IDisposable
{
    private IDisposable? _inUse;

    // After every hosted service's StartAsync, the web server's included: the server is listening.
    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (db.DatabaseFile() is { } database) _inUse = await DatabaseInUse.HoldAsync(database, logger, cancellationToken);
            await db.MigrateAsync(cancellationToken);
            await db.EnsureRolesAsync(cancellationToken);
        }
        var file = seedOptions.Value.Path;
        if (!await seedLoader.SeedIfEmptyAsync(file, cancellationToken))
            logger.LogInformation("Database already holds a rescue; seed file not loaded");
        await figures.RefreshAsync(cancellationToken);
        readiness.MarkReady();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _inUse?.Dispose();
}
