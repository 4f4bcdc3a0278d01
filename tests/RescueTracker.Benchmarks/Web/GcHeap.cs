using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RescueTracker.Benchmarks.Web;

/// <summary>
/// The server's live managed heap, from <c>dotnet-gcdump report -p PID</c> (which forces a full collection
/// first, so only what is still referenced counts): the total bytes, and the live objects per type (the report's
/// per-type size column is one size for the type, not the sum over its objects, so it is not used).
/// </summary>
internal sealed partial class GcHeap
{
    private GcHeap(long bytes, Dictionary<string, long> objects) => (Bytes, Objects) = (bytes, objects);

    public long Bytes { get; }
    public IReadOnlyDictionary<string, long> Objects { get; }

    public static async Task<GcHeap> CollectAsync(string gcdump, int pid)
    {
        var info = new ProcessStartInfo(gcdump) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "report", "-p", pid.ToString(CultureInfo.InvariantCulture) }) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"dotnet-gcdump failed ({process.ExitCode}):\n{await output}\n{await errors}");
        return Parse(await output);
    }

    /// <summary>Types whose live object count grew most from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static IEnumerable<(string Type, long Objects)> Growth(GcHeap before, GcHeap after) =>
        after.Objects
            .Select(t => (t.Key, t.Value - before.Objects.GetValueOrDefault(t.Key)))
            .OrderByDescending(t => t.Item2);

    private static GcHeap Parse(string report)
    {
        long? total = null;
        var objects = new Dictionary<string, long>();
        foreach (var line in report.Split('\n'))
        {
            if (Total().Match(line) is { Success: true } t) total = Number(t.Groups[1].Value);
            else if (Row().Match(line) is { Success: true } r)
            {
                // The report splits big arrays and strings into size buckets; one type, one line.
                var type = Bucket().Replace(r.Groups[3].Value, "").Trim();
                objects[type] = objects.GetValueOrDefault(type) + Number(r.Groups[2].Value);
            }
        }
        return new GcHeap(total ?? throw new InvalidOperationException($"No 'GC Heap bytes' line in the gcdump report:\n{report}"), objects);
    }

    private static long Number(string text) => long.Parse(text.Replace(",", ""), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*([\d,]+)\s+GC Heap bytes")]
    private static partial Regex Total();

    // Size column, object count, type, [module].
    [GeneratedRegex(@"^\s*([\d,]+)\s+([\d,]+)\s+(.+?)\s+\[[^\]]+\]\s*$")]
    private static partial Regex Row();

    [GeneratedRegex(@"\(Bytes > \d+K\)")]
    private static partial Regex Bucket();
}
