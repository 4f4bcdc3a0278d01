using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using RescueTracker.Data;
using RescueTracker.Features.Contributors;
using RescueTracker.Features.Figures;
using RescueTracker.Features.Pledges;
using RescueTracker.Features.Transfers;
using RescueTracker.Features.Api;

namespace RescueTracker.Features.Exports;

/// <summary>
/// CSV downloads of the public tables, every row and exact amounts (the same decimal strings as the JSON API).
/// Not kept in the output cache: it would hold a whole file in memory, and each is streamed as it is read.
/// </summary>
public static class ExportApi
{
    private static readonly string[] PledgeHeader =
        ["id", "pledger", "asset", "amount", "amountEth", "status", "terms", "received", "receivedEth", "source", "voteDeadline"];

    private static readonly string[] TransferHeader =
        ["id", "chainId", "txHash", "kind", "logIndex", "blockNumber", "from", "to", "asset", "amount", "amountEth", "status", "pledgeId"];

    private static readonly string[] ContributorHeader = ["address", "chainId", "pledgeId", "pledger", "transfers", "totalEth"];

    public static RouteGroupBuilder MapExportApi(this RouteGroupBuilder api)
    {
        var export = api.MapGroup("/export").WithTags("Exports");
        export.MapGet("/pledges.csv", ExportPledges)
            .WithName("ExportPledges").WithSummary("Every pledge the filters match as CSV (status, terms, as /api/pledges): the fields of /api/pledges plus received (in the pledged asset).")
            .Produces(StatusCodes.Status200OK, contentType: CsvFile.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        export.MapGet("/transfers.csv", ExportTransfers)
            .WithName("ExportTransfers").WithSummary("Every transfer the filters match as CSV, newest first: chainId, pledgeId, status, attributed and sort, as /api/transfers; no limit.")
            .Produces(StatusCodes.Status200OK, contentType: CsvFile.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        export.MapGet("/contributors.csv", ExportContributors)
            .WithName("ExportContributors").WithSummary("Every contributor row the filters match as CSV: chainId, pledgeId, attributed and sort as /api/contributors; no limit.")
            .Produces(StatusCodes.Status200OK, contentType: CsvFile.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        export.MapGet("/history.csv", (HistoryExport history, CancellationToken ct) =>
                CsvFile.Stream("history.csv", HistoryExport.Header, history.RecordsAsync(ct), ct))
            .WithName("ExportHistory").WithSummary("Every pledge status change and every figure revision as CSV, oldest first; kind says which.")
            .Produces(StatusCodes.Status200OK, contentType: CsvFile.ContentType);
        return api;
    }

    private static Results<PushStreamHttpResult, ProblemHttpResult> ExportTransfers(HttpRequest request, TransferQuery query, CancellationToken ct)
    {
        if (TransferFilter.TryParseFilters(request.Query, out var error) is not { } filter) return error!.ToProblem();
        return CsvFile.Stream("transfers.csv", TransferHeader, TransferRecords(query.StreamAsync(filter, ct), ct), ct);
    }

    // The rows are summed per wallet in memory (ContributorQuery), one per address, chain and pledge: written as they are.
    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> ExportContributors(
        HttpRequest request, ContributorQuery query, CancellationToken ct)
    {
        if (ContributorRequest.TryParse(request.Query, ContributorRequest.ExportParameters, out var error) is not { } parsed) return error!.ToProblem();
        var page = await query.PageAsync(parsed.Filter, parsed.Sort, 0, int.MaxValue, ct);
        return CsvFile.Stream("contributors.csv", ContributorHeader, ContributorRecords(page.Rows), ct);
    }

    private static async IAsyncEnumerable<string[]> ContributorRecords(IReadOnlyList<ContributorRow> rows)
    {
        foreach (var r in rows)
            yield return [r.Address, CsvFile.Text(r.ChainId), CsvFile.Text(r.PledgeId), r.Pledger ?? "", CsvFile.Text(r.Transfers), r.TotalEth.ToString()];
        await Task.CompletedTask;
    }

    private static Results<PushStreamHttpResult, ProblemHttpResult> ExportPledges(HttpRequest request, FiguresService figures, CancellationToken ct)
    {
        if (PledgeFilter.TryParse(request.Query, out var error) is not { } filter) return error!.ToProblem();
        return CsvFile.Stream("pledges.csv", PledgeHeader, PledgeRecords(filter.Apply(figures.Current.Pledges)), ct);
    }

    // Pledges are few and already in memory with the figures; taken in id order as /api/pledges lists them.
    private static async IAsyncEnumerable<string[]> PledgeRecords(IEnumerable<PledgeFigures> pledges)
    {
        foreach (var p in pledges.OrderBy(p => p.Id))
        {
            yield return
            [
                CsvFile.Text(p.Id), p.Pledger, p.Asset ?? "", CsvFile.Text(p.Amount), CsvFile.Text(p.AmountEth), p.Status.ToText(),
                p.Terms.ToText(), p.Received.ToString(), p.ReceivedEth.ToString(), p.Source ?? "",
                CsvFile.Day(p.VoteDeadline),
            ];
        }
        await Task.CompletedTask;
    }

    private static async IAsyncEnumerable<string[]> TransferRecords(IAsyncEnumerable<TransferRow> rows, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var r in rows.WithCancellation(ct))
        {
            var t = TransferApi.ToResponse(r);
            yield return
            [
                CsvFile.Text(t.Id), CsvFile.Text(t.ChainId), t.TxHash, t.Kind, CsvFile.Text(t.LogIndex), CsvFile.Text(t.BlockNumber),
                t.From, t.To, t.Asset, t.Amount, t.AmountEth, t.Status, CsvFile.Text(t.PledgeId),
            ];
        }
    }
}
