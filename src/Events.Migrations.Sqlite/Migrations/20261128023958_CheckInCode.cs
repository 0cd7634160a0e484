using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Events.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CheckInCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CheckInCode",
                table: "Registrations",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_SessionId_CheckInCode",
                table: "Registrations",
                columns: new[] { "SessionId", "CheckInCode" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Registrations_SessionId_CheckInCode",
                table: "Registrations");

            migrationBuilder.DropColumn(
                name: "CheckInCode",
                table: "Registrations");
        }
    }
}
