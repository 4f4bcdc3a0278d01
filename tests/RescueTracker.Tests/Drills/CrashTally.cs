namespace RescueTracker.Tests.Drills;

/// <summary>R2's running figures, one entry per kill.</summary>
internal sealed class CrashTally
{
    private readonly List<(TimeSpan KilledAt, TimeSpan FirstCommit, long Progress, bool CaughtUp, LedgerCheck Check)> _kills = [];

    public List<string> Inexact { get; } = [];

    /// <summary>How often the chain had to grow to stay ahead of the checkpoint.</summary>
    public int Extensions { get; set; }

    public void Add(TimeSpan killedAt, TimeSpan firstCommit, long? before, long? after, long head, LedgerCheck check)
    {
        _kills.Add((killedAt, firstCommit, (after ?? -1) - (before ?? -1), after == head, check));
        if (!check.Exact) Inexact.Add($"kill {_kills.Count} at {killedAt.TotalMilliseconds:0} ms, checkpoint {after}: {check}");
    }

    public void Report(DrillReport report, int kills)
    {
        report.Add("kills (SIGKILL, each after a random 0-1 s of catch-up)", kills);
        report.Add("kills after the catch-up had finished", _kills.Count(k => k.CaughtUp));
        report.Add("times the chain grew to stay ahead", Extensions);
        report.Add("start to first commit (ms, min / median / max)", Spread(_kills.Select(k => (long)k.FirstCommit.TotalMilliseconds)));
        report.Add("start to kill (ms, min / median / max)", Spread(_kills.Select(k => (long)k.KilledAt.TotalMilliseconds)));
        report.Add("blocks checkpointed per life (min / median / max)", Spread(_kills.Select(k => k.Progress)));
        report.Add("duplicates after kills (sum)", _kills.Sum(k => k.Check.Duplicates));
        report.Add("gaps after kills (inflows at or below the checkpoint not stored, sum)", _kills.Sum(k => k.Check.Missing));
        report.Add("transfers stored above the checkpoint (sum)", _kills.Sum(k => k.Check.Extra));
    }

    private static string Spread(IEnumerable<long> values)
    {
        var sorted = values.Order().ToList();
        return $"{sorted[0]} / {sorted[sorted.Count / 2]} / {sorted[^1]}";
    }
}
