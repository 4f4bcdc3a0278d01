using Microsoft.AspNetCore.Http.HttpResults;
using RescueTracker.Data;
using RescueTracker.Features.Figures;
using RescueTracker.Features.Pledges;
using RescueTracker.Features.Transfers;
using RescueTracker.Hosting.Caching;

namespace RescueTracker.Features.Api;

public static class PledgeApi
{
    public static RouteGroupBuilder MapPledgeApi(this RouteGroupBuilder api)
    {
        api.MapGet("/pledges", ListPledges)
            .WithName("ListPledges").WithSummary("Every pledge, supporters without an amount included, in id order; status=proposed|committed|delivered|withdrawn and terms=grant|loan|conditional narrow it.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .CacheOutput(new PublicCacheAttribute(PledgeFilter.ParameterNames));

        api.MapGet("/pledges/{id}", GetPledge)
            .WithName("GetPledge").WithSummary("One pledge with its status history and its newest 1000 transfers (transfersTotal counts all; /api/transfers?pledgeId= pages through them).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .CacheOutput(new PublicCacheAttribute());
        return api;
    }

    private static Results<Ok<List<PledgeResponse>>, ProblemHttpResult> ListPledges(HttpRequest request, FiguresService figures)
    {
        if (PledgeFilter.TryParse(request.Query, out var error) is not { } filter) return error!.ToProblem();
        return TypedResults.Ok(filter.Apply(figures.Current.Pledges).OrderBy(p => p.Id).Select(ToResponse).ToList());
    }

    // The id is taken as text so that "abc" or "-1" gets a problem detail rather than a bare route miss.
    private static async Task<Results<Ok<PledgeDetailResponse>, ProblemHttpResult>> GetPledge(
        string id, PledgeDetailsQuery query, CancellationToken ct)
    {
        if (!int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pledgeId) || pledgeId <= 0)
            return TypedResults.Problem(title: "Invalid pledge id", detail: $"'{id}' is not a pledge id: ids are positive whole numbers.",
                statusCode: StatusCodes.Status400BadRequest);
        var details = await query.GetAsync(pledgeId, TransferFilter.MaxLimit, ct);
        if (details is null)
            return TypedResults.Problem(title: "Pledge not found", detail: $"There is no pledge {pledgeId}.", statusCode: StatusCodes.Status404NotFound);
        return TypedResults.Ok(ToResponse(details));
    }

    private static PledgeResponse ToResponse(PledgeFigures p) => new(
        p.Id, p.Pledger, p.Asset, p.Amount?.ToString(), p.AmountEth?.ToString(), p.Status.ToText(), p.Terms.ToText(),
        p.ReceivedEth.ToString(), p.Source, p.VoteDeadline);

    private static PledgeDetailResponse ToResponse(PledgeDetails d)
    {
        var p = d.Figures;
        return new PledgeDetailResponse(
            p.Id, p.Pledger, p.Asset, p.Amount?.ToString(), p.AmountEth?.ToString(), p.Status.ToText(), p.Terms.ToText(),
            p.TermsNote, p.Received.ToString(), p.ReceivedEth.ToString(), p.IsOverDelivered, p.Source, p.GovernanceUrl, p.Announced,
            p.VoteDeadline, d.Senders,
            d.History.Select(h => new HistoryResponse(h.From?.ToText(), h.To.ToText(), h.At.UtcDateTime, h.Reason, h.Source, h.Actor, h.Evidence)).ToList(),
            d.Transfers.Select(t => new TransferResponse(
                t.Id, t.ChainId, t.TxHash, t.Kind.ToText(), t.Kind == TransferKind.Erc20 && int.TryParse(t.Position, out var li) ? li : null,
                t.BlockNumber, t.From, t.To, t.Asset, t.Amount.ToString(), t.Confirmed ? "confirmed" : "pending", t.AttributedByAdmin)).ToList(),
            d.TransfersTotal,
            d.OffchainDeliveries.Select(o => new OffchainDeliveryResponse(o.Amount.ToString(), o.EvidenceUrl, o.Note, o.RecordedAt.UtcDateTime, o.RecordedBy)).ToList());
    }
}
