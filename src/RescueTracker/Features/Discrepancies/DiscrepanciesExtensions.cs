namespace RescueTracker.Features.Discrepancies;

public static class DiscrepanciesExtensions
{
    /// <summary>The discrepancy list's read behind the page, its API, its CSV and the pledge pages' link; a singleton, as it holds no state.</summary>
    public static IServiceCollection AddDiscrepancies(this IServiceCollection services) =>
        services.AddSingleton<DiscrepancyQuery>();
}
