using System.Globalization;
using RescueTracker.Features.Api;

namespace RescueTracker.Features.Transfers;

/// <summary>The orders of the transfer list: <c>sort=newest</c> (the default: latest block first) or <c>oldest</c>; ties by id.</summary>
public enum TransferSort { Newest, Oldest }

/// <summary>
/// The filters, order and paging of the transfer list, parsed the same way for the API, the page and the export.
/// An empty value means "any", because a GET form sends <c>chainId=</c> for its "any" choice.
/// </summary>
public sealed record TransferFilter(
    long? ChainId = null, int? PledgeId = null, bool? Confirmed = null, bool? Attributed = null,
    int Limit = TransferFilter.MaxLimit, int Offset = 0, TransferSort Sort = TransferSort.Newest)
{
    public const int MaxLimit = 1000;

    /// <summary>Whether any filter narrows the list (paging aside): an empty list then says less about the ledger.</summary>
    public bool Narrows => ChainId is not null || PledgeId is not null || Confirmed is not null || Attributed is not null;

    private delegate TransferFilter? Apply(TransferFilter filter, string text);

    private static readonly (string Name, string Expected, Apply Apply)[] Filters =
    [
        ("chainId", "a chain id is a positive whole number", (f, t) => Positive(t) is { } v ? f with { ChainId = v } : null),
        ("pledgeId", "a pledge id is a positive whole number",
            (f, t) => Positive(t) is { } v && v <= int.MaxValue ? f with { PledgeId = (int)v } : null),
        ("status", "use pending or confirmed",
            (f, t) => t switch { "pending" => f with { Confirmed = false }, "confirmed" => f with { Confirmed = true }, _ => null }),
        ("attributed", "use true or false",
            (f, t) => t switch { "true" => f with { Attributed = true }, "false" => f with { Attributed = false }, _ => null }),
        ("sort", "use newest or oldest",
            (f, t) => t switch { "newest" => f with { Sort = TransferSort.Newest }, "oldest" => f with { Sort = TransferSort.Oldest }, _ => null }),
    ];

    private static readonly (string Name, string Expected, Apply Apply)[] Parameters =
    [
        .. Filters,
        ("limit", $"use a whole number from 1 to {MaxLimit}",
            (f, t) => Positive(t) is { } v && v <= MaxLimit ? f with { Limit = (int)v } : null),
        ("offset", "use a whole number, 0 or more",
            (f, t) => Natural(t) is { } v && v <= int.MaxValue ? f with { Offset = (int)v } : null),
    ];

    /// <summary>Every query parameter the list reads; a cached list varies by these and no others.</summary>
    public static IEnumerable<string> ParameterNames => Parameters.Select(p => p.Name);

    /// <summary>Null, with an error naming the parameter, when a value is malformed, out of range or repeated.</summary>
    public static TransferFilter? TryParse(IQueryCollection query, int defaultLimit, out FilterError? error) =>
        Parse(query, Parameters, new TransferFilter(Limit: defaultLimit), out error);

    /// <summary>
    /// The filters and the order alone (chainId, pledgeId, status, attributed, sort), for a read of every matching row:
    /// paging parameters are not read, and the result's limit and offset are not meant to be used.
    /// </summary>
    public static TransferFilter? TryParseFilters(IQueryCollection query, out FilterError? error) =>
        Parse(query, Filters, new TransferFilter(), out error);

    /// <summary>
    /// Only the named filters, for a list that reads a part of them (the contributors: chainId, pledgeId, attributed;
    /// their transfers are confirmed by definition): the same values and the same 400 answers as the transfer list.
    /// </summary>
    public static TransferFilter? TryParseFilters(IQueryCollection query, IReadOnlyCollection<string> names, out FilterError? error) =>
        Parse(query, Filters.Where(f => names.Contains(f.Name)).ToArray(), new TransferFilter(), out error);

    private static TransferFilter? Parse(
        IQueryCollection query, (string Name, string Expected, Apply Apply)[] parameters, TransferFilter filter, out FilterError? error) =>
        QueryParameters.Read(query, parameters.Select(p => p.Name), filter, (current, name, text) =>
        {
            var (_, expected, apply) = parameters.First(p => p.Name == name);
            return (apply(current, text), expected);
        }, out error);

    /// <summary>The query string for this filter, holding only the values that differ from the defaults.</summary>
    public string ToQueryString(int defaultLimit)
    {
        var parts = QueryParts().ToList();
        if (Limit != defaultLimit) parts.Add($"limit={Limit.ToString(CultureInfo.InvariantCulture)}");
        if (Offset != 0) parts.Add($"offset={Offset.ToString(CultureInfo.InvariantCulture)}");
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    /// <summary>The filters and the order as query parameters (no paging), only those that differ from the defaults.</summary>
    public IEnumerable<string> QueryParts()
    {
        if (ChainId is { } chain) yield return $"chainId={chain.ToString(CultureInfo.InvariantCulture)}";
        if (PledgeId is { } pledge) yield return $"pledgeId={pledge.ToString(CultureInfo.InvariantCulture)}";
        if (Confirmed is { } confirmed) yield return confirmed ? "status=confirmed" : "status=pending";
        if (Attributed is { } attributed) yield return attributed ? "attributed=true" : "attributed=false";
        if (Sort != TransferSort.Newest) yield return "sort=oldest";
    }

    private static long? Natural(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? Positive(string text) => Natural(text) is { } value && value > 0 ? value : null;
}
