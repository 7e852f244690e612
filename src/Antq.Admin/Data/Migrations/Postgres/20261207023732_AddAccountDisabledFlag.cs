using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Antq.Admin.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AddAccountDisabledFlag : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Disabled",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // "Disabled" used to be a lockout until year 9999: such accounts become disabled and their lockout ends.
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"Disabled\" = TRUE, \"LockoutEnd\" = NULL WHERE \"LockoutEnd\" >= TIMESTAMPTZ '9000-01-01 00:00:00+00';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"LockoutEnd\" = TIMESTAMPTZ '9999-01-01 00:00:00+00' WHERE \"Disabled\";");
            migrationBuilder.DropColumn(
                name: "Disabled",
                table: "AspNetUsers");
        }
    }
}
