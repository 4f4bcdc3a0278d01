namespace RescueTracker.Tests.Drills;

/// <summary>R1's running figures.</summary>
internal sealed class ReorgTally
{
    public int Converged { get; set; }
    public List<string> Failures { get; } = [];
    public int OrphanedCounted { get; private set; }

    private int _beyondDepth;
    private int _tookBackCounted;
    private int _maxDepth;
    private int _maxPolls;
    private int _dropped;
    private int _reincluded;
    private int _takenBack;
    private readonly int[] _byDepth = new int[6];

    public void Add(ReorgOutcome reorg, int confirmations, int polls, int takenBack, LedgerCheck check)
    {
        _byDepth[reorg.Depth]++;
        _maxDepth = Math.Max(_maxDepth, reorg.Depth);
        if (reorg.Depth > confirmations) _beyondDepth++;
        if (takenBack > 0) _tookBackCounted++;
        _maxPolls = Math.Max(_maxPolls, polls);
        _dropped += reorg.Dropped.Count;
        _reincluded += reorg.Reincluded.Count;
        _takenBack += takenBack;
        OrphanedCounted += check.OrphanedCounted;
    }

    public void Report(DrillReport report, int rounds)
    {
        report.Add("reorgs run", rounds);
        report.Add("converged", $"{Converged}/{rounds}");
        report.Add("orphaned transfers counted", OrphanedCounted);
        report.Add("max depth", _maxDepth);
        report.Add("reorgs by depth 1..5", string.Join(" / ", _byDepth.Skip(1)));
        report.Add("reorgs beyond the confirmation depth (depth > 2)", _beyondDepth);
        report.Add("reorgs that took back transfers already counted", _tookBackCounted);
        report.Add("counted transfers taken back (dropped or moved to another block)", _takenBack);
        report.Add("transactions dropped / re-included", $"{_dropped} / {_reincluded}");
        report.Add("most polls to catch up after a reorg", _maxPolls);
    }
}
