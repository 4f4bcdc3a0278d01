using Microsoft.Extensions.Options;
using RescueTracker.Hosting;

namespace RescueTracker.Features.Webhooks;

/// <summary>The loop: a <see cref="WebhookDispatcher"/> round every poll interval; a failed round is logged and the loop carries on.</summary>
public sealed class WebhookService(
    WebhookDispatcher dispatcher, IOptions<WebhookOptions> options, StartupReadiness readiness, TimeProvider clock, ILogger<WebhookService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("Webhooks:Enabled is false: no webhook is sent");
            return;
        }
        try
        {
            // The webhook tables live in the database the start-up migrations may still be creating.
            await readiness.WaitAsync(stoppingToken);
            await Task.Yield();
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await dispatcher.RunOnceAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogError(e, "Webhooks: a round failed; retrying in {Interval}", options.Value.PollInterval);
                }
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
