using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using RescueTracker.Chain;
using RescueTracker.Data;
using RescueTracker.Features.Ledger;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// Writes what the reader saw. Each method is one transaction: the transfers, the block hashes,
/// the checkpoint and any status change they cause commit together or not at all, each first
/// checking that this instance still holds the chain's lease, and each giving the
/// <see cref="DataVersion"/> a new stamp when the figures may change.
/// </summary>
public static class TransferLedger
{
    public const string Actor = "reconciler";

    /// <summary>
    /// Stores one range as it is read and moves the checkpoint to its end. Token transfers are
    /// inserted while the node's reply still arrives; the range's headers, native transfers and the
    /// consistency check follow once the read is done, and a read that fails undoes everything.
    /// </summary>
    /// <param name="ensureConsistent">Throws when the range, or the blocks the streamed transfers came from, left the kept chain.</param>
    public static async Task<int> CommitRangeAsync(
        RescueDbContext db, LeaseHold lease, ChainScanState state, RangeRead read, Func<ScannedRange, IReadOnlyDictionary<long, Hash32>, Task> ensureConsistent,
        long head, int confirmations, int reorgWindow, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await lease.CheckAsync(db, ct);
            var chainId = state.ChainId;
            var safe = head - confirmations;
            using var insert = TransferBulkInsert.Prepare(db, chainId, safe, await SenderOwnersAsync(db, ct), now);
            var streamed = await StoreStreamAsync(tx, chainId, read.Stream, insert, ct);
            var range = await read.Completion;
            await ensureConsistent(range, streamed);
            insert.InsertAll(range.Transfers);
            var (added, pledgesPaid) = (insert.Inserted, insert.PledgesPaid);
            // The insert bypasses SaveChanges, which is what moves the figures' asOf for every other write.
            if (added > 0) await db.Rescues.ExecuteUpdateAsync(u => u.SetProperty(r => r.UpdatedAt, now), ct);
            // The checked-up-to block moves with every range, transfers or not.
            await db.StampDataVersionAsync(ct);

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
        catch
        {
            await read.AbandonAsync();
            throw;
        }
    }

    /// <summary>
    /// Inserts the streamed token transfers, each request's under a savepoint that a failed request
    /// rolls back. Returns the block hash the kept rows were read from, per block.
    /// </summary>
    private static async Task<Dictionary<long, Hash32>> StoreStreamAsync(
        IDbContextTransaction tx, long chainId, TransferStream stream, TransferBulkInsert insert, CancellationToken ct)
    {
        const string Savepoint = "attempt";
        var blocks = new Dictionary<long, Hash32>();
        var attempt = new Dictionary<long, Hash32>();
        var (inserted, paid) = (0, new HashSet<int>());
        await foreach (var item in stream.Reader.ReadAllAsync(ct))
        {
            switch (item.Mark)
            {
                case TransferStream.Mark.Begin:
                    await tx.CreateSavepointAsync(Savepoint, ct);
                    attempt.Clear();
                    (inserted, paid) = (insert.Inserted, insert.PledgesPaid.ToHashSet());
                    break;
                case TransferStream.Mark.Rows:
                    foreach (var row in item.Rows!)
                    {
                        if (!attempt.TryAdd(row.BlockNumber, row.BlockHash) && attempt[row.BlockNumber] != row.BlockHash)
                            throw new ReorgDetectedException(chainId, row.BlockNumber, "one reply holds two versions of the block");
                    }
                    insert.InsertAll(item.Rows);
                    break;
                case TransferStream.Mark.Succeeded:
                    await tx.ReleaseSavepointAsync(Savepoint, ct);
                    foreach (var (number, hash) in attempt)
                    {
                        if (!blocks.TryAdd(number, hash) && blocks[number] != hash)
                            throw new ReorgDetectedException(chainId, number, "two replies hold different versions of the block");
                    }
                    break;
                case TransferStream.Mark.Failed:
                    await tx.RollbackToSavepointAsync(Savepoint, ct);
                    await tx.ReleaseSavepointAsync(Savepoint, ct);
                    insert.Forget(inserted, paid);
                    break;
            }
        }
        return blocks;
    }

