using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RescueTracker.Data;

#nullable disable

namespace RescueTracker.Migrations;

/// <summary>The reconciler's bookkeeping: per-chain scan checkpoints and the recent block hashes it re-checks.</summary>
[DbContext(typeof(RescueDbContext))]
[Migration("20260501000000_ChainScan")]
public partial class ChainScan : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ChainScanStates",
            columns: table => new
            {
                ChainId = table.Column<long>(type: "INTEGER", nullable: false),
                StartBlock = table.Column<long>(type: "INTEGER", nullable: false),
                LastScannedBlock = table.Column<long>(type: "INTEGER", nullable: true),
                HeadBlock = table.Column<long>(type: "INTEGER", nullable: true),
                ChainIdVerified = table.Column<bool>(type: "INTEGER", nullable: false),
                TracesSupported = table.Column<bool>(type: "INTEGER", nullable: true),
                Halted = table.Column<bool>(type: "INTEGER", nullable: false),
                RescanRequested = table.Column<bool>(type: "INTEGER", nullable: false),
                LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                LastErrorAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                LastPolledAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ChainScanStates", x => x.ChainId);
                table.ForeignKey("FK_ChainScanStates_Chains_ChainId", x => x.ChainId, "Chains", "ChainId", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "SeenBlocks",
            columns: table => new
            {
                ChainId = table.Column<long>(type: "INTEGER", nullable: false),
                Number = table.Column<long>(type: "INTEGER", nullable: false),
                Hash = table.Column<string>(type: "TEXT", maxLength: 66, nullable: false),
                ParentHash = table.Column<string>(type: "TEXT", maxLength: 66, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SeenBlocks", x => new { x.ChainId, x.Number });
                table.ForeignKey("FK_SeenBlocks_Chains_ChainId", x => x.ChainId, "Chains", "ChainId", onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("SeenBlocks");
        migrationBuilder.DropTable("ChainScanStates");
    }
}
