using Microsoft.EntityFrameworkCore;
using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.Reconciliation;

public sealed partial class ChainReconciler
{
    /// <summary>
    /// Compares the kept hashes of recent blocks with the node's, newest first. The newest one
    /// matching is the common ancestor: everything above it is rolled back and read again. No match
    /// in the whole window means a reorganisation deeper than the window: ingestion stops.
    /// </summary>
    /// <returns>True when the chain was halted.</returns>
    private async Task<bool> CheckForReorgAsync(RescueDbContext db, LeaseHold hold, ChainScanState state, long head, CancellationToken ct)
    {
        var seen = await db.SeenBlocks.AsNoTracking().Where(b => b.ChainId == chainId).OrderByDescending(b => b.Number).ToListAsync(ct);
        long? ancestor = null;
        foreach (var block in seen)
        {
            // Blocks above a head that went backwards are orphaned by definition.
            if (block.Number > head) continue;
            var live = await reader.GetHeaderAsync(block.Number, ct);
            if (live is not null && live.Hash == Hash32.Parse(block.Hash))
            {
                ancestor = block.Number;
                break;
            }
        }

        var scannedTo = state.LastScannedBlock;
        if (ancestor is null && (seen.Count > 0 || scannedTo > head))
        {
            var oldest = seen.Count > 0 ? seen[^1].Number : scannedTo;
            state.Halted = true;
            state.LastError = $"Reorganisation deeper than the reorg window ({settings.ReorgWindow} blocks): none of the kept blocks "
                              + $"from {oldest} to {scannedTo} is on the node's chain any more. Ingestion for chain {chainId} is stopped; "
                              + "check the node, then restart from a clean checkpoint.";
            state.LastErrorAt = clock.GetUtcNow();
            await SaveFencedAsync(db, hold, ct);
            logger.LogError("Chain {ChainId}: {Error}", chainId, state.LastError);
            return true;
        }
        if (ancestor is { } a && a < scannedTo)
        {
            var removed = await TransferLedger.RollBackAsync(db, hold, state, a, clock.GetUtcNow(), ct);
            logger.LogWarning("Chain {ChainId}: reorganisation above block {Ancestor}; blocks {From}..{To} will be read again, {Removed} transfers removed",
                chainId, a, a + 1, scannedTo, removed);
            await figures.RefreshAsync(ct);
        }
        return false;
    }

    /// <summary>
    /// A range is stored only if it joins the kept chain and its transfers come from the blocks whose
    /// hashes are kept; otherwise the node switched forks while it was being read.
    /// </summary>
    /// <param name="streamed">The block hash the range's streamed (already inserted) transfers were read from, per block.</param>
    private async Task EnsureConsistentAsync(RescueDbContext db, ScannedRange range, IReadOnlyDictionary<long, Hash32> streamed, CancellationToken ct)
    {
        var headers = range.Headers.ToDictionary(h => h.Number);
        foreach (var header in range.Headers)
        {
            Hash32? parent = headers.TryGetValue(header.Number - 1, out var previous) ? previous.Hash : null;
            if (parent is null)
            {
                var number = header.Number - 1;
                var kept = await db.SeenBlocks.AsNoTracking().Where(b => b.ChainId == chainId && b.Number == number)
                    .Select(b => b.Hash).FirstOrDefaultAsync(ct);
                if (kept is not null) parent = Hash32.Parse(kept);
            }
            if (parent is { } p && p != header.ParentHash)
                throw new ReorgDetectedException(chainId, header.Number, "its parent is not the block read before it");
        }
        foreach (var (number, hash) in range.Transfers.Select(t => (t.BlockNumber, t.BlockHash)).Concat(streamed.Select(s => (s.Key, s.Value))))
        {
            if (headers.TryGetValue(number, out var header) && header.Hash != hash)
                throw new ReorgDetectedException(chainId, number, "a transfer was read from another version of the block");
        }
    }
}
