using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Events.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ScoreSheetTotal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "Total",
                table: "ScoreSheets",
                type: "REAL",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Total",
                table: "ScoreSheets");
        }
    }
}
