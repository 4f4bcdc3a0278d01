using System.Diagnostics;
using System.Globalization;
using System.Text;
using RescueTracker.Tests.Infrastructure;
using Xunit.Abstractions;

namespace RescueTracker.Tests.Features.Ledger.Api;

/// <summary>How one bad form submission ended. Turned away means refused before the form saw it (an HTTP 400 for a body the server will not read).</summary>
public enum FormOutcome { Accepted, ServerError, RefusedWithMessage, RefusedSilently, TurnedAway }

/// <summary>
/// The driver every malformed-form test shares, whatever submits the form (an HTTP post to a static page, a click in a
/// bUnit-rendered circuit page): it submits each case, writes the report to artifacts/, and fails unless every case was
/// refused with a message. The caller checks afterwards that the database stayed as it was.
/// </summary>
public static class MalformedFormRun
{
    public static async Task RunAsync(string title, string artifact, IReadOnlyList<MalformedFormCase> cases,
        Func<MalformedFormCase, Task<(FormOutcome Outcome, string Detail)>> submit, ITestOutputHelper output)
    {
        Assert.NotEmpty(cases);
        var watch = Stopwatch.StartNew();
        var results = new List<(MalformedFormCase Case, FormOutcome Outcome, string Detail)>();
        foreach (var c in cases)
        {
            var (outcome, detail) = await submit(c);
            results.Add((c, outcome, detail));
        }
        watch.Stop();

        int Count(FormOutcome o) => results.Count(r => r.Outcome == o);
        var report = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Malformed-input corpus, {title} (seed {MalformedCorpus.Seed + 1})")
            .AppendLine(CultureInfo.InvariantCulture, $"tried: {results.Count}")
            .AppendLine(CultureInfo.InvariantCulture, $"accepted: {Count(FormOutcome.Accepted)}")
            .AppendLine(CultureInfo.InvariantCulture, $"server errors: {Count(FormOutcome.ServerError)}")
            .AppendLine(CultureInfo.InvariantCulture, $"refused without a message: {Count(FormOutcome.RefusedSilently)}")
            .AppendLine(CultureInfo.InvariantCulture, $"turned away before the form (HTTP 400): {Count(FormOutcome.TurnedAway)}")
            .AppendLine(CultureInfo.InvariantCulture, $"time: {watch.Elapsed.TotalSeconds:0.0} s")
            .AppendLine("by form: " + string.Join(", ", results.GroupBy(r => r.Case.Form).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} x {g.Count()}")))
            .ToString();
        output.WriteLine(report);
        var folder = Path.Combine(RepoFiles.Root, "artifacts");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, artifact), report);

        var wrong = results.Where(r => r.Outcome is not (FormOutcome.RefusedWithMessage or FormOutcome.TurnedAway)).ToList();
        Assert.True(wrong.Count == 0, "Not refused with a message:\n" + string.Join("\n", wrong.Take(20).Select(r =>
            $"{r.Outcome} [{r.Case.Class}] {string.Join(", ", r.Case.Fields.Select(f => $"{f.Key}='{Cut(f.Value)}'"))} {r.Detail}")));
    }

    private static string Cut(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
