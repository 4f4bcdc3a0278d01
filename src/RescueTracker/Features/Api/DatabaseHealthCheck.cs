using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RescueTracker.Data;
using RescueTracker.Hosting;

namespace RescueTracker.Features.Api;

/// <summary>
/// Healthy when the database answers a query; never asks a remote node. While start-up prepares the database it does
/// not query at all: the migrations hold it, and a probe must answer at once.
/// </summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<RescueDbContext> dbFactory, StartupReadiness readiness) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!readiness.IsReady) return HealthCheckResult.Unhealthy("The database is being prepared.");
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var rescues = await db.Rescues.CountAsync(cancellationToken);
            return rescues > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded("The database holds no rescue yet.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be read.", e);
        }
    }
}
