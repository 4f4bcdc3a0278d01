using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.History;

/// <summary>The figures of one revision the coverage chart draws: they stood so from <see cref="At"/> until the next point.</summary>
public sealed record CoveragePoint(DateTimeOffset At, ExactDecimal Shortfall, ExactDecimal Delivered, ExactDecimal Committed, ExactDecimal Proposed)
{
    public static CoveragePoint Of(FigureRevision r) =>
        new(r.At, r.ShortfallEth, r.DeliveredEth, r.OutstandingCommittedEth, r.OutstandingProposedEth);

    /// <summary>Delivered, committed and proposed stacked: what would be in if every pledge arrived.</summary>
    public ExactDecimal IfAllArrive => Delivered + Committed + Proposed;
}

/// <summary>
/// The coverage chart's points, oldest first, and how many revisions they were drawn from. <see cref="Revisions"/> is
/// larger than the number of points when several revisions fell into one time bucket.
/// </summary>
public sealed record CoverageSeries(IReadOnlyList<CoveragePoint> Points, int Revisions)
{
    public static CoverageSeries Empty { get; } = new([], 0);

    public bool Downsampled => Points.Count < Revisions;
}

/// <summary>
/// Cuts the span from the first revision to the last into <c>buckets</c> equal slices of time and keeps, of each slice,
/// the last revision in it: the figures as they stood when the slice ended. The first revision is kept as well, so the
/// chart starts where the history does, and the last revision always closes the last slice, so the chart ends on
/// today's recorded figures. A chart of any length of history so holds at most <c>buckets + 1</c> points, taken one
/// revision at a time (oldest first) without holding the history in memory.
/// </summary>
public sealed class CoverageBuckets(DateTimeOffset first, DateTimeOffset last, int buckets)
{
    private readonly List<CoveragePoint> _points = [];
    private int _bucket = -1;

    public int Revisions { get; private set; }

    public void Add(FigureRevision revision)
    {
        var point = CoveragePoint.Of(revision);
        var bucket = Bucket(revision.At);
        Revisions++;
        if (Revisions == 1) _points.Add(point);
        else if (bucket == _bucket && _points.Count > 1) _points[^1] = point;
        else _points.Add(point);
        _bucket = bucket;
    }

    public CoverageSeries ToSeries() => new(_points.ToList(), Revisions);

    /// <summary>Which slice an instant falls in, 0 to buckets - 1; the last revision falls in the last.</summary>
    private int Bucket(DateTimeOffset at)
    {
        var span = (last - first).Ticks;
        if (span <= 0) return 0;
        var offset = Math.Clamp((at - first).Ticks, 0, span);
        // Integer ticks, not doubles: a revision on a slice's edge always lands in the same slice.
        return (int)Math.Min((long)(new System.Numerics.BigInteger(offset) * buckets / span), buckets - 1);
    }
}
