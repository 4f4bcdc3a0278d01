using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace RescueTracker.Features.Exports;

/// <summary>
/// A CSV download: RFC 4180 (comma separated, CRLF, quoted when a field holds a comma, quote or line
/// break, quotes doubled), UTF-8 without a byte order mark, a header row, then the records as they are
/// read, flushed as the buffer fills, so no export is ever held whole in memory.
/// </summary>
public static class CsvFile
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static PushStreamHttpResult Stream(string fileName, string[] header, IAsyncEnumerable<string[]> records, CancellationToken ct) =>
        TypedResults.Stream(async body =>
        {
            await using var csv = CsvWriter.Create(body, CsvWriterOptions.Default, leaveOpen: true);
            await csv.WriteRecordAsync(header, ct);
            await foreach (var record in records.WithCancellation(ct)) await csv.WriteRecordAsync(record, ct);
            await csv.FlushAsync(ct);
        }, ContentType, fileName);

    /// <summary>A field that may be absent: written empty.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>An instant as ISO 8601 in UTC, to the tick.</summary>
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>A day as YYYY-MM-DD, as the JSON API writes it; empty when absent.</summary>
    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
