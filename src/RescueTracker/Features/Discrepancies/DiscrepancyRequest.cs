using System.Globalization;
using RescueTracker.Features.Api;

namespace RescueTracker.Features.Discrepancies;

/// <summary>
/// The filters and order of the discrepancy list (<c>kind</c>, <c>pledgeId</c>, <c>sort</c>), as the API, the CSV export
/// and the page read them; the page adds <c>page</c> (<see cref="PageSize"/> rows each).
/// </summary>
public sealed record DiscrepancyRequest(DiscrepancyKind? Kind, int? PledgeId, DiscrepancySort Sort, int Page = 1)
{
    public const int PageSize = 50;

    public static DiscrepancyRequest All { get; } = new(null, null, DiscrepancySort.Default);

    public static readonly string[] ApiParameters = ["kind", "pledgeId", "sort"];
    public static readonly string[] PageParameters = [.. ApiParameters, "page"];

    public bool Matches(Discrepancy d) => (Kind is null || d.Kind == Kind) && (PledgeId is null || d.PledgeId == PledgeId);

    /// <summary>The query string holding only what differs from the default: the page's links and the export link keep the filters.</summary>
    public string ToQueryString(bool withPage = true)
    {
        var parts = new List<string>();
        if (Kind is { } kind) parts.Add($"kind={kind.Text()}");
        if (PledgeId is { } id) parts.Add($"pledgeId={id.ToString(CultureInfo.InvariantCulture)}");
        if (Sort != DiscrepancySort.Default) parts.Add($"sort={Sort.Text}");
        if (withPage && Page != 1) parts.Add($"page={Page.ToString(CultureInfo.InvariantCulture)}");
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>Null, with the parameter and the reason, when one of <paramref name="names"/> is malformed, unknown or repeated.</summary>
    public static DiscrepancyRequest? TryParse(IQueryCollection query, IReadOnlyList<string> names, out FilterError? error) =>
        QueryParameters.Read(query, names, All, (request, name, text) =>
        {
            var number = QueryParameters.WholeNumber(text);
            return name switch
            {
                "kind" => (DiscrepancyKinds.Parse(text) is { } kind ? request with { Kind = kind } : null,
                    $"use one of {string.Join(", ", DiscrepancyKinds.All.Select(k => k.Text()))}"),
                "pledgeId" => (number is >= 1 ? request with { PledgeId = number } : null, "a pledge id is a positive whole number"),
                "sort" => (DiscrepancySort.Parse(text) is { } sort ? request with { Sort = sort } : null,
                    $"use one of {string.Join(", ", DiscrepancySort.Names)}"),
                _ => (number is >= 1 and <= int.MaxValue / PageSize ? request with { Page = number.Value } : null, "use a whole number from 1"),
            };
        }, out error);
}
