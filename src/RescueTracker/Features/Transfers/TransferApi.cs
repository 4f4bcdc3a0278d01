using Microsoft.AspNetCore.Http.HttpResults;
using RescueTracker.Data;
using RescueTracker.Hosting.Caching;
using RescueTracker.Features.Api;

namespace RescueTracker.Features.Transfers;

/// <summary>
/// One transfer in the list. Amounts are exact decimal strings; logIndex is null unless erc20;
/// pledgeId is null when unattributed.
/// </summary>
public sealed record TransferItemResponse(
    long Id, long ChainId, string TxHash, string Kind, int? LogIndex, long BlockNumber, string From, string To,
    string Asset, string Amount, string AmountEth, string Status, int? PledgeId);

public static class TransferApi
{
    public static RouteGroupBuilder MapTransferApi(this RouteGroupBuilder api)
    {
        api.MapGet("/transfers", ListTransfers)
            .WithName("ListTransfers")
            .WithSummary("Transfers into the recovery addresses, newest first (sort=oldest for oldest first); filters chainId, pledgeId, status, attributed; limit and offset.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .CacheOutput(new PublicCacheAttribute([.. TransferFilter.ParameterNames]));
        return api;
    }

    private static async Task<Results<Ok<List<TransferItemResponse>>, ProblemHttpResult>> ListTransfers(
        HttpRequest request, TransferQuery query, CancellationToken ct)
    {
        if (TransferFilter.TryParse(request.Query, TransferFilter.MaxLimit, out var error) is not { } filter) return error!.ToProblem();
        var rows = await query.ListAsync(filter, ct);
        return TypedResults.Ok(rows.Select(ToResponse).ToList());
    }

    public static TransferItemResponse ToResponse(TransferRow t) => new(
        t.Id, t.ChainId, t.TxHash, t.Kind.ToText(), t.LogIndex, t.BlockNumber, t.From, t.To, t.Asset,
        t.Amount.ToString(), t.AmountEth.ToString(), t.Confirmed ? "confirmed" : "pending", t.PledgeId);
}
