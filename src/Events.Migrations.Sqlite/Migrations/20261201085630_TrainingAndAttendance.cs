using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Events.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class TrainingAndAttendance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CheckInSecret",
                table: "Sessions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            // Existing events take the defaults of TrainingRules.
            migrationBuilder.AddColumn<int>(
                name: "Training_CheckInMinutesAfter",
                table: "Events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 15);

            migrationBuilder.AddColumn<int>(
                name: "Training_CheckInMinutesBefore",
                table: "Events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 15);

            migrationBuilder.AddColumn<int>(
                name: "Training_CompletionPercent",
                table: "Events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 80);

            migrationBuilder.AddColumn<int>(
                name: "Training_LateAfterMinutes",
                table: "Events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<int>(
                name: "Training_PresentThresholdPercent",
                table: "Events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 75);

            migrationBuilder.CreateTable(
                name: "Attendance",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegistrationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Remark = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    MinutesAttended = table.Column<int>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Attendance", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Attendance_Registrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "Registrations",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Attendance_Sessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "Sessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AttendanceChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegistrationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OldStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    NewStatus = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    OldRemark = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    NewRemark = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    OldMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    NewMinutes = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttendanceChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Certificates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegistrationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    FullName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EventTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    IssuedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RevokedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RevokeReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Certificates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EventTrainers",
                columns: table => new
                {
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AddedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventTrainers", x => new { x.EventId, x.UserId });
                    table.ForeignKey(
                        name: "FK_EventTrainers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EventTrainers_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InnolabTeams",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InnolabTeams", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InnolabTeams_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InnolabTeamMembers",
                columns: table => new
                {
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    RegistrationId = table.Column<int>(type: "INTEGER", nullable: false),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InnolabTeamMembers", x => new { x.TeamId, x.RegistrationId });
                    table.ForeignKey(
                        name: "FK_InnolabTeamMembers_InnolabTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "InnolabTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StartupProjects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TeamId = table.Column<int>(type: "INTEGER", nullable: false),
                    EventId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinalizedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ContestEntryId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StartupProjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StartupProjects_InnolabTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "InnolabTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MentorNotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MentorNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MentorNotes_StartupProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "StartupProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Attendance_EventId_RegistrationId",
                table: "Attendance",
                columns: new[] { "EventId", "RegistrationId" });

            migrationBuilder.CreateIndex(
                name: "IX_Attendance_RegistrationId",
                table: "Attendance",
                column: "RegistrationId");

            migrationBuilder.CreateIndex(
                name: "IX_Attendance_SessionId_RegistrationId",
                table: "Attendance",
                columns: new[] { "SessionId", "RegistrationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceChanges_RegistrationId",
                table: "AttendanceChanges",
                column: "RegistrationId");

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceChanges_SessionId_RegistrationId",
                table: "AttendanceChanges",
                columns: new[] { "SessionId", "RegistrationId" });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_Code",
                table: "Certificates",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_EventId_RegistrationId",
                table: "Certificates",
                columns: new[] { "EventId", "RegistrationId" });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_RegistrationId",
                table: "Certificates",
                column: "RegistrationId");

            migrationBuilder.CreateIndex(
                name: "IX_EventTrainers_UserId",
                table: "EventTrainers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_InnolabTeamMembers_EventId_RegistrationId",
                table: "InnolabTeamMembers",
                columns: new[] { "EventId", "RegistrationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InnolabTeamMembers_RegistrationId",
                table: "InnolabTeamMembers",
                column: "RegistrationId");

            migrationBuilder.CreateIndex(
                name: "IX_InnolabTeams_EventId",
                table: "InnolabTeams",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_MentorNotes_ProjectId",
                table: "MentorNotes",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_StartupProjects_EventId_Status",
                table: "StartupProjects",
                columns: new[] { "EventId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_StartupProjects_TeamId",
                table: "StartupProjects",
                column: "TeamId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Attendance");

            migrationBuilder.DropTable(
                name: "AttendanceChanges");

            migrationBuilder.DropTable(
                name: "Certificates");

            migrationBuilder.DropTable(
                name: "EventTrainers");

            migrationBuilder.DropTable(
                name: "InnolabTeamMembers");

            migrationBuilder.DropTable(
                name: "MentorNotes");

            migrationBuilder.DropTable(
                name: "StartupProjects");

            migrationBuilder.DropTable(
                name: "InnolabTeams");

            migrationBuilder.DropColumn(
                name: "CheckInSecret",
                table: "Sessions");

            migrationBuilder.DropColumn(
                name: "Training_CheckInMinutesAfter",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Training_CheckInMinutesBefore",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Training_CompletionPercent",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Training_LateAfterMinutes",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Training_PresentThresholdPercent",
                table: "Events");
        }
    }
}
