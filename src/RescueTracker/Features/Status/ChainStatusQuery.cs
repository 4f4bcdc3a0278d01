using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RescueTracker.Data;
using RescueTracker.Features.Chains;

namespace RescueTracker.Features.Status;

/// <summary>
/// Every chain in the data and every configured chain id, with the reconciler's progress. A singleton
/// (it holds no state): each read opens its own context.
/// </summary>
public sealed class ChainStatusQuery(IDbContextFactory<RescueDbContext> dbFactory, IOptions<ChainsOptions> options)
{
    public async Task<IReadOnlyList<ChainStatus>> GetAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var known = await db.Chains.AsNoTracking()
            .Select(c => new { c.ChainId, c.Name, Addresses = c.RecoveryAddresses.Count })
            .ToListAsync(ct);
        var states = await db.ChainScanStates.AsNoTracking().ToDictionaryAsync(s => s.ChainId, ct);
        var leases = await db.ReconcilerLeases.AsNoTracking().ToDictionaryAsync(l => l.ChainId, ct);
        var backfills = (await db.RecoveryAddresses.AsNoTracking().Where(a => a.BackfillFrom != null)
                .OrderBy(a => a.Id).Select(a => new { a.ChainId, a.Address, a.BackfillFrom, a.BackfillTo }).ToListAsync(ct))
            .ToLookup(a => a.ChainId, a => new AddressBackfill(a.Address, a.BackfillFrom!.Value, a.BackfillTo));

        var rows = known.Select(c => Build(c.ChainId, c.Name, c.Addresses, states.GetValueOrDefault(c.ChainId), [.. backfills[c.ChainId]])
                with { Reconciler = Holder(leases.GetValueOrDefault(c.ChainId)) })
            .Concat(options.Value.Keys.Where(id => known.All(c => c.ChainId != id)).Select(id => Build(id, null, 0, null, [])));
        return rows.OrderBy(r => r.ChainId).ToList();
    }

    private static ReconcilerHolder? Holder(ReconcilerLease? lease) => lease is null
        ? null
        : new ReconcilerHolder(lease.Holder, lease.Epoch, DateTimeOffset.FromUnixTimeMilliseconds(lease.AcquiredAt),
            DateTimeOffset.FromUnixTimeMilliseconds(lease.ExpiresAt));

    private ChainStatus Build(long chainId, string? name, int recoveryAddresses, ChainScanState? state, IReadOnlyList<AddressBackfill> backfills)
    {
        var settings = options.Value.GetValueOrDefault(chainId);
        // A chain with no settings was never given a depth; the defaults are what its rows were judged by.
        var effective = settings ?? new ChainSettings();
        var start = state?.StartBlock ?? effective.StartBlock;
        return new ChainStatus(
            chainId,
            name,
            Configured: settings?.RpcUrl is not null,
            ChainIdVerified: state?.ChainIdVerified ?? false,
            StartBlock: start,
            HeadBlock: state?.HeadBlock,
            LastConfirmedBlock: ChainProgress.LastConfirmedBlock(start, state?.LastScannedBlock, state?.HeadBlock, effective.Confirmations),
            LastScannedBlock: state?.LastScannedBlock,
            LagBlocks: ChainProgress.Lag(start, state?.LastScannedBlock, state?.HeadBlock),
            ProgressPercent: ChainProgress.Percent(start, state?.LastScannedBlock, state?.HeadBlock),
            TracesSupported: state?.TracesSupported,
            TracesSwitchedOff: settings is { UseTraces: false },
            Halted: state?.Halted ?? false,
            LastError: state?.LastError,
            LastErrorAt: state?.LastErrorAt,
            LastPolledAt: state?.LastPolledAt,
            RecoveryAddresses: recoveryAddresses,
            Confirmations: settings?.Confirmations,
            ReorgWindow: settings?.ReorgWindow,
            Backfills: backfills);
    }
}
