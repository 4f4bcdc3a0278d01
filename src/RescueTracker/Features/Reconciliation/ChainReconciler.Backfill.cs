using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.Reconciliation;

public sealed partial class ChainReconciler
{
    /// <summary>
    /// Recovery addresses added since the last poll join the scan here, before the watch is read: from
    /// the checkpoint on, every range includes them; the blocks below it are theirs to back-fill. Only
    /// this reconciler moves the checkpoint, so the two never leave a gap between them.
    /// </summary>
    private async Task PickUpNewAddressesAsync(RescueDbContext db, LeaseHold hold, ChainScanState state, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await hold.CheckAsync(db, ct);
        var added = db.RecoveryAddresses.Where(a => a.ChainId == chainId && a.BackfillFrom != null && a.BackfillTo == null);
        var checkpoint = state.LastScannedBlock;
        var count = checkpoint is { } c && c >= state.StartBlock
            ? await added.ExecuteUpdateAsync(u => u.SetProperty(a => a.BackfillFrom, state.StartBlock).SetProperty(a => a.BackfillTo, c), ct)
            : await added.ExecuteUpdateAsync(u => u.SetProperty(a => a.BackfillFrom, (long?)null), ct);
        await tx.CommitAsync(ct);
        if (count > 0 && checkpoint is not null)
            logger.LogInformation("Chain {ChainId}: {Count} new recovery address(es); reading their history from block {Start} to {Checkpoint}",
                chainId, count, state.StartBlock, checkpoint);
    }

    /// <summary>
    /// Reads the history of addresses added after the scan began, one address and one range at a
    /// time, each range stored with the address's own progress; the chain's checkpoint and the other
    /// addresses are left alone. A poll reads at most <c>BackfillRangesPerPoll</c> ranges, so new
    /// blocks are not held up for long by a long back-fill.
    /// </summary>
    /// <returns>True when anything was stored.</returns>
    private async Task<bool> BackfillAsync(RescueDbContext db, LeaseHold hold, ChainScanState state, ChainWatch watch, bool useTraces, long head, CancellationToken ct)
    {
        var stored = false;
        var figuresRefresh = new FiguresRefresh(figures, ct);
        try
        {
            for (var ranges = 0; ranges < settings.BackfillRangesPerPoll; ranges++)
            {
                if (!await BackfillNextRangeAsync(db, hold, state, watch, useTraces, head, ct)) break;
                stored = true;
                await figuresRefresh.AfterCommitAsync();
            }
        }
        finally
        {
            // Whatever was committed before a failure is in the figures before the poll reports it.
            await figuresRefresh.FinishAsync();
        }
        return stored;
    }

    /// <returns>False when no address has history left to read.</returns>
    private async Task<bool> BackfillNextRangeAsync(RescueDbContext db, LeaseHold hold, ChainScanState state, ChainWatch watch, bool useTraces, long head, CancellationToken ct)
    {
        var address = await db.RecoveryAddresses.AsNoTracking()
            .Where(a => a.ChainId == chainId && a.BackfillFrom != null && a.BackfillTo != null)
            .OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
        if (address is null) return false;
        var from = address.BackfillFrom!.Value;
        var to = Math.Min(address.BackfillTo!.Value, from + settings.MaxLogRange - 1);
        var only = watch with { RecoveryAddresses = [EthAddress.Parse(address.Address)] };
        var range = await reader.ReadAsync(only, from, to, useTraces, keepHeadersFrom: long.MaxValue, ct);
        await EnsureOnKeptBlocksAsync(db, range, ct);
        var added = await TransferLedger.CommitBackfillAsync(db, hold, state, address.Id, range, head, settings.Confirmations, clock.GetUtcNow(), ct);
        db.ChangeTracker.Clear();
        db.Attach(state);
        metrics.TransfersStored(chainId, added);
        logger.LogInformation("Chain {ChainId}: back-filled {Address} over blocks {From}..{To} of {End}, {Added} new transfers",
            chainId, address.Address, range.From, range.To, address.BackfillTo, added);
        return true;
    }

    /// <summary>A back-fill range near the head must come from the blocks whose hashes are kept, or the chain moved under it.</summary>
    private async Task EnsureOnKeptBlocksAsync(RescueDbContext db, ScannedRange range, CancellationToken ct)
    {
        var numbers = range.Transfers.Select(t => t.BlockNumber).Distinct().ToList();
        var kept = await db.SeenBlocks.AsNoTracking().Where(b => b.ChainId == chainId && numbers.Contains(b.Number))
            .ToDictionaryAsync(b => b.Number, b => b.Hash, ct);
        foreach (var transfer in range.Transfers)
        {
            if (kept.TryGetValue(transfer.BlockNumber, out var hash) && Hash32.Parse(hash) != transfer.BlockHash)
                throw new ReorgDetectedException(chainId, transfer.BlockNumber, "a back-filled transfer was read from another version of the block");
        }
    }
}
