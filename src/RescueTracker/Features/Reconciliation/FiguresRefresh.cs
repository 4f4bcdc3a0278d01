using System.Diagnostics;
using RescueTracker.Features.Figures;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// The figures refreshes of one catch-up. A refresh reads the whole ledger, so refreshing after
/// each of a catch-up's ranges costs time quadratic in its length (a twelve-range catch-up of
/// 100,000 transfers spent as long on figures as on storing). While the poll runs, the figures
/// follow its commits at most <see cref="Interval"/> behind; before the poll returns they include
/// every one of them, as every other write path leaves them.
/// </summary>
public sealed class FiguresRefresh(FiguresService figures, CancellationToken ct)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private long _last = Stopwatch.GetTimestamp();
    private bool _behind;

    public async Task AfterCommitAsync()
    {
        _behind = true;
        if (Stopwatch.GetElapsedTime(_last) < Interval) return;
        await RefreshAsync();
    }

    public async Task FinishAsync()
    {
        if (_behind) await RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        await figures.RefreshAsync(ct);
        _last = Stopwatch.GetTimestamp();
        _behind = false;
    }
}
