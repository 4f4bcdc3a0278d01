using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using RescueTracker.Data;
using RescueTracker.Features.Figures;
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

    public static RouteGroupBuilder MapExportApi(this RouteGroupBuilder api)
    {
        var export = api.MapGroup("/export").WithTags("Exports");
        export.MapGet("/pledges.csv", (FiguresService figures, CancellationToken ct) =>
                CsvFile.Stream("pledges.csv", PledgeHeader, PledgeRecords(figures.Current), ct))
            .WithName("ExportPledges").WithSummary("Every pledge as CSV: the fields of /api/pledges plus received (in the pledged asset).")
            .Produces(StatusCodes.Status200OK, contentType: CsvFile.ContentType);

        export.MapGet("/transfers.csv", ExportTransfers)
            .WithName("ExportTransfers").WithSummary("Every transfer the filters match as CSV, newest first: chainId, pledgeId, status, attributed, as /api/transfers; no limit.")
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

    // Pledges are few and already in memory with the figures; taken in id order as /api/pledges lists them.
    private static async IAsyncEnumerable<string[]> PledgeRecords(RescueFigures figures)
    {
        foreach (var p in figures.Pledges.OrderBy(p => p.Id))
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