    /// <summary>
    /// Stores one range of a recovery address's back-fill and moves that address's progress past it,
    /// in one transaction; the chain's checkpoint and kept block hashes are not touched.
    /// </summary>
    public static async Task<int> CommitBackfillAsync(
        RescueDbContext db, LeaseHold lease, ChainScanState state, int recoveryAddressId, ScannedRange range, long head, int confirmations,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await lease.CheckAsync(db, ct);
        using var insert = TransferBulkInsert.Prepare(db, state.ChainId, head - confirmations, await SenderOwnersAsync(db, ct), now);
        insert.InsertAll(range.Transfers);
        // The insert bypasses SaveChanges, which is what moves the figures' asOf for every other write.
        if (insert.Inserted > 0)
        {
            await db.Rescues.ExecuteUpdateAsync(u => u.SetProperty(r => r.UpdatedAt, now), ct);
            await db.StampDataVersionAsync(ct);
        }
        var next = range.To + 1;
        // Done once the next block is past the end: both fields go back to null.
        await db.RecoveryAddresses.Where(a => a.Id == recoveryAddressId).ExecuteUpdateAsync(u => u
            .SetProperty(a => a.BackfillFrom, a => next > a.BackfillTo ? null : (long?)next)
            .SetProperty(a => a.BackfillTo, a => next > a.BackfillTo ? null : a.BackfillTo), ct);
        if (await DeliveryTracker.ApplyAsync(db, insert.PledgesPaid, Actor, now, ct) > 0) await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return insert.Inserted;
    }

    /// <summary>Brings the confirmed flags in line with the head; true when any changed.</summary>
    public static async Task<bool> CommitConfirmationsAsync(
        RescueDbContext db, LeaseHold lease, ChainScanState state, long head, int confirmations, DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await lease.CheckAsync(db, ct);
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
        RescueDbContext db, LeaseHold lease, ChainScanState state, long ancestor, DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await lease.CheckAsync(db, ct);
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
        // Two queries, not one with OR: each is a short range of an index (pending rows through the
        // partial IX_Transfers_Pending, recent blocks through IX_Transfers_ChainId_BlockNumber),
        // where the OR read every transfer on every range of a catch-up.
        var flipped = await db.Transfers.Where(t => t.ChainId == chainId && !t.Confirmed && t.BlockNumber <= safe).ToListAsync(ct);
        flipped.AddRange(await db.Transfers.Where(t => t.ChainId == chainId && t.Confirmed && t.BlockNumber > safe).ToListAsync(ct));
        foreach (var t in flipped) t.Confirmed = t.BlockNumber <= safe;
        return (flipped.Count, flipped.Where(t => t.PledgeId is not null).Select(t => t.PledgeId!.Value).Distinct().ToList());
    }

    /// <summary>(sender, asset) → the one pledge that is not withdrawn and names that sender for that asset.</summary>
    private static async Task<Dictionary<(EthAddress, int), int>> SenderOwnersAsync(RescueDbContext db, CancellationToken ct)
    {
        var rows = await db.PledgeSenders.AsNoTracking()
            .Join(db.Pledges.Where(p => p.Status != PledgeStatus.Withdrawn && p.AssetId != null),
                s => s.PledgeId, p => p.Id, (s, p) => new { s.Address, AssetId = p.AssetId!.Value, PledgeId = p.Id })
            .ToListAsync(ct);
        var owners = new Dictionary<(EthAddress, int), int>();
        foreach (var row in rows.OrderBy(r => r.PledgeId)) owners.TryAdd((EthAddress.Parse(row.Address), row.AssetId), row.PledgeId);
        return owners;
    }
}
