using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Antq.Admin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OutcomeDocumentsAndNumbering : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "SubmissionId",
                table: "IssuedDocuments",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AlterColumn<int>(
                name: "Sequence",
                table: "IssuedDocuments",
                type: "integer",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<string>(
                name: "InputJson",
                table: "IssuedDocuments",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Recipients",
                table: "IssuedDocuments",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Signer",
                table: "IssuedDocuments",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IssuedDocumentSubjects",
                columns: table => new
                {
                    IssuedDocumentId = table.Column<long>(type: "bigint", nullable: false),
                    SubmissionId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedDocumentSubjects", x => new { x.IssuedDocumentId, x.SubmissionId });
                    table.ForeignKey(
                        name: "FK_IssuedDocumentSubjects_IssuedDocuments_IssuedDocumentId",
                        column: x => x.IssuedDocumentId,
                        principalTable: "IssuedDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IssuedDocumentSubjects_Submissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "Submissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NumberingSettings",
                columns: table => new
                {
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UpdatedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    UpdatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NumberingSettings", x => x.UnitId);
                    table.ForeignKey(
                        name: "FK_NumberingSettings_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedDocuments_IssuerUnitId_RegistryYear_Number",
                table: "IssuedDocuments",
                columns: new[] { "IssuerUnitId", "RegistryYear", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedDocumentSubjects_SubmissionId",
                table: "IssuedDocumentSubjects",
                column: "SubmissionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IssuedDocumentSubjects");

            migrationBuilder.DropTable(
                name: "NumberingSettings");

            migrationBuilder.DropIndex(
                name: "IX_IssuedDocuments_IssuerUnitId_RegistryYear_Number",
                table: "IssuedDocuments");

            migrationBuilder.DropColumn(
                name: "InputJson",
                table: "IssuedDocuments");

            migrationBuilder.DropColumn(
                name: "Recipients",
                table: "IssuedDocuments");

            migrationBuilder.DropColumn(
                name: "Signer",
                table: "IssuedDocuments");

            migrationBuilder.AlterColumn<Guid>(
                name: "SubmissionId",
                table: "IssuedDocuments",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "Sequence",
                table: "IssuedDocuments",
                type: "integer",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);
        }
    }
}
