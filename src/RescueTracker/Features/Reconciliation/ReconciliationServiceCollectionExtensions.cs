namespace RescueTracker.Features.Reconciliation;

public static class ReconciliationServiceCollectionExtensions
{
    public static IServiceCollection AddReconciliation(this IServiceCollection services)
    {
        services.AddHttpClient(ChainReconcilerFactory.HttpClientName);
        services.AddOptions<ReconcilerLeaseOptions>().BindConfiguration(ReconcilerLeaseOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.RenewInterval * 2 <= o.Duration, $"{ReconcilerLeaseOptions.Section}:RenewInterval must be at most half of Duration.")
            .ValidateOnStart();
        services.AddSingleton<ChainReconcilerFactory>();
        services.AddHostedService<ReconcilerService>();
        return services;
    }
}
