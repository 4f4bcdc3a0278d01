namespace RescueTracker.Features.Discrepancies;

public enum DiscrepancySortKey { Since, Kind, Pledge }

/// <summary>
/// An order of the discrepancy list, written in the URL as <c>sort=since-desc</c> (the default), <c>kind-asc</c>,
/// <c>pledge-asc</c> and their reverses, as the pledge list writes its orders. Ties always fall back to the stable
/// order (newest first, then kind, pledge and transfer), so two reads of one ledger list the rows alike.
/// </summary>
public sealed record DiscrepancySort(DiscrepancySortKey Key, bool Descending)
{
    public static DiscrepancySort Default { get; } = new(DiscrepancySortKey.Since, Descending: true);

    /// <summary>Each key in the direction a first click means: newest first; kinds in their listed order; pledgers A to Z.</summary>
    public static IReadOnlyList<DiscrepancySort> Firsts { get; } =
    [
        Default,
        new(DiscrepancySortKey.Kind, Descending: false),
        new(DiscrepancySortKey.Pledge, Descending: false),
    ];

    public string Text => $"{Key.ToString().ToLowerInvariant()}-{(Descending ? "desc" : "asc")}";

    public DiscrepancySort Reversed => this with { Descending = !Descending };

    public string Name => Key switch
    {
        DiscrepancySortKey.Since => "Since",
        DiscrepancySortKey.Kind => "Kind",
        _ => "Pledge",
    };

    public string Description => (Key, Descending) switch
    {
        (DiscrepancySortKey.Since, true) => "newest first",
        (DiscrepancySortKey.Since, false) => "oldest first",
        (DiscrepancySortKey.Kind, false) => "by kind, in the order listed",
        (DiscrepancySortKey.Kind, true) => "by kind, in reverse order",
        (DiscrepancySortKey.Pledge, false) => "pledger A to Z, unattributed inflows first",
        _ => "pledger Z to A, unattributed inflows last",
    };

    public static DiscrepancySort? Parse(string text) =>
        Firsts.SelectMany(s => new[] { s, s.Reversed }).FirstOrDefault(s => s.Text == text);

    public static IEnumerable<string> Names => Firsts.SelectMany(s => new[] { s.Text, s.Reversed.Text });

    public IEnumerable<Discrepancy> Apply(IEnumerable<Discrepancy> rows)
    {
        var ordered = Key switch
        {
            DiscrepancySortKey.Since => Descending ? rows.OrderByDescending(r => r.Since) : rows.OrderBy(r => r.Since),
            DiscrepancySortKey.Kind => Descending ? rows.OrderByDescending(r => r.Kind) : rows.OrderBy(r => r.Kind),
            // A null pledger (an unattributed inflow) sorts before any name, as a missing amount does in the pledge list.
            _ => Descending ? rows.OrderByDescending(r => r.Pledger, StringComparer.OrdinalIgnoreCase) : rows.OrderBy(r => r.Pledger, StringComparer.OrdinalIgnoreCase),
        };
        return ordered.ThenByDescending(r => r.Since).ThenBy(r => r.Kind).ThenBy(r => r.PledgeId ?? 0).ThenBy(r => r.TransferId ?? 0);
    }
}
