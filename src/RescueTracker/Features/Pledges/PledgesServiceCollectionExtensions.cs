namespace RescueTracker.Features.Pledges;

public static class PledgesServiceCollectionExtensions
{
    /// <summary>The pledge pages' reads; scoped so each request gets its own, though they hold no state.</summary>
    public static IServiceCollection AddPledgePages(this IServiceCollection services)
    {
        services.AddScoped<PledgeDetailsQuery>();
        services.AddScoped<PledgeListQuery>();
        return services;
    }
}
