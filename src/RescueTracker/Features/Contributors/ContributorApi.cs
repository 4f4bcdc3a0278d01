using Microsoft.AspNetCore.Http.HttpResults;
using RescueTracker.Features.Transfers;
using RescueTracker.Hosting.Caching;
using RescueTracker.Features.Api;

namespace RescueTracker.Features.Contributors;

/// <summary>
/// One sending address's confirmed transfers toward one pledge (pledgeId null: attributed to none), on one chain.
/// totalEth is an exact decimal string, each transfer at its asset's current rate.
/// </summary>
public sealed record ContributorResponse(string Address, long ChainId, int Transfers, string TotalEth, int? PledgeId);

public static class ContributorApi
{
    public static RouteGroupBuilder MapContributorApi(this RouteGroupBuilder api)
    {
        api.MapGet("/contributors", ListContributors)
            .WithName("ListContributors")
            .WithSummary("Per sending address, chain and pledge: confirmed transfers and their ETH-eq total; chainId, pledgeId and attributed as /api/transfers, sort largest|newest|transfers, limit and offset.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .CacheOutput(new PublicCacheAttribute(ContributorRequest.ApiParameters));
        return api;
    }

    private static async Task<Results<Ok<List<ContributorResponse>>, ProblemHttpResult>> ListContributors(
        HttpRequest request, ContributorQuery query, CancellationToken ct)
    {
        if (ContributorRequest.TryParse(request.Query, ContributorRequest.ApiParameters, out var error) is not { } parsed)
            return error!.ToProblem();
        var page = await query.PageAsync(parsed.Filter, parsed.Sort, parsed.Offset, parsed.Limit, ct);
        return TypedResults.Ok(page.Rows.Select(r => new ContributorResponse(r.Address, r.ChainId, r.Transfers, r.TotalEth.ToString(), r.PledgeId)).ToList());
    }
}
