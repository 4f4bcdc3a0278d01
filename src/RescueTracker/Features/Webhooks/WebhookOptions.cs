using System.ComponentModel.DataAnnotations;

namespace RescueTracker.Features.Webhooks;

/// <summary>
/// <c>Webhooks</c>: how often the dispatcher looks for new events and due deliveries, how long one POST may take, and the
/// retry schedule (the first wait, doubling to <see cref="MaxRetryDelay"/>, for <see cref="RetryFor"/> after the event).
/// </summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>False stops all sending; subscriptions and queued deliveries wait in the database.</summary>
    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>One POST, from connecting to the status line; longer counts as a failed attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after it is enqueued a failing delivery is still retried before it is abandoned.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Due deliveries sent per subscription and round, in event order.</summary>
    [Range(1, 1_000)]
    public int BatchSize { get; set; } = 20;

    /// <summary>The app's public address (https://tracker.example/), so each payload's link is absolute; without it links are paths.</summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>The wait after the given number of failed attempts (1 or more): the first delay doubled each time, capped.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var delay = FirstRetryDelay;
        for (var i = 1; i < failedAttempts && delay < MaxRetryDelay; i++) delay += delay;
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}
