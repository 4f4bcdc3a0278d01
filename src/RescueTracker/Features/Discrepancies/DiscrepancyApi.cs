using Microsoft.AspNetCore.Http.HttpResults;
using RescueTracker.Features.Api;
using RescueTracker.Features.Exports;
using RescueTracker.Hosting.Caching;

namespace RescueTracker.Features.Discrepancies;

/// <summary>One discrepancy as the API and the CSV give it; since is an ISO 8601 instant in UTC.</summary>
public sealed record DiscrepancyResponse(string Kind, int? PledgeId, long? TransferId, string Detail, DateTime Since);

/// <summary>
/// GET /api/discrepancies and its CSV twin, /api/export/discrepancies.csv: the same filters (kind, pledgeId), the same
/// order (sort), the same rows and fields.
/// </summary>
public static class DiscrepancyApi
{
    private static readonly string[] Header = ["kind", "pledgeId", "transferId", "detail", "since"];

    public static RouteGroupBuilder MapDiscrepancyApi(this RouteGroupBuilder api)
    {
        api.MapGet("/discrepancies", ListDiscrepancies)
            .WithName("ListDiscrepancies")
            .WithSummary("What does not add up: unattributedInflow, overDelivered, partialPastDeadline, proposalPastDeadline, committedWithoutEvidence; "
                + "filters kind and pledgeId, sort since-desc (default)|since-asc|kind-asc|kind-desc|pledge-asc|pledge-desc.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .CacheOutput(new PublicCacheAttribute(DiscrepancyRequest.ApiParameters) { FollowsClock = true });

        api.MapGet("/export/discrepancies.csv", ExportDiscrepancies)
            .WithTags("Exports").WithName("ExportDiscrepancies")
            .WithSummary("Every discrepancy the filters match as CSV, in the order asked: the fields of /api/discrepancies; no limit.")
            .Produces(StatusCodes.Status200OK, contentType: CsvFile.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    public static DiscrepancyResponse ToResponse(Discrepancy d) => new(d.Kind.Text(), d.PledgeId, d.TransferId, d.Detail, d.Since.UtcDateTime);

    private static async Task<Results<Ok<List<DiscrepancyResponse>>, ProblemHttpResult>> ListDiscrepancies(
        HttpRequest request, DiscrepancyQuery query, CancellationToken ct)
    {
        if (DiscrepancyRequest.TryParse(request.Query, DiscrepancyRequest.ApiParameters, out var error) is not { } parsed) return error!.ToProblem();
        return TypedResults.Ok((await query.ListAsync(parsed, ct)).Select(ToResponse).ToList());
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportDiscrepancies(
        HttpRequest request, DiscrepancyQuery query, CancellationToken ct)
    {
        if (DiscrepancyRequest.TryParse(request.Query, DiscrepancyRequest.ApiParameters, out var error) is not { } parsed) return error!.ToProblem();
        var rows = await query.ListAsync(parsed, ct);
        return CsvFile.Stream("discrepancies.csv", Header, Records(rows), ct);
    }

    private static async IAsyncEnumerable<string[]> Records(IReadOnlyList<Discrepancy> rows)
    {
        foreach (var d in rows)
            yield return [d.Kind.Text(), CsvFile.Text(d.PledgeId), CsvFile.Text(d.TransferId), d.Detail, CsvFile.Utc(d.Since)];
        await Task.CompletedTask;
    }
}
