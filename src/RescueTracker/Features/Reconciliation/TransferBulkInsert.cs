using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// Inserts a range's transfers with one prepared statement inside the caller's transaction, in the engine's
/// own fastest way (<see cref="SqliteTransferInsert"/>, <see cref="PostgreSqlTransferInsert"/>). The values
/// are written exactly as the EF model stores them, and the unique key makes the insert idempotent: a row
/// already stored is skipped, not doubled.
/// </summary>
internal abstract class TransferBulkInsert(long safe, IReadOnlyDictionary<(EthAddress, int), int> owners) : IDisposable
{
    /// <summary>How many rows were inserted, and the pledges that received newly stored confirmed transfers.</summary>
    public int Inserted { get; private set; }
    public HashSet<int> PledgesPaid { get; } = [];

    /// <param name="safe">Transfers at or below this block are stored as confirmed.</param>
    /// <param name="owners">(sender, asset) → the pledge such a transfer counts for.</param>
    public static TransferBulkInsert Prepare(RescueDbContext db, long chainId, long safe, IReadOnlyDictionary<(EthAddress, int), int> owners, DateTimeOffset seenAt)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Transfers are inserted only inside the range's transaction.");
        return db.OnPostgreSql
            ? PostgreSqlTransferInsert.Open(db, chainId, safe, owners, seenAt)
            : SqliteTransferInsert.Open(db, chainId, safe, owners, seenAt);
    }

    /// <summary>Inserts the row unless it is stored already; true when it was new.</summary>
    public bool Insert(ObservedTransfer t)
    {
        var confirmed = t.BlockNumber <= safe;
        int? pledge = owners.TryGetValue((t.From, t.AssetId), out var owner) ? owner : null;
        if (!Write(t, confirmed, pledge)) return false;
        Inserted++;
        if (confirmed && pledge is { } paid) PledgesPaid.Add(paid);
        return true;
    }

    /// <summary>Back to an earlier count, after the rows since were rolled back.</summary>
    public void Forget(int inserted, HashSet<int> pledgesPaid)
    {
        Inserted = inserted;
        PledgesPaid.IntersectWith(pledgesPaid);
    }

    /// <summary>Writes the row unless its key is stored already; true when it was new.</summary>
    protected abstract bool Write(ObservedTransfer t, bool confirmed, int? pledge);

    public abstract void Dispose();
}
