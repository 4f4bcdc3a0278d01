using RescueTracker.Data;
using RescueTracker.Hosting.Caching;

namespace RescueTracker.Features.History;

/// <summary>One revision of the headline figures: they stood so from <c>at</c> until the next. Amounts are exact decimal strings.</summary>
public sealed record FigureRevisionResponse(
    DateTime At, string ShortfallEth, string DeliveredEth, string OutstandingCommittedEth, string OutstandingProposedEth, string UncoveredNowEth);

public static class HistoryApi
{
    public static RouteGroupBuilder MapHistoryApi(this RouteGroupBuilder api)
    {
        api.MapGet("/history/figures", async (FigureHistoryQuery query, CancellationToken ct) =>
                TypedResults.Ok((await query.ListAsync(ct)).Select(ToResponse).ToList()))
            .WithName("GetFigureHistory").WithSummary("The headline figures at every change, oldest first.")
            .CacheOutput(new PublicCacheAttribute());
        return api;
    }

    private static FigureRevisionResponse ToResponse(FigureRevision r) => new(
        r.At.UtcDateTime, r.ShortfallEth.ToString(), r.DeliveredEth.ToString(), r.OutstandingCommittedEth.ToString(),
        r.OutstandingProposedEth.ToString(), r.UncoveredNowEth.ToString());
}
