using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RescueTracker.Data;

#nullable disable

namespace RescueTracker.Migrations;

/// <summary>
/// The headline figures over time: one row per change, with the block each chain had been read to.
/// A new table only: an existing database gains its first revision at the next refresh of the figures.
/// </summary>
[DbContext(typeof(RescueDbContext))]
[Migration("20261202000000_FigureRevisions")]
public partial class FigureRevisions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "FigureRevisions",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                At = table.Column<DateTime>(type: "TEXT", nullable: false),
                ShortfallEth = table.Column<string>(type: "TEXT", nullable: false),
                DeliveredEth = table.Column<string>(type: "TEXT", nullable: false),
                OutstandingCommittedEth = table.Column<string>(type: "TEXT", nullable: false),
                OutstandingProposedEth = table.Column<string>(type: "TEXT", nullable: false),
                PledgedEth = table.Column<string>(type: "TEXT", nullable: false),
                UncoveredNowEth = table.Column<string>(type: "TEXT", nullable: false),
                UncoveredIfAllArriveEth = table.Column<string>(type: "TEXT", nullable: false),
                Blocks = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_FigureRevisions", x => x.Id));

        migrationBuilder.CreateIndex("IX_FigureRevisions_At", "FigureRevisions", "At");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("FigureRevisions");
    }
}
