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
    /// <summary>The feed's events not recorded yet, oldest first; an event already recorded costs only its id.</summary>
    public async Task<List<FeedEntry>> FreshAsync(RescueDbContext db, CancellationToken ct)
    {
        var known = (await db.WebhookEvents.Select(e => e.EntryId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        return FeedEntry.Newest(await feed.EveryAsync(db, id => !known.Contains(id), ct)).Reverse().Where(e => known.Add(e.Id)).ToList();
    }

    /// <summary>Records the feed's events not yet recorded, oldest first, through the caller's context and transaction; returns the last event id.</summary>
    public async Task<long> RecordNewAsync(RescueDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var fresh = await FreshAsync(db, ct);
        if (fresh.Count > 0)
        {
            db.WebhookEvents.AddRange(fresh.Select(e => new WebhookEvent
            {
                EntryId = e.Id, Type = e.Type, At = e.Updated, RecordedAt = now, Payload = WebhookPayload.For(e, options.Value.PublicUrl),
            }));
            await db.SaveChangesAsync(ct);
        }
        return await LastIdAsync(db, ct);
    }

    public static async Task<long> LastIdAsync(RescueDbContext db, CancellationToken ct) => await db.WebhookEvents.MaxAsync(e => (long?)e.Id, ct) ?? 0;
}
