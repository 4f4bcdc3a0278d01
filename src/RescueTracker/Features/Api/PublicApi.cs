using RescueTracker.Features.Figures;
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
        api.MapGet("/summary", (FiguresService figures) => TypedResults.Ok(Summary(figures.Current)))
            .WithName("GetSummary").WithSummary("The headline figures, in ETH.")
            .CacheOutput(new PublicCacheAttribute());
        api.MapPledgeApi();
        api.MapStatusApi();
        api.MapTransferApi();
        return endpoints;
    }

    public static SummaryResponse Summary(RescueFigures f) => new(
        f.ShortfallEth.ToString(), f.DeliveredEth.ToString(), f.OutstandingCommittedEth.ToString(),
        f.OutstandingProposedEth.ToString(), f.PledgedEth.ToString(), f.UncoveredNowEth.ToString(),
        f.UncoveredIfAllArriveEth.ToString(), f.AsOf.UtcDateTime);
}
