using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RescueTracker.Data;

#nullable disable

namespace RescueTracker.Migrations;

/// <summary>
/// Webhooks: the subscriptions admins register, the feed events recorded for them, one delivery per subscription and
/// event, and every attempt at it. New tables only.
/// </summary>
[DbContext(typeof(RescueDbContext))]
[Migration("20261202123700_Webhooks")]
public partial class Webhooks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "WebhookSubscriptions",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                ProtectedSecret = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                DisabledAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                LastEventId = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_WebhookSubscriptions", x => x.Id));

        migrationBuilder.CreateTable(
            name: "WebhookEvents",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                EntryId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                Type = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                RecordedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                Payload = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_WebhookEvents", x => x.Id));
        migrationBuilder.CreateIndex("IX_WebhookEvents_EntryId", "WebhookEvents", "EntryId", unique: true);

        migrationBuilder.CreateTable(
            name: "WebhookDeliveries",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                SubscriptionId = table.Column<int>(type: "INTEGER", nullable: false),
                EventId = table.Column<long>(type: "INTEGER", nullable: false),
                DeliveryKey = table.Column<Guid>(type: "TEXT", nullable: false),
                Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                Deadline = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                LastAttemptAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                LastStatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                DeliveredAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                table.ForeignKey("FK_WebhookDeliveries_WebhookSubscriptions_SubscriptionId", x => x.SubscriptionId, "WebhookSubscriptions", "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_WebhookDeliveries_WebhookEvents_EventId", x => x.EventId, "WebhookEvents", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_WebhookDeliveries_SubscriptionId_EventId", "WebhookDeliveries", ["SubscriptionId", "EventId"], unique: true);
        migrationBuilder.CreateIndex("IX_WebhookDeliveries_DeliveryKey", "WebhookDeliveries", "DeliveryKey", unique: true);
        migrationBuilder.CreateIndex("IX_WebhookDeliveries_EventId", "WebhookDeliveries", "EventId");
        migrationBuilder.CreateIndex("IX_WebhookDeliveries_Status_NextAttemptAt", "WebhookDeliveries", ["Status", "NextAttemptAt"]);

        migrationBuilder.CreateTable(
            name: "WebhookAttempts",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false).Annotation("Sqlite:Autoincrement", true),
                DeliveryId = table.Column<long>(type: "INTEGER", nullable: false),
                Number = table.Column<int>(type: "INTEGER", nullable: false),
                At = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                DurationMs = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WebhookAttempts", x => x.Id);
                table.ForeignKey("FK_WebhookAttempts_WebhookDeliveries_DeliveryId", x => x.DeliveryId, "WebhookDeliveries", "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_WebhookAttempts_DeliveryId", "WebhookAttempts", "DeliveryId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("WebhookAttempts");
        migrationBuilder.DropTable("WebhookDeliveries");
        migrationBuilder.DropTable("WebhookEvents");
        migrationBuilder.DropTable("WebhookSubscriptions");
    }
}
