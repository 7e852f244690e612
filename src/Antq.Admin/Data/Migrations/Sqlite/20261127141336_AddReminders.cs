using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Antq.Admin.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecipientId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PackId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DeadlineId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    Occasion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    EmailTo = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailBody = table.Column<string>(type: "TEXT", nullable: true),
                    EmailStatus = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    EmailAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    EmailQueuedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EmailSentAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EmailError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReminderDispatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PackId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DeadlineId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Occasion = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RecipientId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    NotificationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Channels = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReminderDispatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReminderDispatches_Notifications_NotificationId",
                        column: x => x.NotificationId,
                        principalTable: "Notifications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_EmailStatus",
                table: "Notifications",
                column: "EmailStatus");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientId_CreatedAt",
                table: "Notifications",
                columns: new[] { "RecipientId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientId_ReadAt",
                table: "Notifications",
                columns: new[] { "RecipientId", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReminderDispatches_NotificationId",
                table: "ReminderDispatches",
                column: "NotificationId");

            migrationBuilder.CreateIndex(
                name: "IX_ReminderDispatches_PackId_DeadlineId_Year_UnitId_Occasion_RecipientId",
                table: "ReminderDispatches",
                columns: new[] { "PackId", "DeadlineId", "Year", "UnitId", "Occasion", "RecipientId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReminderDispatches");

            migrationBuilder.DropTable(
                name: "Notifications");
        }
    }
}
