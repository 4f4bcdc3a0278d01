using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Xunit.Abstractions;

namespace RescueTracker.Tests.Drills;

/// <summary>
/// A drill's figures: written to the test output, and appended as one JSON line to
/// drills/figures.jsonl in the test's output folder, so a run can be quoted later.
/// </summary>
internal sealed class DrillReport(ITestOutputHelper output, string drill, int seed)
{
    // Drill classes run in parallel; their lines must not interleave.
    private static readonly Lock FileGate = new();
    // Figure names hold "<", ">" and "×": keep them readable in the file.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, object> _figures = [];

    public static string FiguresFile => Path.Combine(AppContext.BaseDirectory, "drills", "figures.jsonl");

    public void Add(string name, object value) => _figures[name] = value;

    /// <summary>A progress line in the test output only.</summary>
    public void Note(string line) => output.WriteLine($"[{drill} {_clock.Elapsed.TotalSeconds,6:0.0}s] {line}");

    public void Write()
    {
        var seconds = Math.Round(_clock.Elapsed.TotalSeconds, 1);
        output.WriteLine($"{drill} ({DrillSize.Name} size, seed {seed}, {seconds} s):");
        foreach (var (name, value) in _figures) output.WriteLine($"  {name}: {value}");

        var line = JsonSerializer.Serialize(new
        {
            drill, size = DrillSize.Name, seed, at = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            seconds, figures = _figures,
        }, Json);
        lock (FileGate)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FiguresFile)!);
            File.AppendAllText(FiguresFile, line + "\n");
        }
        output.WriteLine($"  appended to {FiguresFile}");
    }
}
