using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Antq.Admin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class YearPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "YearPlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProvinceUnitId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Title = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    SteeringCommitteeName = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    PackIds = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearPlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_YearPlans_Units_ProvinceUnitId",
                        column: x => x.ProvinceUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "YearPlanDeadline",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    PackId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Stage = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DueMonth = table.Column<int>(type: "integer", nullable: false),
                    DueDay = table.Column<int>(type: "integer", nullable: false),
                    Provisional = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearPlanDeadline", x => x.Id);
                    table.ForeignKey(
                        name: "FK_YearPlanDeadline_YearPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "YearPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "YearPlanQuota",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PlanId = table.Column<int>(type: "integer", nullable: false),
                    AppliesToLevel = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UnitKinds = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Minimum = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearPlanQuota", x => x.Id);
                    table.ForeignKey(
                        name: "FK_YearPlanQuota_YearPlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "YearPlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_YearPlanDeadline_PlanId",
                table: "YearPlanDeadline",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_YearPlanQuota_PlanId",
                table: "YearPlanQuota",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_YearPlans_ProvinceUnitId_Year",
                table: "YearPlans",
                columns: new[] { "ProvinceUnitId", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "YearPlanDeadline");

            migrationBuilder.DropTable(
                name: "YearPlanQuota");

            migrationBuilder.DropTable(
                name: "YearPlans");
        }
    }
}
