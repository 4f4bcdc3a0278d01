using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace RescueTracker.Data;

public static class ReadTransactions
{
    /// <summary>
    /// One consistent snapshot for a read that lasts as long as its client takes (a download): BEGIN DEFERRED,
    /// which in WAL mode never takes the write lock. The provider's default, BEGIN IMMEDIATE, would hold every
    /// writer (the reconciler, the admin forms) off until the last row was sent. Dispose it to end the read.
    /// On PostgreSQL a reader never blocks a writer; REPEATABLE READ gives the one snapshot.
    /// </summary>
    public static async Task<DbTransaction> BeginReadTransactionAsync(this DatabaseFacade database, CancellationToken ct)
    {
        if (database.ProviderName == RescueDbContext.PostgreSqlProviderName)
            return (await database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct)).GetDbTransaction();
        await database.OpenConnectionAsync(ct);
        var transaction = ((SqliteConnection)database.GetDbConnection()).BeginTransaction(deferred: true);
        await database.UseTransactionAsync(transaction, ct);
        return transaction;
    }
}
