using RescueTracker.Chain;
using RescueTracker.Data;

namespace RescueTracker.Features.Reconciliation;

/// <summary>
/// Inserts a range's transfers inside the caller's transaction, in the engine's own fastest way
/// (<see cref="SqliteTransferInsert"/>, <see cref="PostgreSqlTransferInsert"/>). The values are written exactly as
/// the EF model stores them, and the unique key makes the insert idempotent: a row already stored is skipped, not
/// doubled.
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

    /// <summary>Inserts the transfers that are not stored already; every one is written when this returns.</summary>
    public void InsertAll(IReadOnlyList<ObservedTransfer> transfers)
    {
        if (transfers.Count > 0) Write(transfers);
    }

    /// <summary>Whether the transfer is stored as confirmed: at or below the safe block.</summary>
    protected bool IsConfirmed(ObservedTransfer t) => t.BlockNumber <= safe;

    /// <summary>The pledge the transfer counts for, by its sender and asset, or null.</summary>
    protected int? PledgeOf(ObservedTransfer t) => owners.TryGetValue((t.From, t.AssetId), out var owner) ? owner : null;

    /// <summary>Counts a row the engine reports as newly stored.</summary>
    protected void Stored(bool confirmed, int? pledge)
    {
        Inserted++;
        if (confirmed && pledge is { } paid) PledgesPaid.Add(paid);
    }

    /// <summary>Back to an earlier count, after the rows since were rolled back.</summary>
    public void Forget(int inserted, HashSet<int> pledgesPaid)
    {
        Inserted = inserted;
        PledgesPaid.IntersectWith(pledgesPaid);
    }

    /// <summary>Writes each row whose key is not stored already, calling <see cref="Stored"/> for each one written.</summary>
    protected abstract void Write(IReadOnlyList<ObservedTransfer> transfers);

    public abstract void Dispose();
}
