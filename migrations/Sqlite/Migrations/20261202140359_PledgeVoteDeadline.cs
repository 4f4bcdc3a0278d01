using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RescueTracker.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// A pledge's optional vote deadline, the day past which a pledge still proposed or only partly paid is a discrepancy.
    /// Existing pledges keep none until an admin gives one.
    /// </summary>
    public partial class PledgeVoteDeadline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "VoteDeadline",
                table: "Pledges",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "VoteDeadline",
                table: "Pledges");
        }
    }
}
