using Microsoft.EntityFrameworkCore;
using RescueTracker.Data;
using RescueTracker.Features.Ledger;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// Writes what the reader saw. Each method is one transaction: the transfers, the block hashes,
/// the checkpoint and any status change they cause commit together or not at all.
/// </summary>
public static class TransferLedger
{
    public const string Actor = "reconciler";

    /// <summary>Stores one scanned range and moves the checkpoint to its end.</summary>
    public static async Task<int> CommitRangeAsync(
        RescueDbContext db, ChainScanState state, ScannedRange range, long head, int confirmations, int reorgWindow,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var chainId = state.ChainId;
        var safe = head - confirmations;
        var (added, pledgesPaid) = await StoreAsync(db, chainId, range, safe, now, ct);

        // Keep the hashes of the blocks within the window of the head; older ones can no longer be checked.
        var numbers = range.Headers.Select(h => h.Number).ToList();
        await db.SeenBlocks.Where(b => b.ChainId == chainId && (numbers.Contains(b.Number) || b.Number <= range.To - reorgWindow))
            .ExecuteDeleteAsync(ct);
        db.SeenBlocks.AddRange(range.Headers.Select(h => new SeenBlock
        {
            ChainId = chainId, Number = h.Number, Hash = h.Hash.ToString(), ParentHash = h.ParentHash.ToString(),
        }));

        state.LastScannedBlock = range.To;
        state.HeadBlock = head;
        var (_, confirmedNow) = await ConfirmAsync(db, chainId, safe, ct);
        await db.SaveChangesAsync(ct);

        var affected = pledgesPaid.Concat(confirmedNow).ToHashSet();
        if (await DeliveryTracker.ApplyAsync(db, affected, Actor, now, ct) > 0) await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return added;
    }

    /// <summary>
    /// Stores one range of a recovery address's back-fill and moves that address's progress past it,
    /// in one transaction; the chain's checkpoint and kept block hashes are not touched.
    /// </summary>
    public static async Task<int> CommitBackfillAsync(
        RescueDbContext db, ChainScanState state, int recoveryAddressId, ScannedRange range, long head, int confirmations,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var (added, pledgesPaid) = await StoreAsync(db, state.ChainId, range, head - confirmations, now, ct);
        var next = range.To + 1;
        // Done once the next block is past the end: both fields go back to null.
        await db.RecoveryAddresses.Where(a => a.Id == recoveryAddressId).ExecuteUpdateAsync(u => u
            .SetProperty(a => a.BackfillFrom, a => next > a.BackfillTo ? null : (long?)next)
            .SetProperty(a => a.BackfillTo, a => next > a.BackfillTo ? null : a.BackfillTo), ct);
        if (await DeliveryTracker.ApplyAsync(db, pledgesPaid, Actor, now, ct) > 0) await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return added;
    }

    /// <summary>Brings the confirmed flags in line with the head; true when any changed.</summary>
    public static async Task<bool> CommitConfirmationsAsync(
        RescueDbContext db, ChainScanState state, long head, int confirmations, DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        state.HeadBlock = head;
        var (count, pledges) = await ConfirmAsync(db, state.ChainId, head - confirmations, ct);
        await db.SaveChangesAsync(ct);
        if (await DeliveryTracker.ApplyAsync(db, pledges, Actor, now, ct) > 0) await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return count > 0;
    }

