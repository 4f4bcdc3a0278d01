using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace RescueTracker.Data;

/// <summary>
/// Before dotnet-ef made them, the SQLite migrations were written by hand; the generated baseline creates the schema
/// those seven made, in one step. A database they made is taken over at start-up: checked to have exactly the
/// baseline's schema, and its history rewritten to the baseline's one id, in one transaction, so the later migrations
/// apply to it as to any other. Its rows are not touched. A database that stopped part-way through the seven (an
/// older release) is refused rather than guessed at: the data step of 20261201120000_RecoveryBackfill, for one,
/// has no equivalent in the baseline, which a fresh database does not need.
/// </summary>
internal static class HandWrittenMigrations
{
    /// <summary>The hand-written migrations' ids, in the order they were applied.</summary>
    public static readonly IReadOnlyList<string> Ids =
    [
        "20260425000000_Initial",
        "20260501000000_ChainScan",
        "20260601000000_Admin",
        "20261201000000_PartialTransferIndexes",
        "20261201120000_RecoveryBackfill",
        "20261202000000_FigureRevisions",
        "20261202060000_AdminSessions",
    ];

    /// <summary>The generated migration that stands for all of them.</summary>
    public const string Baseline = "20261202130846_Baseline";

    public static async Task AdoptAsync(RescueDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return;
        var history = db.GetService<IHistoryRepository>();
        if (!await history.ExistsAsync(ct)) return;
        var applied = (await history.GetAppliedMigrationsAsync(ct)).Select(r => r.MigrationId).ToList();
        if (!applied.Intersect(Ids).Any()) return;
        if (!applied.SequenceEqual(Ids))
        {
            throw new InvalidOperationException(
                $"The database's migration history ({string.Join(", ", applied)}) stops part-way through the hand-written "
                + $"migrations; only a database at {Ids[^1]} is taken over. Start the release before this one on it once, then this one.");
        }

        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // BEGIN IMMEDIATE: nobody writes between the check and the new history.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            var differences = await DifferencesFromBaselineAsync(connection, ct);
            if (differences.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The database's history says {Ids[^1]}, but its schema is not the one those migrations made, so it is not taken over. "
                    + "Lines that differ (- the baseline's, + this database's):" + Environment.NewLine + string.Join(Environment.NewLine, differences));
            }
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
                command.CommandText = string.Concat(Ids.Select(history.GetDeleteScript))
                    + history.GetInsertScript(new HistoryRow(Baseline, ProductInfo.GetVersion()));
                await command.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        db.GetService<ILoggerFactory>().CreateLogger("RescueTracker.Data").LogInformation(
            "Took over {Database} from the hand-written migrations: its history is now {Baseline}", db.DatabaseFile(), Baseline);
    }

    /// <summary>The lines in which this schema and the baseline's, made now in memory, differ.</summary>
    private static async Task<List<string>> DifferencesFromBaselineAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var memory = new SqliteConnection("Data Source=:memory:");
        await memory.OpenAsync(ct);
        await using (var baseline = new RescueDbContext(new DbContextOptionsBuilder<RescueDbContext>().UseRescueSqlite(memory).Options))
        {
            await baseline.GetService<IMigrator>().MigrateAsync(Baseline, cancellationToken: ct);
        }
        var expected = await SqliteSchemaDescription.DescribeAsync(memory, ct);
        var actual = await SqliteSchemaDescription.DescribeAsync(connection, ct);
        return [.. expected.Except(actual).Select(l => "- " + l), .. actual.Except(expected).Select(l => "+ " + l)];
    }
}
