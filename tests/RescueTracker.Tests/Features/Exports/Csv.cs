using CsvHelper;

namespace RescueTracker.Tests.Features.Exports;

/// <summary>A CSV download read back with CsvHelper: its header and its records as name-to-field maps.</summary>
public sealed record Csv(string Text, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows)
{
    public static async Task<Csv> ReadAsync(HttpResponseMessage response, string fileName)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileName);
        var text = await response.Content.ReadAsStringAsync();
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { Separator = ',' });
        var rows = new List<IReadOnlyDictionary<string, string>>();
        string[]? header = null;
        foreach (var row in reader)
        {
            header ??= [.. reader.Headers];
            var fields = row.ToArray();
            Assert.Equal(header.Length, fields.Length);
            rows.Add(header.Zip(fields).ToDictionary(f => f.First, f => f.Second));
        }
        return new Csv(text, header ?? [.. reader.Headers], rows);
    }
}
