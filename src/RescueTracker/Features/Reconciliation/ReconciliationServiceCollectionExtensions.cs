namespace RescueTracker.Features.Reconciliation;

public static class ReconciliationServiceCollectionExtensions
{
    public static IServiceCollection AddReconciliation(this IServiceCollection services)
    {
        services.AddHttpClient(ChainReconcilerFactory.HttpClientName);
        services.AddSingleton<ChainReconcilerFactory>();
        services.AddHostedService<ReconcilerService>();
        return services;
    }
}
