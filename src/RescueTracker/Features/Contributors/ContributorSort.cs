namespace RescueTracker.Features.Contributors;

/// <summary>
/// The orders of the contributor list, written in the URL as <c>sort=largest</c> (the default), <c>newest</c> or
/// <c>transfers</c>. Ties fall back to address, chain and pledge, so pages never overlap or skip a row.
/// </summary>
public enum ContributorSort { Largest, Newest, Transfers }

public static class ContributorSorts
{
    public static IReadOnlyList<ContributorSort> All { get; } = Enum.GetValues<ContributorSort>();

    public static string Text(this ContributorSort sort) => sort.ToString().ToLowerInvariant();

    public static string Description(this ContributorSort sort) => sort switch
    {
        ContributorSort.Largest => "largest ETH-eq total first",
        ContributorSort.Newest => "latest transfer first",
        _ => "most transfers first",
    };

    public static ContributorSort? Parse(string text) => All.Cast<ContributorSort?>().FirstOrDefault(s => s!.Value.Text() == text);

    public static IEnumerable<ContributorRow> Apply(this ContributorSort sort, IEnumerable<ContributorRow> rows)
    {
        var ordered = sort switch
        {
            ContributorSort.Largest => rows.OrderByDescending(r => r.TotalEth),
            ContributorSort.Newest => rows.OrderByDescending(r => r.LastBlock),
            _ => rows.OrderByDescending(r => r.Transfers),
        };
        return ordered.ThenBy(r => r.Address, StringComparer.Ordinal).ThenBy(r => r.ChainId).ThenBy(r => r.PledgeId ?? 0);
    }
}
