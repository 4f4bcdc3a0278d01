namespace RescueTracker.Features.Status;

public static class StatusExtensions
{
    /// <summary>The chain status reads behind the dashboard, the status page and its API; singletons, as they hold no state.</summary>
    public static IServiceCollection AddStatusPages(this IServiceCollection services) =>
        services.AddSingleton<ChainStatusQuery>().AddSingleton<RecoveryAddressQuery>();
}
