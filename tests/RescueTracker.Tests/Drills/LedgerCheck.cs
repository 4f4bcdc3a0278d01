using RescueTracker.Data;

namespace RescueTracker.Tests.Drills;

/// <summary>
/// The stored transfers of chain 1 against the chain's own inflows up to a block (the head once
/// caught up, the checkpoint at a crash). Each count is of transfers; all zero means the ledger is exact.
/// </summary>
internal sealed record LedgerCheck(int Stored, int Expected, int Duplicates, int Missing, int Extra, int Orphaned, int OrphanedCounted, int Mismatched)
{
    public bool Exact => Duplicates == 0 && Missing == 0 && Extra == 0 && Orphaned == 0 && Mismatched == 0 && Stored == Expected;

    /// <param name="upTo">The last block whose inflows must all be stored; nothing above it may be.</param>
    /// <param name="safe">The last block whose transfers count (head − confirmations when they were stored).</param>
    public static LedgerCheck Of(IReadOnlyList<Transfer> stored, CanonicalInflows chain, long upTo, long safe)
    {
        var expected = chain.All.Where(i => i.Block <= upTo).ToDictionary(i => i.Key);
        var keys = stored.Select(t => (t.TxHash, t.Kind, t.Position)).ToList();
        var keySet = keys.ToHashSet();
        // Not on the canonical chain at the stored block hash: a transfer a reorg took away.
        var orphaned = stored.Where(t => chain.HashOf(t.BlockNumber) != t.BlockHash).ToList();
        return new LedgerCheck(
            Stored: stored.Count,
            Expected: expected.Count,
            Duplicates: keys.Count - keySet.Count,
            Missing: expected.Keys.Count(k => !keySet.Contains(k)),
            Extra: keys.Count(k => !expected.ContainsKey(k)),
            Orphaned: orphaned.Count,
            OrphanedCounted: orphaned.Count(t => t.Confirmed),
            Mismatched: stored.Count(t => expected.TryGetValue((t.TxHash, t.Kind, t.Position), out var i)
                                                 && (t.BlockNumber != i.Block || t.BlockHash != i.BlockHash || t.Amount != i.Amount
                                                     || t.From != i.From || t.Confirmed != (i.Block <= safe))));
    }

    public override string ToString() =>
        $"{Stored} stored, {Expected} on chain: {Duplicates} duplicates, {Missing} missing, {Extra} extra, "
        + $"{Orphaned} orphaned ({OrphanedCounted} counted), {Mismatched} with a wrong block, amount, sender or confirmation";
}
