using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;

namespace RescueTracker.Features.Webhooks;

/// <summary>A subscription as the admin page lists it: no secret, its deliveries counted by status.</summary>
public sealed record WebhookRow(int Id, string Url, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? DisabledAt,
    int Pending, int Delivered, int Abandoned);

/// <summary>One delivery as the admin page lists it, with the outcome of its last attempt.</summary>
public sealed record WebhookDeliveryRow(long Id, int SubscriptionId, string Url, Guid DeliveryKey, string EventId, string EventType,
    WebhookDeliveryStatus Status, int Attempts, int? LastStatusCode, string? LastError, DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, DateTimeOffset Deadline);

/// <summary>The admin page's reads: subscriptions and the latest deliveries. A singleton over the context factory.</summary>
public sealed class WebhookQueries(IDbContextFactory<RescueDbContext> dbFactory)
{
    public const int RecentDeliveries = 200;

    public async Task<List<WebhookRow>> SubscriptionsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginReadTransactionAsync(ct);
        var counts = await db.WebhookDeliveries.GroupBy(d => new { d.SubscriptionId, d.Status })
            .Select(g => new { g.Key.SubscriptionId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        int Count(int id, WebhookDeliveryStatus status) => counts.FirstOrDefault(c => c.SubscriptionId == id && c.Status == status)?.Count ?? 0;
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        return subscriptions.Select(s => new WebhookRow(s.Id, s.Url, s.CreatedAt, s.CreatedBy, s.DisabledAt,
            Count(s.Id, WebhookDeliveryStatus.Pending), Count(s.Id, WebhookDeliveryStatus.Delivered), Count(s.Id, WebhookDeliveryStatus.Abandoned))).ToList();
    }

    /// <summary>The latest deliveries, newest first; those of one subscription when <paramref name="subscriptionId"/> is given.</summary>
    public async Task<List<WebhookDeliveryRow>> DeliveriesAsync(int? subscriptionId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookDeliveries.AsNoTracking()
            .Where(d => subscriptionId == null || d.SubscriptionId == subscriptionId)
            .OrderByDescending(d => d.Id).Take(RecentDeliveries)
            .Select(d => new WebhookDeliveryRow(d.Id, d.SubscriptionId, d.Subscription!.Url, d.DeliveryKey, d.Event!.EntryId, d.Event.Type, d.Status,
                d.Attempts, d.LastStatusCode, d.LastError, d.LastAttemptAt, d.NextAttemptAt, d.DeliveredAt, d.Deadline))
            .ToListAsync(ct);
    }
}
