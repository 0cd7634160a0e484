using Events.Core.Common;
using Events.Core.People;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Events.Core.Training;

namespace Events.Core.Tests.Training;

/// <summary>Trainers of a program (only organizers choose them) and what a trainer's list shows.</summary>
public class ProgramServiceTests
{
    [Fact]
    public async Task AddTrainer_TwiceConflict_UnknownUserField_OthersForbidden()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await TrainingScenario.CreateAsync(db, 2);
        var outsider = await s.OutsiderAsync();
        var candidate = await db.Get<UserAdministration>().CreateAsync(TestActors.Admin, new NewUser("second.trainer@centre.example.kg", "Экинчи Тренер",
            "Trainer-2026", [Roles.Trainer], []));

        Assert.Equal("Conflict_AlreadyTrainer", (await Assert.ThrowsAsync<ConflictException>(() => s.Programs.AddTrainerAsync(s.Organizer, s.Event.Id, s.Trainer.UserId))).Key);
        Assert.Equal("userId", (await Assert.ThrowsAsync<ValidationFailedException>(() => s.Programs.AddTrainerAsync(s.Organizer, s.Event.Id, "no-such-user"))).Errors.Single().Field);
        Assert.Equal("email", (await Assert.ThrowsAsync<ValidationFailedException>(() => s.Programs.AddTrainerByEmailAsync(s.Organizer, s.Event.Id, "nobody@nowhere.example"))).Errors.Single().Field);
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Programs.AddTrainerAsync(outsider, s.Event.Id, candidate));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Programs.AddTrainerAsync(s.Trainer, s.Event.Id, candidate)); // trainers do not choose trainers
        await Assert.ThrowsAsync<NotFoundException>(() => s.Programs.AddTrainerAsync(s.Organizer, 999_999, candidate));
        Assert.Equal([s.Trainer.UserId], (await s.Programs.TrainersAsync(s.Trainer, s.Event.Id)).Select(t => t.UserId));

        var added = await s.Programs.AddTrainerByEmailAsync(s.Organizer, s.Event.Id, " SECOND.trainer@centre.example.kg ");
        Assert.Equal((candidate, s.Organizer.UserId), (added.UserId, added.AddedBy));
        Assert.Equal(2, (await s.Programs.TrainersAsync(s.Organizer, s.Event.Id)).Count);
        await s.Programs.RemoveTrainerAsync(s.Organizer, s.Event.Id, candidate);
        await Assert.ThrowsAsync<NotFoundException>(() => s.Programs.RemoveTrainerAsync(s.Organizer, s.Event.Id, candidate));
    }

    [Fact]
    public async Task AddTrainer_UserWithoutAStaffRole_GetsTheTrainerRole_AStaffUserKeepsTheirs()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await TrainingScenario.CreateAsync(db, 2);
        var users = db.Get<Microsoft.AspNetCore.Identity.UserManager<EventsUser>>();
        var participant = await db.Get<UserAdministration>().CreateAsync(TestActors.Admin, new NewUser("volunteer@centre.example.kg", "Ыктыярчы",
            "Volunteer-2026", [Roles.Participant], []));
        var analyst = await db.Get<UserAdministration>().CreateAsync(TestActors.Admin, new NewUser("analyst@centre.example.kg", "Аналитик",
            "Analyst-2026", [Roles.Analyst], []));

        await s.Programs.AddTrainerAsync(s.Organizer, s.Event.Id, participant);
        await s.Programs.AddTrainerAsync(s.Organizer, s.Event.Id, analyst);

        Assert.True(await users.IsInRoleAsync((await users.FindByIdAsync(participant))!, Roles.Trainer));
        Assert.False(await users.IsInRoleAsync((await users.FindByIdAsync(analyst))!, Roles.Trainer));
    }

    [Fact]
    public async Task MyEvents_TrainerSeesOnlyTheirEvents_OrganizerTheProgramsOfTheOrganization()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await TrainingScenario.CreateAsync(db, 2);
        var (other, otherTrainer) = await s.OtherProgramAsync();
        // A meeting of the organization is no program: not on the organizer's trainer list.
        await db.Get<SchedulingService>().CreateEventAsync(s.Organizer, new EventDraft(s.OrganizationId, EventKind.EmbassyMeeting, "Жолугушуу",
            Sessions: [new SessionInput(null, new DateTime(2026, 12, 10, 18, 0, 0), "Asia/Bishkek", 60, SessionMode.Offline, null, "Элчилик", "Бишкек")]));
        await s.EnrolAsync();

        var mine = await s.Programs.MyEventsAsync(s.Trainer, "en");
        var row = Assert.Single(mine);
        Assert.Equal((s.Event.Id, TrainingScenario.TitleEn, true, 2, 1, (DateTime?)TrainingScenario.StartOf(1)), (row.EventId, row.Title, row.IsTrainer, row.Sessions, row.Enrolled, row.FirstStartUtc));
        Assert.Equal([other.Id], (await s.Programs.MyEventsAsync(otherTrainer, "en")).Select(e => e.EventId));
        Assert.Equal(new[] { s.Event.Id, other.Id }.Order(), (await s.Programs.MyEventsAsync(s.Organizer, "en")).Select(e => e.EventId).Order());
        Assert.All(await s.Programs.MyEventsAsync(s.Organizer, "en"), e => Assert.False(e.IsTrainer));
        Assert.Empty(await s.Programs.MyEventsAsync(await s.OutsiderAsync(), "en"));
    }

    [Fact]
    public async Task SetRules_OutOfRange_FieldErrors_NothingChanged()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await TrainingScenario.CreateAsync(db, 1);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            s.Programs.SetRulesAsync(s.Organizer, s.Event.Id, new TrainingRules(PresentThresholdPercent: 0, CompletionPercent: 101, LateAfterMinutes: -1)));

        Assert.Equal(["completionPercent", "lateAfterMinutes", "presentThresholdPercent"], refused.Errors.Select(e => e.Field).Order());
        await s.ReloadAsync();
        Assert.Equal(new TrainingRules(), s.Event.Training);
    }
}
