using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using RescueTracker.Features.Figures;
using RescueTracker.Features.Transfers;
using RescueTracker.Hosting.Caching;
using RescueTracker.Features.Api;

namespace RescueTracker.Features.Sharing;

/// <summary>The ledger to follow and to embed elsewhere: the Atom feed and the SVG badge, both kept in the public cache.</summary>
public static class FeedApi
{
    public const string FeedPath = "/feed.atom";
    public const string BadgePath = "/badge.svg";

    public static IEndpointRouteBuilder MapFeed(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("").WithTags("Feed");
        group.MapGet(FeedPath, GetFeed)
            .WithName("GetFeed")
            .WithSummary("Atom 1.0 feed of new pledges, status changes, deliveries and shortfall revisions, newest first, at most 100; ?pledgeId= for one pledge.")
            .Produces(StatusCodes.Status200OK, contentType: AtomFeed.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .CacheOutput(new PublicCacheAttribute("pledgeId"));
        group.MapGet(BadgePath, GetBadge)
            .WithName("GetBadge")
            .WithSummary("An SVG badge of one headline figure in whole ETH: ?figure=uncoveredNow (default), uncoveredIfAllArrive or delivered.")
            .Produces(StatusCodes.Status200OK, contentType: FigureBadge.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .CacheOutput(new PublicCacheAttribute("figure"));
        return endpoints;
    }

    /// <summary>The app's origin and path base as the request reached it (behind a proxy, its forwarded scheme and host), ending in a slash.</summary>
    public static Uri Origin(HttpRequest request) => new($"{request.Scheme}://{request.Host}{request.PathBase}/");

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetFeed(
        string? pledgeId, HttpRequest request, FiguresService figures, FeedQuery query, CancellationToken ct)
    {
        int? id = null;
        if (pledgeId is not null)
        {
            if (!int.TryParse(pledgeId, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed <= 0)
                return BadParameter("pledgeId", $"'{pledgeId}' is not a pledge id: use a positive whole number, as in /pledges/{{id}}.");
            if (figures.Current.Pledges.FirstOrDefault(p => p.Id == parsed) is null)
                return TypedResults.Problem(title: "No such pledge", detail: $"There is no pledge {parsed}.", statusCode: StatusCodes.Status404NotFound);
            id = parsed;
        }

        var current = figures.Current;
        var name = string.IsNullOrEmpty(current.Rescue.Name) ? "RescueTracker" : current.Rescue.Name;
        var entries = await query.ListAsync(id, ct);
        var feed = id is { } one
            ? AtomFeed.Write($"{name}: {current.Pledges.First(p => p.Id == one).Pledger}'s pledge", $"urn:rescuetracker:feed:pledge:{one}",
                Origin(request), $"{FeedPath}?pledgeId={one}", $"/pledges/{one}", entries, current.AsOf)
            : AtomFeed.Write($"{name}: pledges, deliveries and shortfall", "urn:rescuetracker:feed",
                Origin(request), FeedPath, "/", entries, current.AsOf);
        return TypedResults.File(feed, AtomFeed.ContentType);
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> GetBadge(string? figure, FiguresService figures)
    {
        figure ??= FigureBadge.Names[0];
        if (!FigureBadge.Names.Contains(figure))
            return BadParameter("figure", $"'{figure}' is not a badge figure: use {string.Join(", ", FigureBadge.Names)}.");
        return TypedResults.File(FigureBadge.Render(figure, figures.Current), FigureBadge.ContentType);
    }

    /// <summary>The same 400 answer as a bad filter of the lists: the parameter named, in the title and as "parameter".</summary>
    private static ProblemHttpResult BadParameter(string parameter, string detail) => new FilterError(parameter, detail).ToProblem();
}
