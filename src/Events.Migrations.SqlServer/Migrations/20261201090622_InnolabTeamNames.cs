using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Events.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class InnolabTeamNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InnolabTeams_EventId",
                table: "InnolabTeams");

            migrationBuilder.AddColumn<string>(
                name: "NormalizedName",
                table: "InnolabTeams",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Position",
                table: "InnolabTeamMembers",
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Teams made before this migration get their normalized name before the unique index is built.
            migrationBuilder.Sql("UPDATE InnolabTeams SET NormalizedName = UPPER(TRIM(Name))");

            migrationBuilder.CreateIndex(
                name: "IX_InnolabTeams_EventId_NormalizedName",
                table: "InnolabTeams",
                columns: new[] { "EventId", "NormalizedName" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_InnolabTeams_EventId_NormalizedName",
                table: "InnolabTeams");

            migrationBuilder.DropColumn(
                name: "NormalizedName",
                table: "InnolabTeams");

            migrationBuilder.DropColumn(
                name: "Position",
                table: "InnolabTeamMembers");

            migrationBuilder.CreateIndex(
                name: "IX_InnolabTeams_EventId",
                table: "InnolabTeams",
                column: "EventId");
        }
    }
}
