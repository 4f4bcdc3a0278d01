using OpenTelemetry.Metrics;

namespace RescueTracker.Hosting;

/// <summary>
/// <c>Metrics:Enabled</c> (default false): ASP.NET Core's request metrics and <see cref="RescueMetrics"/> in Prometheus'
/// text format at <c>/metrics</c>. Off, nothing listens to the meters and /metrics does not exist (404).
/// </summary>
public static class MetricsEndpoint
{
    public const string Setting = "Metrics:Enabled";
    public const string Path = "/metrics";

    public static IServiceCollection AddRescueMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RescueMetrics>();
        if (!configuration.GetValue<bool>(Setting)) return services;
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(RescueMetrics.MeterName)
            // Every scrape reads the instruments afresh (the exporter would otherwise answer from a 300 ms cache).
            .AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    public static IEndpointRouteBuilder MapRescueMetrics(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<bool>(Setting))
            endpoints.MapPrometheusScrapingEndpoint(Path).WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        return endpoints;
    }
}
