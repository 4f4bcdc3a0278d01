namespace RescueTracker.Tests.Drills;

/// <summary>R2's running figures, one entry per kill.</summary>
internal sealed class CrashTally
{
    private readonly List<(TimeSpan KilledAt, TimeSpan? FirstCommit, long Progress, bool CaughtUp, LedgerCheck Check)> _kills = [];

    public List<string> Inexact { get; } = [];

    public void Add(TimeSpan killedAt, TimeSpan? firstCommit, long? before, long? after, long head, LedgerCheck check)
    {
        _kills.Add((killedAt, firstCommit, (after ?? -1) - (before ?? -1), after == head, check));
        if (!check.Exact) Inexact.Add($"kill {_kills.Count} at {killedAt.TotalMilliseconds:0} ms, checkpoint {after}: {check}");
    }

    public void Report(DrillReport report, int kills)
    {
        report.Add("kills (SIGKILL)", kills);
        report.Add("kills mid-catch-up (after the life's first commit) / in start-up",
            $"{_kills.Count(k => k.FirstCommit is not null)} / {_kills.Count(k => k.FirstCommit is null)}");
        if (_kills.Any(k => k.FirstCommit is not null))
            report.Add("start to first commit (ms, median of lives that got there)", Median(_kills.Where(k => k.FirstCommit is not null).Select(k => (long)k.FirstCommit!.Value.TotalMilliseconds)));
        report.Add("kills after the catch-up had finished", _kills.Count(k => k.CaughtUp));
        report.Add("kills after start (ms, min / median / max)",
            $"{(long)_kills.Min(k => k.KilledAt.TotalMilliseconds)} / {Median(_kills.Select(k => (long)k.KilledAt.TotalMilliseconds))} / {(long)_kills.Max(k => k.KilledAt.TotalMilliseconds)}");
        report.Add("blocks checkpointed per life (min / median / max)",
            $"{_kills.Min(k => k.Progress)} / {Median(_kills.Select(k => k.Progress))} / {_kills.Max(k => k.Progress)}");
        report.Add("duplicates after kills (sum)", _kills.Sum(k => k.Check.Duplicates));
        report.Add("gaps after kills (inflows at or below the checkpoint not stored, sum)", _kills.Sum(k => k.Check.Missing));
        report.Add("transfers stored above the checkpoint (sum)", _kills.Sum(k => k.Check.Extra));
    }

    private static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
