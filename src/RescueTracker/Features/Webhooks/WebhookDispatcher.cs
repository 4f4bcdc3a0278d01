using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RescueTracker.Data;

namespace RescueTracker.Features.Webhooks;

/// <summary>
/// The webhooks' logic, driven by <see cref="WebhookService"/> (or a test): enqueue one delivery per active
/// subscription and new event, then POST the due ones and record each attempt. Everything it knows is in the
/// database, so a restart carries on where it stopped; a POST cut off by shutdown is sent again under the same
/// delivery id. Time comes from <see cref="TimeProvider"/>, so tests can move it.
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<RescueDbContext> dbFactory, WebhookEventLog events, WebhookSecrets secrets, IHttpClientFactory http,
    IOptions<WebhookOptions> options, TimeProvider clock, ILogger<WebhookDispatcher> logger)
{
    public const string HttpClientName = "webhooks";

    private const int MaxErrorLength = 500;

    /// <summary>One round: new events enqueued, then every due delivery attempted.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        await EnqueueAsync(ct);
        await DeliverDueAsync(ct);
    }

    /// <summary>
    /// Records the feed's new events and gives each active subscription a delivery for every event after its last.
    /// Idempotent: a pair that has a delivery already is skipped (and the unique index would refuse a second).
    /// </summary>
    public async Task<int> EnqueueAsync(CancellationToken ct)
    {
        if (!await AnythingToEnqueueAsync(ct)) return 0;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var subscriptions = await db.WebhookSubscriptions.Where(s => s.DisabledAt == null).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var last = await events.RecordNewAsync(db, now, ct);
        var created = 0;
        foreach (var subscription in subscriptions.Where(s => s.LastEventId < last))
        {
            var after = subscription.LastEventId;
            var eventIds = await db.WebhookEvents.Where(e => e.Id > after && e.Id <= last).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(ct);
            var queued = (await db.WebhookDeliveries.Where(d => d.SubscriptionId == subscription.Id && d.EventId > after)
                .Select(d => d.EventId).ToListAsync(ct)).ToHashSet();
            foreach (var eventId in eventIds.Where(queued.Add))
            {
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    SubscriptionId = subscription.Id, EventId = eventId, DeliveryKey = Guid.NewGuid(), Status = WebhookDeliveryStatus.Pending,
                    CreatedAt = now, NextAttemptAt = now, Deadline = now + options.Value.RetryFor,
                });
                created++;
            }
            subscription.LastEventId = last;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        if (created > 0) logger.LogInformation("Webhooks: enqueued {Count} deliveries", created);
        return created;
    }

    /// <summary>
    /// Whether an active subscription exists and the feed holds an event not recorded yet, or one recorded that some subscription
    /// has not been given. Most rounds find nothing: found in a read snapshot, which holds no writer off.
    /// </summary>
    private async Task<bool> AnythingToEnqueueAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.DisabledAt == null, ct)) return false;
        await using var read = await db.Database.BeginReadTransactionAsync(ct);
        var recorded = await WebhookEventLog.LastIdAsync(db, ct);
        return await db.WebhookSubscriptions.AnyAsync(s => s.DisabledAt == null && s.LastEventId < recorded, ct)
            || (await events.FreshAsync(db, ct)).Count > 0;
    }

    /// <summary>
    /// Attempts the due deliveries, the subscriptions side by side, each one's in event order; a subscription's round
    /// ends at its first failure, so a receiver that is down costs one timeout per round, not one per event.
    /// </summary>
    public async Task DeliverDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<int> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = await db.WebhookDeliveries
                .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && d.Subscription!.DisabledAt == null)
                .Select(d => d.SubscriptionId).Distinct().ToListAsync(ct);
        }
        await Task.WhenAll(due.Select(id => DeliverForAsync(id, now, ct)));
    }

    private async Task DeliverForAsync(int subscriptionId, DateTimeOffset now, CancellationToken ct)
    {
        WebhookSubscription? subscription;
        List<(long Id, Guid Key, string EntryId, string Payload)> batch;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            subscription = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriptionId && s.DisabledAt == null, ct);
            if (subscription is null) return;
            batch = (await db.WebhookDeliveries
                    .Where(d => d.SubscriptionId == subscriptionId && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
                    .OrderBy(d => d.EventId).Take(options.Value.BatchSize)
                    .Select(d => new { d.Id, d.DeliveryKey, d.Event!.EntryId, d.Event.Payload }).ToListAsync(ct))
                .Select(d => (d.Id, d.DeliveryKey, d.EntryId, d.Payload)).ToList();
        }
        var secret = secrets.Unprotect(subscription.ProtectedSecret);
        foreach (var delivery in batch)
        {
            var attempt = await SendAsync(subscription.Url, secret, delivery.Key, delivery.EntryId, delivery.Payload, ct);
            await RecordAsync(delivery.Id, attempt, ct);
            if (!attempt.Delivered) return;
        }
    }

    private sealed record Attempt(int? StatusCode, string? Error, bool Delivered, bool Retry, TimeSpan? RetryAfter, int DurationMs);

    private async Task<Attempt> SendAsync(string url, string secret, Guid key, string entryId, string payload, CancellationToken ct)
    {
        var body = Encoding.UTF8.GetBytes(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, body));
        request.Headers.Add(WebhookSignature.DeliveryHeader, key.ToString("D"));
        request.Headers.Add(WebhookSignature.EventHeader, entryId);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            if (code is >= 200 and < 300) return new Attempt(code, null, true, false, null, Elapsed());
            var retry = code is >= 500 or 408 or 429;
            var reason = $"{code} {response.ReasonPhrase}{Excerpt(await ReadSomeAsync(response, timeout.Token))}" + (retry ? "" : ": not retried (a refusal, not a failure)");
            return new Attempt(code, Cut(reason), false, retry, RetryAfter(response), Elapsed());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Attempt(null, $"No answer within {options.Value.Timeout.TotalSeconds:0.###} s", false, true, null, Elapsed());
        }
        catch (HttpRequestException e)
        {
            var message = e.InnerException is { } inner && !e.Message.Contains(inner.Message, StringComparison.Ordinal) ? $"{e.Message} ({inner.Message})" : e.Message;
            return new Attempt(null, Cut(message), false, true, null, Elapsed());
        }
    }

    private async Task RecordAsync(long deliveryId, Attempt attempt, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Disabled or deleted while the POST was out: nothing more to record.
        var delivery = await db.WebhookDeliveries.Include(d => d.Event)
            .FirstOrDefaultAsync(d => d.Id == deliveryId && d.Status == WebhookDeliveryStatus.Pending, ct);
        if (delivery is null) return;
        var now = clock.GetUtcNow();
        delivery.Attempts++;
        (delivery.LastAttemptAt, delivery.LastStatusCode, delivery.LastError) = (now, attempt.StatusCode, attempt.Error);
        db.WebhookAttempts.Add(new WebhookAttempt
        {
            DeliveryId = deliveryId, Number = delivery.Attempts, At = now, StatusCode = attempt.StatusCode, Error = attempt.Error, DurationMs = attempt.DurationMs,
        });
        if (attempt.Delivered)
        {
            (delivery.Status, delivery.DeliveredAt, delivery.NextAttemptAt) = (WebhookDeliveryStatus.Delivered, now, null);
        }
        else if (!attempt.Retry || now >= delivery.Deadline)
        {
            (delivery.Status, delivery.NextAttemptAt) = (WebhookDeliveryStatus.Abandoned, null);
        }
        else
        {
            var next = now + (attempt.RetryAfter ?? options.Value.RetryDelay(delivery.Attempts));
            // The last try falls on the deadline itself; a failure then abandons the delivery.
            delivery.NextAttemptAt = next < delivery.Deadline ? next : delivery.Deadline;
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var what = attempt.StatusCode is { } code ? $"HTTP {code}" : attempt.Error;
        if (delivery.Status == WebhookDeliveryStatus.Delivered)
            logger.LogInformation("Webhook delivery {DeliveryKey} of {EventId} delivered on attempt {Attempt} ({Outcome})",
                delivery.DeliveryKey, delivery.Event!.EntryId, delivery.Attempts, what);
        else if (delivery.Status == WebhookDeliveryStatus.Abandoned)
            logger.LogWarning("Webhook delivery {DeliveryKey} of {EventId} abandoned after attempt {Attempt}: {Outcome}",
                delivery.DeliveryKey, delivery.Event!.EntryId, delivery.Attempts, attempt.Error ?? what);
        else
            logger.LogWarning("Webhook delivery {DeliveryKey} of {EventId} failed on attempt {Attempt} ({Outcome}); next attempt at {NextAttemptAt:O}",
                delivery.DeliveryKey, delivery.Event!.EntryId, delivery.Attempts, attempt.Error ?? what, delivery.NextAttemptAt);
    }

    /// <summary>Retry-After as seconds or as a date; null when absent or already past.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var wait = header?.Delta ?? (header?.Date is { } date ? date - clock.GetUtcNow() : null);
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>The start of an error answer's body, which often says what the receiver disliked.</summary>
    private static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var buffer = new char[200];
        try
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct), Encoding.UTF8);
            var read = await reader.ReadBlockAsync(buffer, ct);
            return new string(buffer, 0, read);
        }
        catch (IOException)
        {
            // The status line is what counts; a body cut off is no reason to lose it.
            return "";
        }
    }

    private static string Excerpt(string text) => string.IsNullOrWhiteSpace(text) ? "" : $": {text.ReplaceLineEndings(" ").Trim()}";

    private static string Cut(string text) => text.Length > MaxErrorLength ? text[..MaxErrorLength] : text;
}
