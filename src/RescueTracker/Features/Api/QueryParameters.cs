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
}
