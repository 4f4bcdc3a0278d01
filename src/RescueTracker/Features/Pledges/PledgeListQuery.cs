using System.Globalization;
using RescueTracker.Features.Figures;
using RescueTracker.Features.Transfers;
using RescueTracker.Features.Api;

namespace RescueTracker.Features.Pledges;

/// <summary>A page of the pledge list: 1-based, <see cref="PledgeListQuery.PageSize"/> rows of the pledges the filter keeps.</summary>
public sealed record PledgeListRequest(int Page, PledgeSort Sort)
{
    public static PledgeListRequest First { get; } = new(1, PledgeSort.Default);

    public PledgeFilter Filter { get; init; } = PledgeFilter.None;

    /// <summary>The query string for this page, holding only what differs from the first page in the default order, filters first.</summary>
    public string ToQueryString()
    {
        var parts = Filter.QueryParts().ToList();
        if (Page != 1) parts.Add($"page={Page.ToString(CultureInfo.InvariantCulture)}");
        if (Sort != PledgeSort.Default) parts.Add($"sort={Sort.Text}");
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>The CSV export of what the list shows: the same filters, every row (in id order, as the JSON list).</summary>
    public string ExportQueryString() => Filter.Narrows ? "?" + string.Join('&', Filter.QueryParts()) : "";
}

public sealed record PledgeListResult(PledgeListRequest Request, IReadOnlyList<PledgeFigures> Rows, int Total, int PageCount)
{
    public int FirstRow => (Request.Page - 1) * PledgeListQuery.PageSize + 1;
}

/// <summary>
/// Every pledge (supporters without an amount included) from the kept figures, sorted and cut into
/// pages of a fixed size: no database query, and no page is ever longer than <see cref="PageSize"/>.
/// </summary>
public sealed class PledgeListQuery(FiguresService figures)
{
    public const int PageSize = 50;

    public static readonly string[] ParameterNames = [.. PledgeFilter.ParameterNames, "page", "sort"];

    /// <summary>Null, with the parameter and the reason, when a filter, page or sort is malformed or repeated.</summary>
    public static PledgeListRequest? TryParse(IQueryCollection query, out FilterError? error)
    {
        if (PledgeFilter.TryParse(query, out error) is not { } filter) return null;
        var request = PledgeListRequest.First with { Filter = filter };
        foreach (var name in new[] { "page", "sort" })
        {
            var text = QueryParameters.Single(query, name, out error);
            if (error is not null) return null;
            if (text is null) continue;
            if (name == "page")
            {
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var page) || page < 1)
                {
                    error = new FilterError(name, $"'{text}' is not a valid page: use a whole number from 1.");
                    return null;
                }
                request = request with { Page = page };
            }
            else if (PledgeSort.Parse(text) is { } sort)
            {
                request = request with { Sort = sort };
            }
            else
            {
                var known = string.Join(", ", PledgeSort.Firsts.SelectMany(s => new[] { s.Text, s.Reversed.Text }));
                error = new FilterError(name, $"'{text}' is not a valid sort: use one of {known}.");
                return null;
            }
        }
        error = null;
        return request;
    }

    public PledgeListResult Get(PledgeListRequest request)
    {
        var all = request.Filter.Apply(figures.Current.Pledges).ToList();
        var pageCount = Math.Max(1, (all.Count + PageSize - 1) / PageSize);
        var rows = request.Page > pageCount
            ? []
            : request.Sort.Apply(all).Skip((request.Page - 1) * PageSize).Take(PageSize).ToList();
        return new PledgeListResult(request, rows, all.Count, pageCount);
    }
}
