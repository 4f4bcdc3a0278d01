using System.Globalization;
using RescueTracker.Features.Transfers;
using RescueTracker.Features.Api;

namespace RescueTracker.Features.Contributors;

/// <summary>
/// A slice of the contributor list: the page reads <c>page</c> and <c>sort</c> (<see cref="PageSize"/> to a page),
/// the API <c>limit</c>, <c>offset</c> and <c>sort</c>, as the pledge and transfer lists do; both, and the CSV export,
/// read the filters <c>chainId</c>, <c>pledgeId</c> and <c>attributed</c> as the transfer list does.
/// </summary>
public sealed record ContributorRequest(ContributorSort Sort, int Offset, int Limit, int Page = 1)
{
    public const int PageSize = 50;
    public const int MaxLimit = 1000;
    public const int DefaultApiLimit = 100;

    /// <summary>The filters of the transfer list a contributor list reads (its transfers are the confirmed ones).</summary>
    public static readonly string[] FilterParameters = ["chainId", "pledgeId", "attributed"];

    public static readonly string[] PageParameters = [.. FilterParameters, "page", "sort"];
    public static readonly string[] ApiParameters = [.. FilterParameters, "sort", "limit", "offset"];
    public static readonly string[] ExportParameters = [.. FilterParameters, "sort"];

    /// <summary>Which transfers are counted: only its chain, pledge and attributed filters are read.</summary>
    public TransferFilter Filter { get; init; } = new();

    /// <summary>The page's query string, holding only what differs from the first page in the default order, filters first.</summary>
    public string ToQueryString()
    {
        var parts = Filter.QueryParts().ToList();
        if (Page != 1) parts.Add($"page={Page.ToString(CultureInfo.InvariantCulture)}");
        if (Sort != ContributorSort.Largest) parts.Add($"sort={Sort.Text()}");
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>The CSV export of what this page lists: the same filters and order, every row.</summary>
    public string ExportQueryString()
    {
        var parts = Filter.QueryParts().ToList();
        if (Sort != ContributorSort.Largest) parts.Add($"sort={Sort.Text()}");
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    public static ContributorRequest ForPage(int page, ContributorSort sort) => new(sort, (page - 1) * PageSize, PageSize, page);

    /// <summary>Another page or order of the same filtered list.</summary>
    public ContributorRequest At(int page, ContributorSort sort) => ForPage(page, sort) with { Filter = Filter };

    /// <summary>Null, with the parameter and the reason, when one of <paramref name="names"/> is malformed, out of range or repeated.</summary>
    public static ContributorRequest? TryParse(IQueryCollection query, IReadOnlyList<string> names, out FilterError? error)
    {
        var paged = names.Contains("page");
        var first = paged ? ForPage(1, ContributorSort.Largest) : new ContributorRequest(ContributorSort.Largest, 0, DefaultApiLimit);
        if (TransferFilter.TryParseFilters(query, FilterParameters, out error) is not { } filter) return null;
        return QueryParameters.Read(query, names.Except(FilterParameters), first with { Filter = filter }, (request, name, text) =>
        {
            var number = QueryParameters.WholeNumber(text);
            return name switch
            {
                "sort" => (ContributorSorts.Parse(text) is { } sort ? request with { Sort = sort } : null,
                    $"use one of {string.Join(", ", ContributorSorts.All.Select(s => s.Text()))}"),
                "page" => (number is >= 1 and <= int.MaxValue / PageSize ? request.At(number.Value, request.Sort) : null, "use a whole number from 1"),
                "limit" => (number is >= 1 and <= MaxLimit ? request with { Limit = number.Value } : null, $"use a whole number from 1 to {MaxLimit}"),
                _ => (number is { } offset ? request with { Offset = offset } : null, "use a whole number, 0 or more"),
            };
        }, out error);
    }
}
