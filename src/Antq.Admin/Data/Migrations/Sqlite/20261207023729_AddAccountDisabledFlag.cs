using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Antq.Admin.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // "Disabled" used to be a lockout until year 9999: such accounts become disabled and their lockout ends.
            // LockoutEnd holds DateTimeOffsetToBinaryConverter values; 5815930650624000000 is 9000-01-01 UTC.
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"Disabled\" = 1, \"LockoutEnd\" = NULL WHERE \"LockoutEnd\" >= 5815930650624000000;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"AspNetUsers\" SET \"LockoutEnd\" = 6461570285568000000 WHERE \"Disabled\" = 1;");
            migrationBuilder.DropColumn(
                name: "Disabled",
                table: "AspNetUsers");
        }
    }
}
