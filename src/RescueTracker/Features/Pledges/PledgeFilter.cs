using RescueTracker.Data;
using RescueTracker.Features.Api;
using RescueTracker.Features.Figures;

namespace RescueTracker.Features.Pledges;

/// <summary>
/// Which pledges a list shows: <c>status</c> (proposed, committed, delivered, withdrawn) and <c>terms</c> (grant, loan,
/// conditional), each one value or empty for any. Read alike by /pledges, /api/pledges and /api/export/pledges.csv.
/// </summary>
public sealed record PledgeFilter(PledgeStatus? Status = null, PledgeTerms? Terms = null)
{
    public static PledgeFilter None { get; } = new();

    public static readonly string[] ParameterNames = ["status", "terms"];

    public bool Narrows => Status is not null || Terms is not null;

    public IEnumerable<PledgeFigures> Apply(IEnumerable<PledgeFigures> pledges) =>
        pledges.Where(p => (Status is null || p.Status == Status) && (Terms is null || p.Terms == Terms));

    /// <summary>The filter's part of a query string (no leading '?'), the values that narrow only.</summary>
    public IEnumerable<string> QueryParts()
    {
        if (Status is { } status) yield return $"status={status.ToText()}";
        if (Terms is { } terms) yield return $"terms={terms.ToText()}";
    }

    /// <summary>Null, with the parameter and the reason, when a value is not one of the names or is repeated.</summary>
    public static PledgeFilter? TryParse(IQueryCollection query, out FilterError? error)
    {
        var filter = None;
        var status = QueryParameters.Single(query, "status", out error);
        if (error is not null) return null;
        if (status is not null)
        {
            if (!EnumText.TryParse<PledgeStatus>(status, out var value)) return Invalid<PledgeStatus>("status", status, out error);
            filter = filter with { Status = value };
        }
        var terms = QueryParameters.Single(query, "terms", out error);
        if (error is not null) return null;
        if (terms is not null)
        {
            if (!EnumText.TryParse<PledgeTerms>(terms, out var value)) return Invalid<PledgeTerms>("terms", terms, out error);
            filter = filter with { Terms = value };
        }
        return filter;
    }

    private static PledgeFilter? Invalid<T>(string name, string text, out FilterError? error) where T : struct, Enum
    {
        error = new FilterError(name, $"'{text}' is not a valid {name}: use one of {string.Join(", ", Enum.GetValues<T>().Select(v => v.ToText()))}.");
        return null;
    }
}
