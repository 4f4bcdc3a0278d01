using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RescueTracker.Data;

#nullable disable

namespace RescueTracker.Migrations;

/// <summary>
/// Transfer indexes that a catch-up's rows (confirmed, mostly from no pledge's sender) do not
/// enter: the pledge index holds attributed transfers only, and a new index holds the pending
/// ones, so bringing confirmations up to date reads the few pending rows instead of every row.
/// Only indexes change: an existing database is upgraded in place, its rows untouched.
/// </summary>
[DbContext(typeof(RescueDbContext))]
[Migration("20261201000000_PartialTransferIndexes")]
public partial class PartialTransferIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Transfers_PledgeId", "Transfers");
        migrationBuilder.CreateIndex("IX_Transfers_PledgeId", "Transfers", "PledgeId", filter: "\"PledgeId\" IS NOT NULL");
        migrationBuilder.CreateIndex("IX_Transfers_Pending", "Transfers", ["ChainId", "BlockNumber"], filter: "NOT \"Confirmed\"");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Transfers_Pending", "Transfers");
        migrationBuilder.DropIndex("IX_Transfers_PledgeId", "Transfers");
        migrationBuilder.CreateIndex("IX_Transfers_PledgeId", "Transfers", "PledgeId");
    }
}
