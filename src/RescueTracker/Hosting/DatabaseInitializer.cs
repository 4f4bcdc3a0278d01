using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RescueTracker.Data;
using RescueTracker.Features.Admin.Accounts;
using RescueTracker.Features.Figures;
using RescueTracker.Features.Seed;

namespace RescueTracker.Hosting;

/// <summary>
/// Brings the database up to date before anything else starts (the web server included):
/// migrations, the admin roles, the one-time seed, then the first computation of the figures.
/// </summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<RescueDbContext> dbFactory,
    SeedLoader seedLoader,
    FiguresService figures,
    IOptions<SeedOptions> seedOptions,
    ILogger<DatabaseInitializer> logger) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.MigrateAsync(cancellationToken);
            await db.EnsureRolesAsync(cancellationToken);
        }
        var file = seedOptions.Value.Path;
        if (!await seedLoader.SeedIfEmptyAsync(file, cancellationToken))
            logger.LogInformation("Database already holds a rescue; seed file not loaded");
        await figures.RefreshAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