    /// <summary>
    /// Undoes everything above the last block both we and the node agree on: its transfers are
    /// deleted, pledges they had completed go back, and those blocks will be scanned again.
    /// </summary>
    public static async Task<int> RollBackAsync(
        RescueDbContext db, ChainScanState state, long ancestor, DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var orphaned = await db.Transfers.Where(t => t.ChainId == state.ChainId && t.BlockNumber > ancestor).ToListAsync(ct);
        db.Transfers.RemoveRange(orphaned);
        await db.SeenBlocks.Where(b => b.ChainId == state.ChainId && b.Number > ancestor).ExecuteDeleteAsync(ct);
        // The scan reads everything above the ancestor again with every address, so a back-fill ends there.
        await db.RecoveryAddresses.Where(a => a.ChainId == state.ChainId && a.BackfillTo > ancestor).ExecuteUpdateAsync(u => u
            .SetProperty(a => a.BackfillFrom, a => a.BackfillFrom > ancestor ? null : a.BackfillFrom)
            .SetProperty(a => a.BackfillTo, a => a.BackfillFrom > ancestor ? null : ancestor), ct);
        state.LastScannedBlock = ancestor;
        await db.SaveChangesAsync(ct);
        var affected = orphaned.Where(t => t.PledgeId is not null).Select(t => t.PledgeId!.Value).ToHashSet();
        if (await DeliveryTracker.ApplyAsync(db, affected, Actor, now, ct) > 0) await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return orphaned.Count;
    }

    /// <summary>
    /// Keeps every transfer's confirmed flag equal to "block at or below head − confirmations", in
    /// both directions: a head that moved back (a node resync, a revert) makes transfers pending again.
    /// </summary>
    private static async Task<(int Count, List<int> Pledges)> ConfirmAsync(RescueDbContext db, long chainId, long safe, CancellationToken ct)
    {
        var flipped = await db.Transfers
            .Where(t => t.ChainId == chainId && ((!t.Confirmed && t.BlockNumber <= safe) || (t.Confirmed && t.BlockNumber > safe)))
            .ToListAsync(ct);
        foreach (var t in flipped) t.Confirmed = t.BlockNumber <= safe;
        return (flipped.Count, flipped.Where(t => t.PledgeId is not null).Select(t => t.PledgeId!.Value).Distinct().ToList());
    }

    /// <summary>
    /// Inserts a range's transfers, attributed by sender, confirmed by depth. Idempotent: a range read
    /// twice (a retry after a crash, say) adds nothing the second time.
    /// </summary>
    private static async Task<(int Added, HashSet<int> PledgesPaid)> StoreAsync(
        RescueDbContext db, long chainId, ScannedRange range, long safe, DateTimeOffset now, CancellationToken ct)
    {
        var owners = await SenderOwnersAsync(db, ct);
        var rows = range.Transfers.Select(t =>
        {
            var from = t.From.ToLowerHex();
            return new Transfer
            {
                ChainId = chainId, TxHash = t.TxHash.ToString(), Kind = t.Kind, Position = t.Position, BlockNumber = t.BlockNumber,
                BlockHash = t.BlockHash.ToString(), From = from, To = t.To.ToLowerHex(), AssetId = t.AssetId, Amount = t.Amount,
                Confirmed = t.BlockNumber <= safe, PledgeId = owners.GetValueOrDefault((from, t.AssetId)), SeenAt = now,
            };
        }).ToList();
        var result = TransferBulkInsert.Insert(db, rows);
        // The insert bypasses SaveChanges, which is what moves the figures' asOf for every other write.
        if (result.Inserted > 0) await db.Rescues.ExecuteUpdateAsync(u => u.SetProperty(r => r.UpdatedAt, now), ct);
        return result;
    }

    /// <summary>(sender, asset) → the one pledge that is not withdrawn and names that sender for that asset.</summary>
    private static async Task<Dictionary<(string, int), int?>> SenderOwnersAsync(RescueDbContext db, CancellationToken ct)
    {
        var rows = await db.PledgeSenders.AsNoTracking()
            .Join(db.Pledges.Where(p => p.Status != PledgeStatus.Withdrawn && p.AssetId != null),
                s => s.PledgeId, p => p.Id, (s, p) => new { s.Address, AssetId = p.AssetId!.Value, PledgeId = p.Id })
            .ToListAsync(ct);
        var owners = new Dictionary<(string, int), int?>();
        foreach (var row in rows.OrderBy(r => r.PledgeId)) owners.TryAdd((row.Address, row.AssetId), row.PledgeId);
        return owners;
    }
}
