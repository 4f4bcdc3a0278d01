using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RescueTracker.Data;

#nullable disable

namespace RescueTracker.Migrations;

/// <summary>
/// A recovery address added later reads only its own history (a back-fill range per address)
/// instead of the whole chain being read again from the start block.
/// </summary>
[DbContext(typeof(RescueDbContext))]
[Migration("20261201120000_RecoveryBackfill")]
public partial class RecoveryBackfill : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>("BackfillFrom", "RecoveryAddresses", type: "INTEGER", nullable: true);
        migrationBuilder.AddColumn<long>("BackfillTo", "RecoveryAddresses", type: "INTEGER", nullable: true);
        // A rescan asked for before this upgrade did not say which address was new: each address of
        // that chain reads the history below the checkpoint again (storing is idempotent).
        migrationBuilder.Sql("""
            UPDATE "RecoveryAddresses"
            SET "BackfillFrom" = (SELECT s."StartBlock" FROM "ChainScanStates" s WHERE s."ChainId" = "RecoveryAddresses"."ChainId"),
                "BackfillTo" = (SELECT s."LastScannedBlock" FROM "ChainScanStates" s WHERE s."ChainId" = "RecoveryAddresses"."ChainId")
            WHERE "ChainId" IN (SELECT "ChainId" FROM "ChainScanStates" WHERE "RescanRequested" = 1 AND "LastScannedBlock" IS NOT NULL);
            """);
        // SQLite drops a column itself (3.35 and later); EF would need a model snapshot to rebuild the table.
        migrationBuilder.Sql("""ALTER TABLE "ChainScanStates" DROP COLUMN "RescanRequested";""");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>("RescanRequested", "ChainScanStates", type: "INTEGER", nullable: false, defaultValue: false);
        migrationBuilder.Sql("""
            UPDATE "ChainScanStates" SET "RescanRequested" = 1
            WHERE "ChainId" IN (SELECT "ChainId" FROM "RecoveryAddresses" WHERE "BackfillTo" IS NOT NULL);
            """);
        migrationBuilder.Sql("""ALTER TABLE "RecoveryAddresses" DROP COLUMN "BackfillTo";""");
        migrationBuilder.Sql("""ALTER TABLE "RecoveryAddresses" DROP COLUMN "BackfillFrom";""");
    }
}
