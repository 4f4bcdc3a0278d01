namespace RescueTracker.Features.Exports;

public static class ExportsExtensions
{
    /// <summary>The CSV exports' own read (the history); pledges and transfers reuse their features' queries.</summary>
    public static IServiceCollection AddExports(this IServiceCollection services) =>
        services.AddSingleton<HistoryExport>();
}
