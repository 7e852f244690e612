using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Antq.Admin.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnitPeriodsAndRouting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "DelegatesRecognition",
                table: "Units",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ManagedAt",
                table: "Units",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ManagingUnitId",
                table: "Units",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "UnitPeriods",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    KindId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LevelId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CommitteeName = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AuthorityName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    PlaceName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitPeriods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UnitPeriods_UnitKinds_KindId",
                        column: x => x.KindId,
                        principalTable: "UnitKinds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UnitPeriods_UnitLevels_LevelId",
                        column: x => x.LevelId,
                        principalTable: "UnitLevels",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UnitPeriods_Units_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_UnitPeriods_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Units_ManagingUnitId",
                table: "Units",
                column: "ManagingUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_UnitPeriods_KindId",
                table: "UnitPeriods",
                column: "KindId");

            migrationBuilder.CreateIndex(
                name: "IX_UnitPeriods_LevelId_Code_ValidFrom",
                table: "UnitPeriods",
                columns: new[] { "LevelId", "Code", "ValidFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UnitPeriods_NameKey",
                table: "UnitPeriods",
                column: "NameKey");

            migrationBuilder.CreateIndex(
                name: "IX_UnitPeriods_ParentId",
                table: "UnitPeriods",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_UnitPeriods_UnitId_ValidFrom",
                table: "UnitPeriods",
                columns: new[] { "UnitId", "ValidFrom" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Units_Units_ManagingUnitId",
                table: "Units",
                column: "ManagingUnitId",
                principalTable: "Units",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Units_Units_ManagingUnitId",
                table: "Units");

            migrationBuilder.DropTable(
                name: "UnitPeriods");

            migrationBuilder.DropIndex(
                name: "IX_Units_ManagingUnitId",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "DelegatesRecognition",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "ManagedAt",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "ManagingUnitId",
                table: "Units");
        }
    }
}
