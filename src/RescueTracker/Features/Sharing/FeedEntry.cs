namespace RescueTracker.Features.Sharing;

/// <summary>A link an entry cites: a source page or a transaction on an explorer.</summary>
public sealed record FeedLink(string Href, string Title);

/// <summary>
/// One event of the ledger as the feed shows it. <see cref="Id"/> is a URN made from the row it comes from, so it is
/// the same on every render and never names another event; <see cref="Path"/> is the page it concerns, relative to the app.
/// </summary>
public sealed record FeedEntry(string Id, string Title, DateTimeOffset Updated, string Path, string Summary, IReadOnlyList<FeedLink> Links)
{
    public const string PledgeCreated = "pledgeCreated", StatusChanged = "statusChanged", PledgeDelivered = "pledgeDelivered",
        TransferReceived = "transferReceived", ShortfallRevised = "shortfallRevised";

    /// <summary>What happened, in one word a webhook receiver can switch on: one of the constants above.</summary>
    public string Type { get; init; } = "";

    /// <summary>The pledge the event concerns; null for a shortfall revision.</summary>
    public int? PledgeId { get; init; }

    /// <summary>Among entries of one instant: a figure revision (caused by the change) before the change, the change before a transfer.</summary>
    public int Rank { get; init; }

    /// <summary>The row's own id, the last tie-break: later rows first.</summary>
    public long Sequence { get; init; }

    /// <summary>Newest first, fully ordered, so two renders of the same ledger list the same entries in the same order.</summary>
    public static IOrderedEnumerable<FeedEntry> Newest(IEnumerable<FeedEntry> entries) =>
        entries.OrderByDescending(e => e.Updated).ThenByDescending(e => e.Rank).ThenByDescending(e => e.Sequence);
}
