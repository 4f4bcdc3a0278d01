using RescueTracker.Features.Figures;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// The figures refreshes of one catch-up. Each reads the whole ledger, so one runs beside the
/// store of the next range instead of between ranges, and commits that land while one is running
/// are covered by a single refresh after it. When the poll ends the figures include every commit.
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
