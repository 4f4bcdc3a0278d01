using Microsoft.EntityFrameworkCore;

namespace RescueTracker.Data;

/// <summary>
/// The schema on PostgreSQL. Until the PostgreSQL migrations project exists the schema is made from the model
/// (once, on an empty database), followed by what the model cannot say: the audit trail's protection.
/// </summary>
internal static class PostgreSqlSchema
{
    /// <summary>
    /// The audit trail is append-only, enforced by the database itself as on SQLite: an UPDATE or DELETE of an
    /// audit row, from any code path or hand-written SQL, raises an error and changes nothing.
    /// </summary>
    public const string AuditProtection = """
        CREATE FUNCTION "AuditEntries_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit entries are append-only: % refused', lower(TG_OP) USING ERRCODE = 'restrict_violation';
        END;
        $$;
        CREATE TRIGGER "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries"
            FOR EACH ROW EXECUTE FUNCTION "AuditEntries_append_only"();
        CREATE TRIGGER "AuditEntries_no_delete" BEFORE DELETE ON "AuditEntries"
            FOR EACH ROW EXECUTE FUNCTION "AuditEntries_append_only"();
        CREATE TRIGGER "AuditEntries_no_truncate" BEFORE TRUNCATE ON "AuditEntries"
            FOR EACH STATEMENT EXECUTE FUNCTION "AuditEntries_append_only"();
        """;

    public static async Task MigrateAsync(RescueDbContext db, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // One creator at a time; the lock goes with the transaction, or with the session if the process dies.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(7411900001)", ct);
        var exists = await db.Database.SqlQueryRaw<bool>(
            """SELECT EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'Rescues') AS "Value" """)
            .SingleAsync(ct);
        if (!exists)
        {
            await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript(), ct);
            await db.Database.ExecuteSqlRawAsync(AuditProtection, ct);
        }
        await tx.CommitAsync(ct);
    }
}
