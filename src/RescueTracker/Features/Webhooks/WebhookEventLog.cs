using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RescueTracker.Data;
using RescueTracker.Features.Sharing;

namespace RescueTracker.Features.Webhooks;

/// <summary>
/// The feed's events as the webhooks have seen them: each entry id recorded once, with its body, in the order first
/// seen. A subscription receives the events recorded after the last one that existed when it was registered, so
/// "after registration" means after, whatever time the ledger row itself carries (a transfer confirmed or attributed
/// later keeps the time it was first read).
/// </summary>
public sealed class WebhookEventLog(FeedQuery feed, IOptions<WebhookOptions> options)
{
    /// <summary>Records the feed's events not yet recorded, oldest first, through the caller's context and transaction; returns the last event id.</summary>
    public async Task<long> RecordNewAsync(RescueDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var known = (await db.WebhookEvents.Select(e => e.EntryId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var fresh = FeedEntry.Newest(await feed.EveryAsync(db, ct)).Reverse().Where(e => known.Add(e.Id)).ToList();
        if (fresh.Count > 0)
        {
            db.WebhookEvents.AddRange(fresh.Select(e => new WebhookEvent
            {
                EntryId = e.Id, Type = e.Type, At = e.Updated, RecordedAt = now, Payload = WebhookPayload.For(e, options.Value.PublicUrl),
            }));
            await db.SaveChangesAsync(ct);
        }
        return await db.WebhookEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
    }
}
