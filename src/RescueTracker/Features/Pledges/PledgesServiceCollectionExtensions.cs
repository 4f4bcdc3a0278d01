namespace RescueTracker.Features.Pledges;

public static class PledgesServiceCollectionExtensions
{
    /// <summary>The pledge page's read; scoped so each request gets its own, though it holds no state.</summary>
    public static IServiceCollection AddPledgePages(this IServiceCollection services)
    {
        services.AddScoped<PledgeDetailsQuery>();
        return services;
    }
}
