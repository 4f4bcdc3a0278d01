using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Hosting;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// This instance's claim on one chain's <see cref="ReconcilerLease"/>. <see cref="HoldAsync"/> renews it while held and
/// takes it when it is free or has expired, each by one conditional statement: the instance whose statement hit the row
/// holds it. Losing it (another instance's epoch in the row, or no renewal before expiry) cancels the hold's token.
/// </summary>
public sealed class ChainLease(
    long chainId, string instanceId, ReconcilerLeaseOptions options, IDbContextFactory<RescueDbContext> dbFactory,
    TimeProvider clock, RescueMetrics metrics, ILogger logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LeaseHold? _hold;
    private long _validUntil;

    public TimeSpan RenewInterval => options.RenewInterval;

    /// <summary>The hold while this instance has the lease, else null.</summary>
    public LeaseHold? Current => _hold;

    /// <summary>Renews the lease when held, takes it when free or expired; null while another instance holds it.</summary>
    public async Task<LeaseHold?> HoldAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var expires = now + (long)options.Duration.TotalMilliseconds;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (_hold is { } held)
            {
                var renewed = await db.ReconcilerLeases.Where(l => l.ChainId == chainId && l.Holder == instanceId && l.Epoch == held.Epoch)
                    .ExecuteUpdateAsync(u => u.SetProperty(l => l.ExpiresAt, expires), ct);
                if (renewed == 1)
                {
                    _validUntil = expires;
                    return held;
                }
                Lose(held, "another instance has taken it over");
            }

            var row = await db.ReconcilerLeases.AsNoTracking().FirstOrDefaultAsync(l => l.ChainId == chainId, ct);
            if (row is null)
            {
                db.ReconcilerLeases.Add(new ReconcilerLease { ChainId = chainId, Holder = instanceId, Epoch = 1, ExpiresAt = expires, AcquiredAt = now });
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Another instance inserted the row first: it holds the lease.
                    return null;
                }
                logger.LogInformation("Chain {ChainId}: this instance ({Instance}) runs the reconciler (lease epoch 1)", chainId, instanceId);
                return Take(1, expires);
            }
            // This instance's own row (a reconciler built anew in this process, or a restart under a configured Instance:Id)
            // is taken back at once; the new epoch fences whatever held it before.
            var own = row.Holder == instanceId;
            if (row.ExpiresAt > now && !own) return null;
            var taken = await db.ReconcilerLeases.Where(l => l.ChainId == chainId && l.Epoch == row.Epoch && (l.ExpiresAt <= now || l.Holder == instanceId))
                .ExecuteUpdateAsync(u => u
                    .SetProperty(l => l.Holder, instanceId).SetProperty(l => l.Epoch, row.Epoch + 1)
                    .SetProperty(l => l.ExpiresAt, expires).SetProperty(l => l.AcquiredAt, now), ct);
            if (taken != 1) return null;
            if (own)
            {
                logger.LogInformation("Chain {ChainId}: this instance ({Instance}) runs the reconciler again (lease epoch {Epoch})", chainId, instanceId, row.Epoch + 1);
                return Take(row.Epoch + 1, expires);
            }
            metrics.ReconcilerTakeover(chainId);
            logger.LogWarning("Chain {ChainId}: this instance ({Instance}) took the reconciler over from {Previous}, whose lease "
                              + "expired {Seconds:0.0} s ago (epoch {Epoch})", chainId, instanceId, row.Holder, (now - row.ExpiresAt) / 1000.0, row.Epoch + 1);
            return Take(row.Epoch + 1, expires);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Renews every <see cref="ReconcilerLeaseOptions.RenewInterval"/> until <paramref name="stoppingToken"/>, taking the
    /// lease whenever it is free; a hold that could not be renewed before its expiry is given up.
    /// </summary>
    public async Task KeepAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await HoldAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Chain {ChainId}: the reconciler lease could not be renewed", chainId);
                if (_hold is { } held && clock.GetUtcNow().ToUnixTimeMilliseconds() >= _validUntil) Lose(held, "it expired before a renewal succeeded");
            }
            try
            {
                await Task.Delay(options.RenewInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>On a graceful stop: the lease expires now, so another instance takes over at its next try.</summary>
    public async Task ReleaseAsync()
    {
        if (_hold is not { } held) return;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            await db.ReconcilerLeases.Where(l => l.ChainId == chainId && l.Holder == instanceId && l.Epoch == held.Epoch)
                .ExecuteUpdateAsync(u => u.SetProperty(l => l.ExpiresAt, 0L));
            logger.LogInformation("Chain {ChainId}: reconciler lease released (epoch {Epoch})", chainId, held.Epoch);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Chain {ChainId}: the reconciler lease could not be released; it expires by itself", chainId);
        }
        Lose(held, null);
    }

    private LeaseHold Take(long epoch, long expires)
    {
        _validUntil = expires;
        _hold = new LeaseHold(chainId, instanceId, epoch);
        metrics.ReconcilerHeld(chainId, true);
        return _hold;
    }

    private void Lose(LeaseHold held, string? why)
    {
        if (why is not null) logger.LogWarning("Chain {ChainId}: this instance lost the reconciler lease (epoch {Epoch}): {Why}", chainId, held.Epoch, why);
        _hold = null;
        metrics.ReconcilerHeld(chainId, false);
        held.Revoke();
    }
}

/// <summary>
/// One tenure of a lease: its epoch, and a token cancelled when it ends. <see cref="CheckAsync"/> is the fence every
/// reconciler write runs first inside its transaction.
/// </summary>
public sealed class LeaseHold(long chainId, string holder, long epoch)
{
    private readonly CancellationTokenSource _lost = new();

    public long ChainId => chainId;
    public string Holder => holder;
    public long Epoch => epoch;
    public CancellationToken Lost => _lost.Token;

    /// <summary>
    /// Throws <see cref="LeaseLostException"/> unless the lease row still names this holder and epoch. A write, not a
    /// read: it locks the row until the transaction ends (PostgreSQL; SQLite's transaction holds the file's write lock),
    /// so a takeover commits either before the fence, which then fails, or after the whole batch.
    /// </summary>
    public async Task CheckAsync(RescueDbContext db, CancellationToken ct)
    {
        var held = await db.ReconcilerLeases.Where(l => l.ChainId == chainId && l.Holder == holder && l.Epoch == epoch)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.Epoch, epoch), ct);
        if (held != 1) throw new LeaseLostException(chainId, epoch);
    }

    internal void Revoke() => _lost.Cancel();
}

/// <summary>A reconciler write refused: another instance holds the chain's lease now.</summary>
public sealed class LeaseLostException(long chainId, long epoch)
    : Exception($"Chain {chainId}: the reconciler lease (epoch {epoch}) is held by another instance now; nothing was written.");
