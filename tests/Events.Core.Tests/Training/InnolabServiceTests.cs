using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.People;
using Events.Core.Privacy;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Contests;
using Events.Core.Tests.Infrastructure;
using Events.Core.Training;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Tests.Training;

/// <summary>Innolab teams, their start-up projects (Draft → Final), mentors' notes, entry into a contest and the "developed start-ups" count.</summary>
public class InnolabServiceTests
{
    private static readonly ProjectInput Draft = new("Кургатылган өрүк", "Нарындагы күн кургаткычтар", ProjectStage.Prototype, ProjectStatus.Draft);

    [Fact]
    public async Task CreateTeam_ConfirmedParticipants_MembersInTheOrderGiven_ListedWithNames()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await InnolabScenario.CreateAsync(db);
        var (a, b) = (await s.PersonAsync(name: "Бакыт Осмонов"), await s.PersonAsync(name: "Айгүл Асанова"));

        var team = await s.Innolabs.CreateTeamAsync(s.Organizer, s.Innolab.Id, "  Өрүк  ", [a.Registration.Id, b.Registration.Id]);

        Assert.Equal("Өрүк", team.Name);
        Assert.Equal(s.Innolab.Id, team.EventId);
        Assert.Equal(["Бакыт Осмонов", "Айгүл Асанова"], team.Members.Select(m => m.FullName));
        Assert.Null(team.Project);
        var listed = Assert.Single(await s.Innolabs.ListTeamsAsync(s.Organizer, s.Innolab.Id));
        Assert.Equal(team, listed with { Members = team.Members });
        Assert.Equal([a.Registration.Id, b.Registration.Id], listed.Members.Select(m => m.RegistrationId));
        var participants = await s.Innolabs.ParticipantsAsync(s.Organizer, s.Innolab.Id);
        Assert.All(participants, p => Assert.Equal(team.Id, p.TeamId));
    }

    [Fact]
    public async Task CreateTeam_EventNotAnInnolab_RuleNotAnInnolab()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await InnolabScenario.CreateAsync(db);
        var course = await s.EventAsync(EventKind.Course, "Excel курсу");
        var person = await s.PersonAsync(course);

        var e = await Assert.ThrowsAsync<RuleViolationException>(() => s.Innolabs.CreateTeamAsync(s.Organizer, course.Id, "Команда", [person.Registration.Id]));

        Assert.Equal("Rule_NotAnInnolab", e.Key);
        Assert.Equal(0, await s.QueryAsync(c => c.InnolabTeams.CountAsync()));
    }

    [Fact]
    public async Task CreateTeam_ForeignCancelledOrNoRegistration_ValidationOnMembers()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await InnolabScenario.CreateAsync(db);
        var other = await s.EventAsync();
        var own = await s.PersonAsync();
        var foreign = await s.PersonAsync(other);
        var cancelled = await s.PersonAsync();
        await db.Get<RegistrationService>().CancelAsync(cancelled.ManageToken);

        foreach (var members in new int[][] { [own.Registration.Id, foreign.Registration.Id], [cancelled.Registration.Id], [own.Registration.Id, 987654] })
        {
            var e = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Innolabs.CreateTeamAsync(s.Organizer, s.Innolab.Id, "Команда", members));
            Assert.Equal(["memberRegistrationIds:Validation_NotInnolabParticipant"], e.Errors.Select(x => $"{x.Field}:{x.Key}"));
        }
        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Innolabs.CreateTeamAsync(s.Organizer, s.Innolab.Id, " ", []));
        Assert.Equal(["name:Validation_Required", "memberRegistrationIds:Validation_Required"], empty.Errors.Select(x => $"{x.Field}:{x.Key}"));
        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            s.Innolabs.CreateTeamAsync(s.Organizer, s.Innolab.Id, new string('ж', InnolabTeam.NameMaxLength + 1), [own.Registration.Id]));
        Assert.Equal("name", Assert.Single(tooLong.Errors).Field);
        Assert.Equal(0, await s.QueryAsync(c => c.InnolabTeams.CountAsync()));
    }

    [Fact]
    public async Task CreateTeam_PersonInAnotherTeam_ConflictNamesPersonAndTeam_ButAnotherInnolabIsFine()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await InnolabScenario.CreateAsync(db);
        var (a, b) = (await s.PersonAsync(name: "Азамат Токтогулов", email: "azamat@innolab.example"), await s.PersonAsync());
        await s.Innolabs.CreateTeamAsync(s.Organizer, s.Innolab.Id, "Биринчи", [a.Registration.Id]);

        var e = await Assert.ThrowsAsync<ConflictException>(() => s.Innolabs.CreateTeamAsync(s.Organizer, s.Innolab.Id, "Экинчи", [b.Registration.Id, a.Registration.Id]));

        Assert.Equal("Conflict_AlreadyInTeam", e.Key);
        Assert.Equal(new object[] { "Азамат Токтогулов", "Биринчи" }, e.Args);
        Assert.Equal(1, await s.QueryAsync(c => c.InnolabTeams.CountAsync()));
        // The same person (same email) in another innolab: another registration, another team.
        var other = await s.EventAsync();
        var again = await s.PersonAsync(other, "Азамат Токтогулов", "azamat@innolab.example");
        await s.Innolabs.CreateTeamAsync(s.Organizer, other.Id, "Биринчи", [again.Registration.Id]);
    }

    [Fact]
    public async Task CreateTeam_SameNameInAnyCaseOrSpacing_Conflict_RenameToItTooButKeepingOwnNameIsFine()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await InnolabScenario.CreateAsync(db);
        var (a, b) = (await s.PersonAsync(), await s.PersonAsync());
        var first = await s.Innolabs.CreateTeamAsync(s.Organizer, s.Innolab.Id, "Жаштар  Лабы", [a.Registration.Id]);

        var e = await Assert.ThrowsAsync<ConflictException>(() => s.Innolabs.CreateTeamAsync(s.Organizer, s.Innolab.Id, "ЖАШТАР ЛАБЫ", [b.Registration.Id]));
        Assert.Equal("Conflict_TeamNameTaken", e.Key);

        var second = await s.Innolabs.CreateTeamAsync(s.Organizer, s.Innolab.Id, "Экинчи", [b.Registration.Id]);
        var rename = await Assert.ThrowsAsync<ConflictException>(() => s.Innolabs.UpdateTeamAsync(s.Organizer, second.Id, "жаштар лабы", [b.Registration.Id]));
        Assert.Equal("Conflict_TeamNameTaken", rename.Key);
        var same = await s.Innolabs.UpdateTeamAsync(s.Organizer, first.Id, "Жаштар лабы", [a.Registration.Id]);
        Assert.Equal("Жаштар лабы", same.Name);
    }

    [Fact]
    public async Task UpdateTeam_ReordersAddsAndRemovesMembers_ProjectStays_DeleteTakesProjectAndNotes()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await InnolabScenario.CreateAsync(db);
        var (a, b, c) = (await s.PersonAsync(name: "А"), await s.PersonAsync(name: "Б"), await s.PersonAsync(name: "В"));
        var team = await s.Innolabs.CreateTeamAsync(s.Organizer, s.Innolab.Id, "Команда", [a.Registration.Id, b.Registration.Id]);
        var project = await s.Innolabs.SaveProjectAsync(s.Organizer, null, team.Id, Draft);
        await s.Innolabs.AddNoteAsync(s.Organizer, project.Id, "Рынокту изилдегиле.");

        var updated = await s.Innolabs.UpdateTeamAsync(s.Organizer, team.Id, "Жаңы ат", [c.Registration.Id, b.Registration.Id]);

        Assert.Equal("Жаңы ат", updated.Name);
        Assert.Equal(["В", "Б"], updated.Members.Select(m => m.FullName));
        Assert.Equal(project.Id, updated.Project?.Id);
        var participants = await s.Innolabs.ParticipantsAsync(s.Organizer, s.Innolab.Id);
        Assert.Null(participants.Single(p => p.RegistrationId == a.Registration.Id).TeamId);

        await s.Innolabs.DeleteTeamAsync(s.Organizer, team.Id);
        Assert.Empty(await s.Innolabs.ListTeamsAsync(s.Organizer, s.Innolab.Id));
        Assert.Equal((0, 0, 0), await s.QueryAsync(async x => (await x.InnolabTeamMembers.CountAsync(), await x.StartupProjects.CountAsync(), await x.MentorNotes.CountAsync())));
        await Assert.ThrowsAsync<NotFoundException>(() => s.Innolabs.DeleteTeamAsync(s.Organizer, team.Id));
    }

    [Fact]
    public async Task Access_TrainerOfThisInnolabManages_TrainerOfAnotherEventAndStrangersForbidden()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await InnolabScenario.CreateAsync(db);
        var other = await s.EventAsync();
        var (trainer, elsewhere) = (await s.TrainerAsync(), await s.TrainerAsync(other.Id));
        var outsider = await InnolabScenario.CreateAsync(db, "Another Organization");
        var person = await s.PersonAsync();

        var team = await s.Innolabs.CreateTeamAsync(trainer, s.Innolab.Id, "Тренердики", [person.Registration.Id]);
        var project = await s.Innolabs.SaveProjectAsync(trainer, null, team.Id, Draft);

        foreach (var who in new[] { elsewhere, outsider.Organizer, TestActors.Stranger })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => s.Innolabs.ListTeamsAsync(who, s.Innolab.Id));
            await Assert.ThrowsAsync<ForbiddenException>(() => s.Innolabs.CreateTeamAsync(who, s.Innolab.Id, "Башка", [person.Registration.Id]));
            await Assert.ThrowsAsync<ForbiddenException>(() => s.Innolabs.UpdateTeamAsync(who, team.Id, "Башка", [person.Registration.Id]));
            await Assert.ThrowsAsync<ForbiddenException>(() => s.Innolabs.DeleteTeamAsync(who, team.Id));
            await Assert.ThrowsAsync<ForbiddenException>(() => s.Innolabs.SaveProjectAsync(who, null, team.Id, Draft));
            await Assert.ThrowsAsync<ForbiddenException>(() => s.Innolabs.AddNoteAsync(who, project.Id, "Эскертүү"));
        }
        await Assert.ThrowsAsync<NotFoundException>(() => s.Innolabs.ListTeamsAsync(trainer, 987654));
        Assert.Single(await s.Innolabs.ListTeamsAsync(TestActors.Admin, s.Innolab.Id));
    }

    [Fact]
    public async Task SaveProject_MemberByManageToken_DraftThenFinal_ThenLocked_TrainerReopens()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await InnolabScenario.CreateAsync(db);
        var trainer = await s.TrainerAsync();
        var (a, b) = (await s.PersonAsync(), await s.PersonAsync());
        var team = await s.Innolabs.CreateTeamAsync(s.Organizer, s.Innolab.Id, "Өрүк", [a.Registration.Id, b.Registration.Id]);

        // The first save creates the project; stage and status default to Idea and Draft.
        var created = await s.Innolabs.SaveProjectAsync(null, b.ManageToken, team.Id, new ProjectInput("  Кургатылган өрүк ", "  "));
        Assert.Equal(("Кургатылган өрүк", (string?)null, ProjectStage.Idea, ProjectStatus.Draft, (DateTime?)null),
            (created.Title, created.Summary, created.Stage, created.Status, created.FinalizedUtc));
        Assert.Equal(team.Id, created.TeamId);

        db.Clock.Advance(TimeSpan.FromHours(1));
        var final = await s.Innolabs.SaveProjectAsync(null, a.ManageToken, team.Id, Draft with { Stage = ProjectStage.Mvp, Status = ProjectStatus.Final });
        Assert.Equal(created.Id, final.Id);
        Assert.Equal((ProjectStage.Mvp, ProjectStatus.Final), (final.Stage, final.Status));
        Assert.Equal(db.Clock.GetUtcNow().UtcDateTime, final.FinalizedUtc);
        Assert.Equal("Нарындагы күн кургаткычтар", final.Summary);

        foreach (var status in new ProjectStatus?[] { ProjectStatus.Final, ProjectStatus.Draft, null })
        {
            var locked = await Assert.ThrowsAsync<RuleViolationException>(() =>
                s.Innolabs.SaveProjectAsync(null, a.ManageToken, team.Id, Draft with { Title = "Башка", Status = status }));
            Assert.Equal("Rule_ProjectFinal", locked.Key);
        }
        var stored = await s.QueryAsync(c => c.StartupProjects.SingleAsync());
        Assert.Equal(("Кургатылган өрүк", ProjectStatus.Final), (stored.Title, stored.Status));

        // A mentor keeps a final project final while editing it (the date stays), then sends it back to Draft.
        db.Clock.Advance(TimeSpan.FromHours(1));
        var edited = await s.Innolabs.SaveProjectAsync(trainer, null, team.Id, Draft with { Title = "Өрүк кампасы", Status = ProjectStatus.Final });
        Assert.Equal(final.FinalizedUtc, edited.FinalizedUtc);
        var reopened = await s.Innolabs.SaveProjectAsync(trainer, null, team.Id, edited.ToInput() with { Status = ProjectStatus.Draft });
        Assert.Equal((ProjectStatus.Draft, (DateTime?)null, "Өрүк кампасы"), (reopened.Status, reopened.FinalizedUtc, reopened.Title));
        var again = await s.Innolabs.SaveProjectAsync(null, b.ManageToken, team.Id, reopened.ToInput() with { Summary = "Жаңы баяндама" });
        Assert.Equal("Жаңы баяндама", again.Summary);
    }

    [Fact]
    public async Task SaveProject_Validation_TitleSummaryStageStatus()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await InnolabScenario.CreateAsync(db);
        var a = await s.PersonAsync();
        var team = await s.Innolabs.CreateTeamAsync(s.Organizer, s.Innolab.Id, "Өрүк", [a.Registration.Id]);

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Innolabs.SaveProjectAsync(null, a.ManageToken, team.Id,
            new ProjectInput(" ", new string('б', StartupProject.SummaryMaxLength + 1), (ProjectStage)42, (ProjectStatus)7)));
        Assert.Equal(["title:Validation_Required", "summary:Validation_TooLong", "stage:Validation_UnknownValue", "status:Validation_UnknownValue"],
            e.Errors.Select(x => $"{x.Field}:{x.Key}"));
        var longTitle = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Innolabs.SaveProjectAsync(null, a.ManageToken, team.Id,
            new ProjectInput(new string('т', StartupProject.TitleMaxLength + 1), null)));
        var error = Assert.Single(longTitle.Errors);
        Assert.Equal(("title", "Validation_TooLong"), (error.Field, error.Key));
        Assert.Equal(new object[] { StartupProject.TitleMaxLength }, error.Args);
        Assert.Equal(0, await s.QueryAsync(c => c.StartupProjects.CountAsync()));
        await Assert.ThrowsAsync<NotFoundException>(() => s.Innolabs.SaveProjectAsync(s.Organizer, null, 987654, Draft));
    }

    [Fact]
    public async Task SaveProject_SignedInMember_OnlyWithTheConfirmedEmailOfAMemberRegistration()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await InnolabScenario.CreateAsync(db);
        var (member, outsider) = (await s.PersonAsync(email: "member@innolab.example"), await s.PersonAsync(email: "outsider@innolab.example"));
        var team = await s.Innolabs.CreateTeamAsync(s.Organizer, s.Innolab.Id, "Өрүк", [member.Registration.Id]);
        await s.Innolabs.CreateTeamAsync(s.Organizer, s.Innolab.Id, "Башка", [outsider.Registration.Id]);
        // The account's address (any case) is the member's, but not confirmed yet: it may be someone else's.
        var account = await s.AccountAsync("member@innolab.example", confirmed: false);
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Innolabs.SaveProjectAsync(account, null, team.Id, Draft));
        await s.QueryAsync(c => c.Users.Where(u => u.Id == account.UserId).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, true)));

        var saved = await s.Innolabs.SaveProjectAsync(account, null, team.Id, Draft with { Status = ProjectStatus.Final });

        Assert.Equal(ProjectStatus.Final, saved.Status);
        Assert.Equal("Rule_ProjectFinal", (await Assert.ThrowsAsync<RuleViolationException>(() => s.Innolabs.SaveProjectAsync(account, null, team.Id, Draft))).Key);
        // Another team's member, by account or by token, and a malformed token: 403.
        var outsiderAccount = await s.AccountAsync("outsider@innolab.example");
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Innolabs.SaveProjectAsync(outsiderAccount, null, team.Id, Draft));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Innolabs.SaveProjectAsync(null, outsider.ManageToken, team.Id, Draft));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Innolabs.SaveProjectAsync(null, "not-a-token", team.Id, Draft));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Innolabs.SaveProjectAsync(null, null, team.Id, Draft));
    }

    [Fact]
    public async Task AddNote_ByMentors_NewestFirstWithAuthorName_TextValidated()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await InnolabScenario.CreateAsync(db);
        var trainer = await s.TrainerAsync(name: "Нурлан Тренер");
        var a = await s.PersonAsync();
        var team = await s.Innolabs.CreateTeamAsync(s.Organizer, s.Innolab.Id, "Өрүк", [a.Registration.Id]);
        var project = await s.Innolabs.SaveProjectAsync(null, a.ManageToken, team.Id, Draft);

        await s.Innolabs.AddNoteAsync(trainer, project.Id, "  Кардарлар менен сүйлөшкүлө.  ");
        db.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await s.Innolabs.AddNoteAsync(s.Organizer, project.Id, "Бюджетти тактагыла.");

        Assert.Equal(("Бюджетти тактагыла.", "Айгүл Уюштуруучу"), (second.Text, second.AuthorName));
        var notes = (await s.Innolabs.ListTeamsAsync(trainer, s.Innolab.Id)).Single().Project!.Notes;
        Assert.Equal([("Бюджетти тактагыла.", "Айгүл Уюштуруучу"), ("Кардарлар менен сүйлөшкүлө.", "Нурлан Тренер")], notes.Select(n => (n.Text, n.AuthorName)));
        Assert.Equal("text", Assert.Single((await Assert.ThrowsAsync<ValidationFailedException>(() => s.Innolabs.AddNoteAsync(trainer, project.Id, "  "))).Errors).Field);
        Assert.Equal("Validation_TooLong", Assert.Single((await Assert.ThrowsAsync<ValidationFailedException>(() =>
            s.Innolabs.AddNoteAsync(trainer, project.Id, new string('э', MentorNote.TextMaxLength + 1)))).Errors).Key);
        await Assert.ThrowsAsync<NotFoundException>(() => s.Innolabs.AddNoteAsync(trainer, 987654, "Эскертүү"));
    }

    [Fact]
    public async Task SubmitToContest_FinalProject_EntryInTheContactsName_LinkedOnce_DraftRefused_TrainerForbidden()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await InnolabScenario.CreateAsync(db);
        var contest = await ContestScenario.CreateAsync(db);
        var trainer = await s.TrainerAsync();
        var (a, b) = (await s.PersonAsync(name: "Айгүл Асанова", email: "aigul@innolab.example", country: "TR"), await s.PersonAsync());
        var team = await s.Innolabs.CreateTeamAsync(s.Organizer, s.Innolab.Id, "Өрүк", [a.Registration.Id, b.Registration.Id]);
        var project = await s.Innolabs.SaveProjectAsync(null, b.ManageToken, team.Id, Draft);

        var draft = await Assert.ThrowsAsync<RuleViolationException>(() => s.Innolabs.SubmitToContestAsync(s.Organizer, project.Id, contest.Contest.Id));
        Assert.Equal("Rule_ProjectNotFinal", draft.Key);
        await s.Innolabs.SaveProjectAsync(null, b.ManageToken, team.Id, Draft with { Status = ProjectStatus.Final });
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Innolabs.SubmitToContestAsync(trainer, project.Id, contest.Contest.Id)); // mentors, not organizers

        var entry = await s.Innolabs.SubmitToContestAsync(s.Organizer, project.Id, contest.Contest.Id);

        var stored = await s.QueryAsync(c => c.ContestEntries.SingleAsync());
        Assert.Equal(entry.Id, stored.Id);
        Assert.Equal((contest.Contest.Id, "Кургатылган өрүк", "Нарындагы күн кургаткычтар", "Айгүл Асанова", "aigul@innolab.example", "Өрүк", "TR"),
            (stored.ContestId, stored.Title, stored.Summary, stored.EntrantName, stored.EntrantEmail, stored.OrganizationName, stored.CountryCode));
        Assert.Equal((HomeRegion.Naryn, Gender.Female, 1995, "ky"), (stored.HomeRegion, stored.Gender, stored.BirthYear, stored.Language));
        Assert.Equal(entry.Id, (await s.QueryAsync(c => c.StartupProjects.SingleAsync())).ContestEntryId);
        Assert.Equal(entry.Id, (await s.Innolabs.ListTeamsAsync(s.Organizer, s.Innolab.Id)).Single().Project!.ContestEntryId);
        Assert.Equal(1, await s.QueryAsync(c => c.Outbox.CountAsync(m => m.Kind == "EntryReceived" && m.ContestEntryId == entry.Id && m.To.Contains("aigul@innolab.example"))));

        var twice = await Assert.ThrowsAsync<ConflictException>(() => s.Innolabs.SubmitToContestAsync(s.Organizer, project.Id, contest.Contest.Id));
        Assert.Equal("Conflict_ProjectEntered", twice.Key);
        Assert.Equal(1, await s.QueryAsync(c => c.ContestEntries.CountAsync()));
    }

    [Fact]
    public async Task SubmitToContest_ContestRulesApply_ClosedWindowAndUnknownContest()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await InnolabScenario.CreateAsync(db);
        var contest = await ContestScenario.CreateAsync(db);
        var a = await s.PersonAsync();
        var team = await s.Innolabs.CreateTeamAsync(s.Organizer, s.Innolab.Id, "Өрүк", [a.Registration.Id]);
        var project = await s.Innolabs.SaveProjectAsync(s.Organizer, null, team.Id, Draft with { Status = ProjectStatus.Final });

        await Assert.ThrowsAsync<NotFoundException>(() => s.Innolabs.SubmitToContestAsync(s.Organizer, project.Id, 987654));
        db.Clock.SetUtcNow(ContestScenario.Closes);
        var closed = await Assert.ThrowsAsync<RuleViolationException>(() => s.Innolabs.SubmitToContestAsync(s.Organizer, project.Id, contest.Contest.Id));
        Assert.Equal("Rule_SubmissionClosed", closed.Key);
        Assert.Null((await s.QueryAsync(c => c.StartupProjects.SingleAsync())).ContestEntryId);
    }

    [Fact]
    public async Task Erasure_RemovesThePersonFromTheTeam_ProjectStays_ExportNamesTheTeam()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await InnolabScenario.CreateAsync(db);
        var (a, b) = (await s.PersonAsync(name: "Өчүрүлө турган"), await s.PersonAsync(name: "Калган"));
        var team = await s.Innolabs.CreateTeamAsync(s.Organizer, s.Innolab.Id, "Өрүк", [a.Registration.Id, b.Registration.Id]);
        var project = await s.Innolabs.SaveProjectAsync(null, a.ManageToken, team.Id, Draft);
        Assert.Equal("Өрүк", (await db.Get<PersonalData>().ExportAsync(a.ManageToken))["innolabTeam"]);

        await db.Get<PersonalData>().ForgetAsync(a.ManageToken);

        var listed = (await s.Innolabs.ListTeamsAsync(s.Organizer, s.Innolab.Id)).Single();
        Assert.Equal(["Калган"], listed.Members.Select(m => m.FullName));
        Assert.Equal(project.Id, listed.Project?.Id);
        Assert.False(await s.QueryAsync(c => c.InnolabTeamMembers.AnyAsync(m => m.RegistrationId == a.Registration.Id)));
        await Assert.ThrowsAsync<NotFoundException>(() => db.Get<PersonalData>().ExportAsync(a.ManageToken));
    }

    [Fact]
    public async Task DevelopedStartups_FinalProjectsByTheYearTheyBecameFinal_AndByOrganization()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await InnolabScenario.CreateAsync(db);
        var other = await InnolabScenario.CreateAsync(db, "Another Organization");
        async Task<TeamView> TeamAsync(InnolabScenario scenario, string name)
        {
            var person = await scenario.PersonAsync();
            return await scenario.Innolabs.CreateTeamAsync(scenario.Organizer, scenario.Innolab.Id, name, [person.Registration.Id]);
        }
        Task<ProjectView> SaveAsync(InnolabScenario scenario, TeamView team, ProjectStatus status) =>
            scenario.Innolabs.SaveProjectAsync(scenario.Organizer, null, team.Id, Draft with { Status = status });
        var (final2026, draft, otherOrganization, final2027) = (await TeamAsync(s, "2026"), await TeamAsync(s, "Draft"), await TeamAsync(other, "Other"), await TeamAsync(s, "2027"));
        await SaveAsync(s, final2026, ProjectStatus.Final);
        await SaveAsync(s, draft, ProjectStatus.Draft);
        await SaveAsync(other, otherOrganization, ProjectStatus.Final);
        await SaveAsync(s, final2027, ProjectStatus.Draft);
        db.Clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await SaveAsync(s, final2027, ProjectStatus.Final); // drafted in 2026, final in 2027: counts in 2027

        var count = s.Innolabs;
        Assert.Equal(3, await count.CountDevelopedStartupsAsync());
        Assert.Equal(2, await count.CountDevelopedStartupsAsync(2026));
        Assert.Equal(1, await count.CountDevelopedStartupsAsync(2027));
        Assert.Equal(1, await count.CountDevelopedStartupsAsync(2026, s.OrganizationId));
        Assert.Equal(2, await count.CountDevelopedStartupsAsync(organizationId: s.OrganizationId));
        Assert.Equal(0, await count.CountDevelopedStartupsAsync(2025));
    }
}
