using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RescueTracker.Features.Api;

namespace RescueTracker.Hosting;

/// <summary>
/// <c>/healthz/live</c>: the process answers (restart it if not). <c>/healthz/ready</c>: the database is migrated and
/// seeded and answers (send traffic only then). <c>/healthz</c>: both, as it always was. GET and HEAD only. While the
/// app starts, every other request is answered 503 with Retry-After.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static IServiceCollection AddHealthEndpoints(this IServiceCollection services)
    {
        services.AddSingleton<StartupReadiness>();
        services.AddHealthChecks()
            .AddCheck<StartupHealthCheck>("startup", tags: [Ready])
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready]);
        return services;
    }

    public static IApplicationBuilder UseStartupGate(this IApplicationBuilder app)
    {
        var readiness = app.ApplicationServices.GetRequiredService<StartupReadiness>();
        return app.Use((context, next) =>
        {
            if (readiness.IsReady || context.Request.Path.StartsWithSegments("/healthz")) return next(context);
            context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return RefusedRequests.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Starting",
                "The database is being prepared; try again shortly.");
        });
    }

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        endpoints.MapHealthChecks("/healthz").WithMetadata(new HttpMethodMetadata(methods));
        endpoints.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false }).WithMetadata(new HttpMethodMetadata(methods));
        endpoints.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) })
            .WithMetadata(new HttpMethodMetadata(methods));
        return endpoints;
    }
}

/// <summary>Unhealthy until the database is migrated and seeded.</summary>
public sealed class StartupHealthCheck(StartupReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.IsReady ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Migrating and seeding the database."));
}
