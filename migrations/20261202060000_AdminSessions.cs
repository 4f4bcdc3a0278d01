using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RescueTracker.Data;

#nullable disable

namespace RescueTracker.Migrations;

/// <summary>
/// Sign-in sessions kept on the server, so signing out ends a session for every copy of its cookie. Cookies issued
/// before this upgrade carry no session id and stop working: everyone signs in once more.
/// </summary>
[DbContext(typeof(RescueDbContext))]
[Migration("20261202060000_AdminSessions")]
public partial class AdminSessions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AdminSessions",
            columns: table => new
            {
                Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                UserId = table.Column<string>(type: "TEXT", nullable: false),
                Ticket = table.Column<byte[]>(type: "BLOB", nullable: false),
                ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AdminSessions", x => x.Id);
                table.ForeignKey("FK_AdminSessions_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_AdminSessions_UserId", "AdminSessions", "UserId");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("AdminSessions");
}
