using Microsoft.AspNetCore.Http.HttpResults;
using RescueTracker.Data;
using RescueTracker.Features.Contributors;
using RescueTracker.Features.Discrepancies;
using RescueTracker.Features.Exports;
using RescueTracker.Features.Figures;
using RescueTracker.Features.History;
using RescueTracker.Features.Status;
using RescueTracker.Features.Transfers;
using RescueTracker.Hosting.Caching;

namespace RescueTracker.Features.Api;

/// <summary>The public, read-only JSON API: figures and pledges, served from the kept figures.</summary>
public static class PublicApi
{
    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").WithTags("Public");
        api.MapGet("/summary", GetSummary)
            .WithName("GetSummary")
            .WithSummary("The headline figures, in ETH, with the last confirmed block scanned per chain; ?at=ISO-8601 gives them as they stood then, "
                + "?exclude=conditional|loan|conditional,loan leaves those pledges out of the outstanding figures.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .CacheOutput(new PublicCacheAttribute("at", Scenario.ParameterName));
        api.MapPledgeApi();
        api.MapStatusApi();
        api.MapTransferApi();
        api.MapContributorApi();
        api.MapHistoryApi();
        api.MapExportApi();
        api.MapDiscrepancyApi();
        return endpoints;
    }

    private static async Task<Results<Ok<SummaryResponse>, ProblemHttpResult>> GetSummary(
        string? at, string? exclude, FiguresService figures, FigureHistoryQuery history, CancellationToken ct)
    {
        if (Scenario.TryParse(exclude, out var error) is not { } scenario)
            return new FilterError(Scenario.ParameterName, error!).ToProblem();
        if (string.IsNullOrEmpty(at)) return TypedResults.Ok(Summary(FigureCalculator.Excluding(figures.Current, scenario)));
        // A revision keeps the headline figures only, not the pledge rows a scenario is computed from.
        if (!scenario.IsNone)
            return TypedResults.Problem(title: "'exclude' cannot be combined with 'at'",
                detail: "Past figures are kept as headline totals only, without the pledges a scenario leaves out: ask for one or the other.",
                statusCode: StatusCodes.Status400BadRequest, extensions: new Dictionary<string, object?> { ["parameter"] = Scenario.ParameterName });
        if (!Instant.TryParse(at, out var instant))
            return new FilterError("at", $"'{at}' is not an ISO 8601 instant: use e.g. 2026-04-25 or 2026-04-25T12:00:00Z.").ToProblem();
        if (await history.AtAsync(instant, ct) is not { } revision)
            return TypedResults.Problem(title: "No figures recorded then",
                detail: $"The first revision of the figures was recorded after {instant.UtcDateTime:O}.",
                statusCode: StatusCodes.Status404NotFound);
        return TypedResults.Ok(Summary(revision));
    }

    public static SummaryResponse Summary(RescueFigures f) => new(
        f.ShortfallEth.ToString(), f.DeliveredEth.ToString(), f.OutstandingCommittedEth.ToString(),
        f.OutstandingProposedEth.ToString(), f.PledgedEth.ToString(), f.UncoveredNowEth.ToString(),
        f.UncoveredIfAllArriveEth.ToString(), f.AsOf.UtcDateTime, f.Blocks);

    /// <summary>A recorded revision: asOf is when it was recorded, blocks how far each chain had been read then.</summary>
    private static SummaryResponse Summary(FigureRevision r) => new(
        r.ShortfallEth.ToString(), r.DeliveredEth.ToString(), r.OutstandingCommittedEth.ToString(),
        r.OutstandingProposedEth.ToString(), r.PledgedEth.ToString(), r.UncoveredNowEth.ToString(),
        r.UncoveredIfAllArriveEth.ToString(), r.At.UtcDateTime, FigureHistory.ParseBlocks(r.Blocks));
}
