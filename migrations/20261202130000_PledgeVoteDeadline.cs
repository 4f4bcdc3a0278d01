using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RescueTracker.Data;

#nullable disable

namespace RescueTracker.Migrations;

/// <summary>
/// A pledge's optional vote deadline, the day past which a pledge still proposed or only partly paid is a discrepancy.
/// Existing pledges keep none until an admin gives one.
/// </summary>
[DbContext(typeof(RescueDbContext))]
[Migration("20261202130000_PledgeVoteDeadline")]
public partial class PledgeVoteDeadline : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<DateOnly>(name: "VoteDeadline", table: "Pledges", type: "TEXT", nullable: true);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "VoteDeadline", table: "Pledges");
}
