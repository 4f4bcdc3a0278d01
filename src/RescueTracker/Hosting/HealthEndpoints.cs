using Microsoft.AspNetCore.Diagnostics.HealthChecks;
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
        // Unhealthy while start-up prepares the database, then as the database answers.
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [Ready]);
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

