namespace RescueTracker.Data;

/// <summary>
/// A URL that is sent every feed event recorded after it was registered. The secret signs each body; it is kept
/// encrypted with the app's data-protection keys (it must be read back to sign, so it cannot be hashed) and never shown after registration.
/// </summary>
public class WebhookSubscription
{
    public int Id { get; set; }
    public required string Url { get; set; }
    public required string ProtectedSecret { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    /// <summary>Null while deliveries are made; a disabled subscription gets none and cannot be enabled again (register anew).</summary>
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>The last <see cref="WebhookEvent.Id"/> this subscription was given (or that existed when it was registered): later events are its to receive.</summary>
    public long LastEventId { get; set; }
}

/// <summary>
/// A feed event as first recorded for the webhooks, with the body every subscription is sent, so a retry sends the
/// same bytes and a re-recorded ledger row (a transfer stored again after a reorg) is recognised by its entry id.
/// </summary>
public class WebhookEvent
{
    public long Id { get; set; }
    /// <summary>The feed entry's id, as in /feed.atom.</summary>
    public required string EntryId { get; set; }
    public required string Type { get; set; }
    /// <summary>The event's time as the feed gives it.</summary>
    public DateTimeOffset At { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    /// <summary>The JSON body, exactly as POSTed and signed.</summary>
    public required string Payload { get; set; }
}

/// <summary>
/// One event for one subscription: unique on the pair, so it is sent under one delivery id however often it is
/// enqueued or retried. Retries are scheduled in <see cref="NextAttemptAt"/> until <see cref="Deadline"/>.
/// </summary>
public class WebhookDelivery
{
    public long Id { get; set; }
    public int SubscriptionId { get; set; }
    public WebhookSubscription? Subscription { get; set; }
    public long EventId { get; set; }
    public WebhookEvent? Event { get; set; }
    /// <summary>Sent in the X-RescueTracker-Delivery header; the same on every attempt.</summary>
    public Guid DeliveryKey { get; set; }
    public WebhookDeliveryStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When the next attempt is due (pending only); compared and ordered in SQL.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }
    /// <summary>After this a failed attempt abandons the delivery instead of scheduling another.</summary>
    public DateTimeOffset Deadline { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public List<WebhookAttempt> AttemptLog { get; set; } = [];
}

/// <summary>One POST of a delivery and its outcome: the receiver's status code, or what went wrong before one came.</summary>
public class WebhookAttempt
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset At { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public int DurationMs { get; set; }
}
