using RescueTracker.Chain;
using RescueTracker.Features.Figures;

namespace RescueTracker.Features.Pledges;

public enum PledgeSortKey { Amount, Received, Pledger, Status, Announced }

/// <summary>
/// An order of the pledge list, written in the URL as <c>amount-desc</c>, <c>pledger-asc</c> and so on.
/// A pledge without an amount (or announcement date) counts as less than any, so supporters come
/// first smallest-first and last largest-first. Ties keep the pledge number order, so pages never
/// overlap or skip a pledge.
/// </summary>
public sealed record PledgeSort(PledgeSortKey Key, bool Descending)
{
    public static PledgeSort Default { get; } = new(PledgeSortKey.Amount, Descending: true);

    /// <summary>Each key in the direction a first click means: largest, most, newest first; names and statuses in order.</summary>
    public static IReadOnlyList<PledgeSort> Firsts { get; } =
    [
        Default,
        new(PledgeSortKey.Received, Descending: true),
        new(PledgeSortKey.Pledger, Descending: false),
        new(PledgeSortKey.Status, Descending: false),
        new(PledgeSortKey.Announced, Descending: true),
    ];

    public string Text => $"{Key.ToString().ToLowerInvariant()}-{(Descending ? "desc" : "asc")}";

    public PledgeSort Reversed => this with { Descending = !Descending };

    public string Name => Key switch
    {
        PledgeSortKey.Amount => "Amount",
        PledgeSortKey.Received => "Received",
        PledgeSortKey.Pledger => "Pledger",
        PledgeSortKey.Status => "Status",
        _ => "Announced",
    };

    public string Description => (Key, Descending) switch
    {
        (PledgeSortKey.Amount, true) => "largest ETH-eq amount first, supporters without an amount last",
        (PledgeSortKey.Amount, false) => "smallest ETH-eq amount first, supporters without an amount first",
        (PledgeSortKey.Received, true) => "most received (ETH-eq) first",
        (PledgeSortKey.Received, false) => "least received (ETH-eq) first",
        (PledgeSortKey.Pledger, false) => "pledger A to Z",
        (PledgeSortKey.Pledger, true) => "pledger Z to A",
        (PledgeSortKey.Status, false) => "status: proposed, committed, delivered, withdrawn",
        (PledgeSortKey.Status, true) => "status: withdrawn, delivered, committed, proposed",
        (PledgeSortKey.Announced, true) => "latest announcement first",
        _ => "earliest announcement first",
    };

    public static PledgeSort? Parse(string text) =>
        Firsts.SelectMany(s => new[] { s, s.Reversed }).FirstOrDefault(s => s.Text == text);

    public IEnumerable<PledgeFigures> Apply(IEnumerable<PledgeFigures> pledges)
    {
        var ordered = Key switch
        {
            PledgeSortKey.Amount => By(pledges, p => p.AmountEth, NullsFirst<ExactDecimal>.Comparer),
            PledgeSortKey.Received => By(pledges, p => p.ReceivedEth, Comparer<ExactDecimal>.Default),
            PledgeSortKey.Pledger => By(pledges, p => p.Pledger, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Pledger, StringComparer.Ordinal),
            PledgeSortKey.Status => By(pledges, p => p.Status, Comparer<Data.PledgeStatus>.Default),
            _ => By(pledges, p => p.Announced, NullsFirst<DateOnly>.Comparer),
        };
        return ordered.ThenBy(p => p.Id);
    }

    private IOrderedEnumerable<PledgeFigures> By<T>(IEnumerable<PledgeFigures> pledges, Func<PledgeFigures, T> key, IComparer<T> comparer) =>
        Descending ? pledges.OrderByDescending(key, comparer) : pledges.OrderBy(key, comparer);

    private sealed class NullsFirst<T> : IComparer<T?> where T : struct, IComparable<T>
    {
        public static NullsFirst<T> Comparer { get; } = new();

        public int Compare(T? x, T? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            ({ } a, { } b) => a.CompareTo(b),
        };
    }
}
