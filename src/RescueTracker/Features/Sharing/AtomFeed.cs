using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;

namespace RescueTracker.Features.Sharing;

/// <summary>
/// Writes the entries as an Atom 1.0 document (RFC 4287): each entry with its id, title, updated, a link to its page
/// and its sources as related links, and a plain-text summary. Links are absolute, from <paramref name="origin"/>.
/// </summary>
public static class AtomFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    public static byte[] Write(string title, string feedId, Uri origin, string selfPath, string pagePath, IReadOnlyList<FeedEntry> entries, DateTimeOffset empty)
    {
        var feed = new SyndicationFeed
        {
            Id = feedId,
            Title = new TextSyndicationContent(title),
            // The newest entry, so an unchanged ledger gives an unchanged feed.
            LastUpdatedTime = entries.Count > 0 ? entries.Max(e => e.Updated) : empty,
            Generator = "RescueTracker",
        };
        feed.Authors.Add(new SyndicationPerson { Name = "RescueTracker" });
        feed.Links.Add(new SyndicationLink(At(origin, selfPath), "self", title, ContentType, 0));
        feed.Links.Add(new SyndicationLink(At(origin, pagePath), "alternate", null, "text/html", 0));
        feed.Items = entries.Select(e => Item(e, origin)).ToList();

        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            new Atom10FeedFormatter(feed).WriteTo(xml);
        return buffer.ToArray();
    }

    /// <summary>The app's origin and path base (ending in a slash) and a path of the app: an absolute URL.</summary>
    public static Uri At(Uri origin, string path) => new(origin, path.TrimStart('/'));

    private static SyndicationItem Item(FeedEntry e, Uri origin)
    {
        var item = new SyndicationItem
        {
            Id = e.Id,
            Title = new TextSyndicationContent(e.Title),
            LastUpdatedTime = e.Updated,
            Summary = new TextSyndicationContent(e.Summary),
        };
        item.Links.Add(new SyndicationLink(At(origin, e.Path), "alternate", null, "text/html", 0));
        foreach (var link in e.Links) item.Links.Add(new SyndicationLink(new Uri(link.Href), "related", link.Title, null, 0));
        return item;
    }
}
