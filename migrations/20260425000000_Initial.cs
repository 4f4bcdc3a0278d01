using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RescueTracker.Data;

#nullable disable

namespace RescueTracker.Migrations;

/// <summary>The ledger: rescue, chains and recovery addresses, assets and rates, shortfall, pledges, transfers.</summary>
[DbContext(typeof(RescueDbContext))]
[Migration("20260425000000_Initial")]
public partial class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Chains",
            columns: table => new
            {
                ChainId = table.Column<long>(type: "INTEGER", nullable: false),
                Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Chains", x => x.ChainId));

        migrationBuilder.CreateTable(
            name: "Pledgers",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Pledgers", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Rescues",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Description = table.Column<string>(type: "TEXT", nullable: true),
                SnapshotDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                SeededAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Rescues", x => x.Id));

        migrationBuilder.CreateTable(
            name: "Assets",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                Symbol = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                ChainId = table.Column<long>(type: "INTEGER", nullable: false),
                Contract = table.Column<string>(type: "TEXT", maxLength: 42, nullable: true),
                Decimals = table.Column<int>(type: "INTEGER", nullable: false),
                EthRate = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Tolerance = table.Column<string>(type: "TEXT", nullable: false),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Assets", x => x.Id);
                table.ForeignKey("FK_Assets_Chains_ChainId", x => x.ChainId, "Chains", "ChainId", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "RecoveryAddresses",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ChainId = table.Column<long>(type: "INTEGER", nullable: false),
                Address = table.Column<string>(type: "TEXT", maxLength: 42, nullable: false),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_RecoveryAddresses", x => x.Id);
                table.ForeignKey("FK_RecoveryAddresses_Chains_ChainId", x => x.ChainId, "Chains", "ChainId", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AssetRates",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                AssetId = table.Column<int>(type: "INTEGER", nullable: false),
                EthRate = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                EffectiveAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                Source = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AssetRates", x => x.Id);
                table.ForeignKey("FK_AssetRates_Assets_AssetId", x => x.AssetId, "Assets", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Pledges",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                PledgerId = table.Column<int>(type: "INTEGER", nullable: false),
                AssetId = table.Column<int>(type: "INTEGER", nullable: true),
                Amount = table.Column<string>(type: "TEXT", nullable: true),
                Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                Terms = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                TermsNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                GovernanceUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                Source = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                Announced = table.Column<DateOnly>(type: "TEXT", nullable: true),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Pledges", x => x.Id);
                table.ForeignKey("FK_Pledges_Assets_AssetId", x => x.AssetId, "Assets", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Pledges_Pledgers_PledgerId", x => x.PledgerId, "Pledgers", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ShortfallItems",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                Amount = table.Column<string>(type: "TEXT", nullable: false),
                AssetId = table.Column<int>(type: "INTEGER", nullable: false),
                Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                Source = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ShortfallItems", x => x.Id);
                table.ForeignKey("FK_ShortfallItems_Assets_AssetId", x => x.AssetId, "Assets", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "OffchainDeliveries",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                PledgeId = table.Column<int>(type: "INTEGER", nullable: false),
                Amount = table.Column<string>(type: "TEXT", nullable: false),
                EvidenceUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OffchainDeliveries", x => x.Id);
                table.ForeignKey("FK_OffchainDeliveries_Pledges_PledgeId", x => x.PledgeId, "Pledges", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PledgeSenders",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                PledgeId = table.Column<int>(type: "INTEGER", nullable: false),
                Address = table.Column<string>(type: "TEXT", maxLength: 42, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PledgeSenders", x => x.Id);
                table.ForeignKey("FK_PledgeSenders_Pledges_PledgeId", x => x.PledgeId, "Pledges", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "PledgeStatusChanges",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                PledgeId = table.Column<int>(type: "INTEGER", nullable: false),
                From = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                To = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                Source = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                Actor = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                Evidence = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PledgeStatusChanges", x => x.Id);
                table.ForeignKey("FK_PledgeStatusChanges_Pledges_PledgeId", x => x.PledgeId, "Pledges", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "Transfers",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                ChainId = table.Column<long>(type: "INTEGER", nullable: false),
                TxHash = table.Column<string>(type: "TEXT", maxLength: 66, nullable: false),
                Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                Position = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                BlockNumber = table.Column<long>(type: "INTEGER", nullable: false),
                BlockHash = table.Column<string>(type: "TEXT", maxLength: 66, nullable: false),
                From = table.Column<string>(type: "TEXT", maxLength: 42, nullable: false),
                To = table.Column<string>(type: "TEXT", maxLength: 42, nullable: false),
                AssetId = table.Column<int>(type: "INTEGER", nullable: false),
                Amount = table.Column<string>(type: "TEXT", nullable: false),
                Confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                PledgeId = table.Column<int>(type: "INTEGER", nullable: true),
                AttributedByAdmin = table.Column<bool>(type: "INTEGER", nullable: false),
                SeenAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Transfers", x => x.Id);
                table.ForeignKey("FK_Transfers_Assets_AssetId", x => x.AssetId, "Assets", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Transfers_Chains_ChainId", x => x.ChainId, "Chains", "ChainId", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Transfers_Pledges_PledgeId", x => x.PledgeId, "Pledges", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateIndex("IX_AssetRates_AssetId", "AssetRates", "AssetId");
        migrationBuilder.CreateIndex("IX_Assets_ChainId", "Assets", "ChainId");
        migrationBuilder.CreateIndex("IX_Assets_Symbol", "Assets", "Symbol", unique: true);
        migrationBuilder.CreateIndex("IX_OffchainDeliveries_PledgeId", "OffchainDeliveries", "PledgeId");
        migrationBuilder.CreateIndex("IX_Pledgers_Name", "Pledgers", "Name", unique: true);
        migrationBuilder.CreateIndex("IX_Pledges_AssetId", "Pledges", "AssetId");
        migrationBuilder.CreateIndex("IX_Pledges_PledgerId", "Pledges", "PledgerId");
        migrationBuilder.CreateIndex("IX_PledgeSenders_Address", "PledgeSenders", "Address");
        migrationBuilder.CreateIndex("IX_PledgeSenders_PledgeId_Address", "PledgeSenders", ["PledgeId", "Address"], unique: true);
        migrationBuilder.CreateIndex("IX_PledgeStatusChanges_PledgeId", "PledgeStatusChanges", "PledgeId");
        migrationBuilder.CreateIndex("IX_RecoveryAddresses_ChainId_Address", "RecoveryAddresses", ["ChainId", "Address"], unique: true);
        migrationBuilder.CreateIndex("IX_ShortfallItems_AssetId", "ShortfallItems", "AssetId");
        migrationBuilder.CreateIndex("IX_Transfers_AssetId", "Transfers", "AssetId");
        migrationBuilder.CreateIndex("IX_Transfers_ChainId_BlockNumber", "Transfers", ["ChainId", "BlockNumber"]);
        migrationBuilder.CreateIndex("IX_Transfers_ChainId_TxHash_Kind_Position", "Transfers", ["ChainId", "TxHash", "Kind", "Position"], unique: true);
        migrationBuilder.CreateIndex("IX_Transfers_PledgeId", "Transfers", "PledgeId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[]
                 {
                     "Transfers", "PledgeStatusChanges", "PledgeSenders", "OffchainDeliveries", "ShortfallItems", "Pledges",
                     "AssetRates", "RecoveryAddresses", "Assets", "Rescues", "Pledgers", "Chains",
                 })
        {
            migrationBuilder.DropTable(table);
        }
    }
}
