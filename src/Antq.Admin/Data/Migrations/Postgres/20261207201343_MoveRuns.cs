using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Antq.Admin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MoveRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MoveRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PackId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FromVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RequestedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RequestedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RequestedByUnitId = table.Column<int>(type: "integer", nullable: false),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Done = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Claim = table.Column<Guid>(type: "uuid", nullable: true),
                    HeartbeatAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MoveRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MoveRuns_PackId_RequestedAt",
                table: "MoveRuns",
                columns: new[] { "PackId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MoveRuns_Unfinished",
                table: "MoveRuns",
                column: "PackId",
                unique: true,
                filter: "\"Status\" IN ('queued', 'running')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MoveRuns");
        }
    }
}
