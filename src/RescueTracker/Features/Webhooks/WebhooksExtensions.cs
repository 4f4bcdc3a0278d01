namespace RescueTracker.Features.Webhooks;

public static class WebhooksExtensions
{
    /// <summary>
    /// Subscriptions and their commands, the event log, the dispatcher and its loop; the HTTP client follows no
    /// redirect (a receiver answers 2xx itself) and the dispatcher times each POST out itself.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.MaxRetryDelay >= o.FirstRetryDelay, $"{WebhookOptions.Section}:MaxRetryDelay must not be shorter than FirstRetryDelay.")
            .Validate(o => o.RetryFor >= o.FirstRetryDelay, $"{WebhookOptions.Section}:RetryFor must not be shorter than FirstRetryDelay.")
            .Validate(o => o.PublicUrl is null || (o.PublicUrl.IsAbsoluteUri && o.PublicUrl.Scheme is "http" or "https"),
                $"{WebhookOptions.Section}:PublicUrl must be an absolute http or https URL.")
            .ValidateOnStart();
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .ConfigureHttpClient(client => client.DefaultRequestHeaders.UserAgent.ParseAdd("RescueTracker-Webhooks/1"));
        services.AddSingleton<WebhookSecrets>().AddSingleton<WebhookEventLog>().AddSingleton<WebhookCommands>()
            .AddSingleton<WebhookQueries>().AddSingleton<WebhookDispatcher>();
        services.AddHostedService<WebhookService>();
        return services;
    }
}
