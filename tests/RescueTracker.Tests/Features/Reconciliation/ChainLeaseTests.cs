using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RescueTracker.Data;
using RescueTracker.Features.Reconciliation;
using RescueTracker.Tests.Infrastructure;

namespace RescueTracker.Tests.Features.Reconciliation;

/// <summary>
/// Two instances' leases on one chain, on one SQLite file, with a clock the test moves: one holder at a time, a
/// takeover only after expiry, and the fence refusing the old holder's writes once the epoch moved on.
/// </summary>
public sealed class ChainLeaseTests : IDisposable
{
    private readonly TempSqliteFile _file = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly ReconcilerLeaseOptions _options = new() { Duration = TimeSpan.FromSeconds(15), RenewInterval = TimeSpan.FromSeconds(5) };

    private ChainLease Lease(string instance) => new(1, instance, _options, _file.Factory, _clock, TestMetrics.New(), NullLogger.Instance);

    [Fact]
    public async Task The_first_instance_holds_the_lease_and_the_second_takes_it_over_only_once_it_expired()
    {
        await _file.MigrateAsync();
        var (a, b) = (Lease("a"), Lease("b"));

        var first = await a.HoldAsync(CancellationToken.None);
        Assert.NotNull(first);
        Assert.Equal(1, first.Epoch);
        Assert.Null(await b.HoldAsync(CancellationToken.None));

        // Renewed at 10 s, the lease runs to 25 s: at 24 s it is still a's.
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Same(first, await a.HoldAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(14));
        Assert.Null(await b.HoldAsync(CancellationToken.None));

        // a stops renewing (paused, or dead): at 25 s b takes over with the next epoch.
        _clock.Advance(TimeSpan.FromSeconds(1));
        var second = await b.HoldAsync(CancellationToken.None);
        Assert.NotNull(second);
        Assert.Equal(2, second.Epoch);
        await using var db = _file.CreateContext();
        var row = await db.ReconcilerLeases.AsNoTracking().SingleAsync();
        Assert.Equal(("b", 2L), (row.Holder, row.Epoch));

        // a wakes up: its writes are refused inside their transaction, and its next renewal finds the lease gone.
        await using (var tx = await db.Database.BeginTransactionAsync())
            await Assert.ThrowsAsync<LeaseLostException>(() => first.CheckAsync(db, CancellationToken.None));
        Assert.False(first.Lost.IsCancellationRequested);
        Assert.Null(await a.HoldAsync(CancellationToken.None));
        Assert.True(first.Lost.IsCancellationRequested);
        Assert.Null(a.Current);
        await second.CheckAsync(db, CancellationToken.None);
    }

    [Fact]
    public async Task A_released_lease_is_taken_at_once_by_the_other_instance()
    {
        await _file.MigrateAsync();
        var (a, b) = (Lease("a"), Lease("b"));
        var first = await a.HoldAsync(CancellationToken.None);

        await a.ReleaseAsync();

        Assert.True(first!.Lost.IsCancellationRequested);
        var second = await b.HoldAsync(CancellationToken.None);
        Assert.Equal(2, second?.Epoch);
    }

    [Fact]
    public async Task A_lease_built_anew_for_the_same_instance_takes_its_own_row_back_at_once_and_fences_the_old_one()
    {
        await _file.MigrateAsync();
        var old = await Lease("a").HoldAsync(CancellationToken.None);

        var again = await Lease("a").HoldAsync(CancellationToken.None);

        Assert.Equal(2, again?.Epoch);
        await using var db = _file.CreateContext();
        await Assert.ThrowsAsync<LeaseLostException>(() => old!.CheckAsync(db, CancellationToken.None));
        Assert.Null(await Lease("b").HoldAsync(CancellationToken.None));
    }

    public void Dispose() => _file.Dispose();
}
