using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace RescueTracker.Features.Api;

/// <summary>Which query parameter is wrong, and why.</summary>
public sealed record FilterError(string Parameter, string Detail)
{
    /// <summary>The 400 answer naming the parameter, in the title and as "parameter".</summary>
    public ProblemHttpResult ToProblem() =>
        TypedResults.Problem(title: $"Invalid query parameter '{Parameter}'", detail: Detail,
            statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["parameter"] = Parameter });
}

/// <summary>How every public list and page reads its query parameters.</summary>
public static class QueryParameters
{
    /// <summary>
    /// The parameter's one value; null when it is absent or empty (a GET form sends <c>name=</c> for its "any" choice).
    /// A repeated parameter is ambiguous: an error rather than a silent pick of one value.
    /// </summary>
    public static string? Single(IQueryCollection query, string name, out FilterError? error)
    {
        var values = query[name];
        error = values.Count > 1 ? new FilterError(name, $"'{name}' is given {values.Count} times; give it once.") : null;
        return values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
    }

    /// <summary>
    /// Each of <paramref name="names"/> read in turn into <paramref name="request"/>: <paramref name="apply"/> gives the
    /// request with that parameter's value (null when the value is not valid) and what a valid one looks like. Null, with
    /// the parameter and the reason, at the first value that is malformed, out of range or repeated; absent ones are skipped.
    /// </summary>
    public static T? Read<T>(IQueryCollection query, IEnumerable<string> names, T request,
        Func<T, string, string, (T? Next, string Expected)> apply, out FilterError? error) where T : class
    {
        foreach (var name in names)
        {
            var text = Single(query, name, out error);
            if (error is not null) return null;
            if (text is null) continue;
            var (next, expected) = apply(request, name, text);
            if (next is null)
            {
                error = new FilterError(name, $"'{text}' is not a valid {name}: {expected}.");
                return null;
            }
            request = next;
        }
        error = null;
        return request;
    }

    /// <summary>A whole number written with digits only (no sign, no spaces), or null.</summary>
    public static int? WholeNumber(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
}
