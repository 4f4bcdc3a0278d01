using RescueTracker.Features.Figures;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// The figures refreshes of one catch-up. Each reads the whole ledger, so a refresh is not awaited
/// before the next range is stored, and commits that land while one is still running are covered
/// by a single refresh after it. (Over SQLite a refresh mostly completes while it is being started,
/// its I/O being synchronous, so in practice it still runs between two ranges.) When the poll ends
/// the figures include every commit.
/// </summary>
internal sealed class FiguresRefresh(FiguresService figures, CancellationToken ct)
{
    private Task? _running;
    private bool _behind;

    public async Task AfterCommitAsync()
    {
        if (_running is { IsCompleted: false })
        {
            _behind = true;
            return;
        }
        if (_running is not null) await _running;
        _running = figures.RefreshAsync(ct);
        _behind = false;
    }

    public async Task FinishAsync()
    {
        if (_running is not null) await _running;
        _running = null;
        if (_behind) await figures.RefreshAsync(ct);
        _behind = false;
    }
}
