namespace RescueTracker.Features.Pledges;

public static class PledgesServiceCollectionExtensions
{
    /// <summary>The pledge pages' reads; singletons, as they hold no state (each read opens its own context).</summary>
    public static IServiceCollection AddPledgePages(this IServiceCollection services)
    {
        services.AddSingleton<PledgeDetailsQuery>();
        services.AddSingleton<PledgeListQuery>();
        return services;
    }
}
