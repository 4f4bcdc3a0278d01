using System.Text.Encodings.Web;
using System.Text.Json;
using RescueTracker.Features.Sharing;

namespace RescueTracker.Features.Webhooks;

/// <summary>A link the event cites (a source page, a transaction on an explorer).</summary>
public sealed record WebhookLink(string Href, string Title);

/// <summary>
/// The JSON body of a webhook: the feed entry's fields under the names a receiver reads. <see cref="Id"/> is the
/// /feed.atom entry id, so a receiver that follows both sees one event once.
/// </summary>
public sealed record WebhookPayload(
    string Id, string Type, string Title, DateTime At, string Link, int? PledgeId, string Summary, IReadOnlyList<WebhookLink> Links)
{
    // Apostrophes and non-ASCII letters as themselves: the body is read by programs, never embedded in HTML.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The body for an entry; <paramref name="publicUrl"/> makes the link absolute (a path without it).</summary>
    public static string For(FeedEntry entry, Uri? publicUrl)
    {
        // The public URL may carry a path base (https://example.org/tracker): the entry's path goes beneath it.
        var link = publicUrl is null ? entry.Path : publicUrl.AbsoluteUri.TrimEnd('/') + entry.Path;
        var payload = new WebhookPayload(entry.Id, entry.Type, entry.Title, entry.Updated.UtcDateTime, link, entry.PledgeId, entry.Summary,
            entry.Links.Select(l => new WebhookLink(l.Href, l.Title)).ToList());
        return JsonSerializer.Serialize(payload, Json);
    }
}
