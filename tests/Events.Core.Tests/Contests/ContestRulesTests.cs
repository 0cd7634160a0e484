using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.Notifications;
using Events.Core.People;
using Events.Core.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Tests.Contests;

/// <summary>Rules found in review: who may judge, what judging freezes, what erasure and withdrawal take away.</summary>
public class ContestRulesTests
{
    [Fact]
    public async Task OrganizerOfTheContest_OrAdministrator_CannotJoinItsJury()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        // An organizer of the contest's organization who also holds the Juror role.
        var users = db.Get<UserManager<EventsUser>>();
        var organizer = await users.FindByIdAsync(s.Organizer.UserId);
        await users.AddToRoleAsync(organizer!, Roles.Juror);

        var e = await Assert.ThrowsAsync<RuleViolationException>(() => s.Jury.AddJurorAsync(s.Organizer, s.Contest.Id, s.Organizer.UserId));
        Assert.Equal("Rule_JurorOrganizes", e.Key);
        Assert.Equal(0, await s.QueryAsync(c => c.ContestJurors.CountAsync()));
    }

    [Fact]
    public async Task LaterRound_IsNotOpenedByHand_OnlyByAdvancing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var first = await s.RoundAsync("Shortlist");
        var second = await s.RoundAsync("Final", open: false);
        await s.Contests.CloseRoundAsync(s.Organizer, first.Id);

        var e = await Assert.ThrowsAsync<RuleViolationException>(() => s.Contests.OpenRoundAsync(s.Organizer, second.Id));

        Assert.Equal("Rule_OpenedByAdvance", e.Key);
        Assert.Equal(RoundStatus.Setup, await s.QueryAsync(c => c.Rounds.Where(r => r.Id == second.Id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task OnceJudgingStarted_TheEntrantCanNeitherEditNorChangeFiles_ButNewEntriesStillCome()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Before judging");
        var file = await s.AttachAsync(entry, "plan.pdf", ContestScenario.Pdf());
        await s.RoundAsync();

        var edit = await Assert.ThrowsAsync<RuleViolationException>(() => s.Entries.UpdateAsync(entry.ManageToken, ContestScenario.Input("Changed", "x@entrant.example")));
        var add = await Assert.ThrowsAsync<RuleViolationException>(() => s.AttachAsync(entry, "more.pdf", ContestScenario.Pdf()));
        var remove = await Assert.ThrowsAsync<RuleViolationException>(() => s.Entries.RemoveAttachmentAsync(entry.ManageToken, file.Id));

        Assert.All(new[] { edit, add, remove }, e => Assert.Equal("Rule_JudgingStarted", e.Key));
        Assert.Equal("Before judging", await s.QueryAsync(c => c.ContestEntries.Where(x => x.Id == entry.Entry.Id).Select(x => x.Title).SingleAsync()));
        Assert.True(await s.Entries.JudgingStartedAsync(s.Contest.Id));
        await s.SubmitAsync("Late but within the window"); // the window decides, not judging
    }

    [Fact]
    public async Task AfterOwn_FinalSheet_CannotBeReopenedOrChanged_OnceOthersAreVisible_ButSavingItUnchangedIsHarmless()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Shared");
        var round = await s.RoundAsync(see: SeeOtherScores.AfterOwn);
        var juror = await s.JurorAsync();
        await s.AssignAsync(round, juror, entry.Entry.Id);
        await s.ScoreAsync(juror, round, entry.Entry.Id, true, 6, 3);

        var reopen = await Assert.ThrowsAsync<RuleViolationException>(() => s.ScoreAsync(juror, round, entry.Entry.Id, false, 6, 3));
        var change = await Assert.ThrowsAsync<RuleViolationException>(() => s.ScoreAsync(juror, round, entry.Entry.Id, true, 9, 3));

        Assert.Equal("Rule_SheetFinalLocked", reopen.Key);
        Assert.Equal("Rule_SheetFinalLocked", change.Key);
        await s.ScoreAsync(juror, round, entry.Entry.Id, true, 6, 3);
        Assert.Equal(1, await s.QueryAsync(c => c.ScoreChanges.CountAsync()));
    }

    [Fact]
    public async Task NeverShown_FinalSheet_MayStillBeCorrected_AndTheChangeIsKept()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Corrected");
        var round = await s.RoundAsync(see: SeeOtherScores.Never);
        var juror = await s.JurorAsync();
        await s.AssignAsync(round, juror, entry.Entry.Id);
        await s.ScoreAsync(juror, round, entry.Entry.Id, true, 6, 3);
        await s.ScoreAsync(juror, round, entry.Entry.Id, true, 7, 3);
        Assert.Equal(2, await s.QueryAsync(c => c.ScoreChanges.CountAsync()));
    }

    [Fact]
    public async Task Duplicates_AreConflicts_409()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Twice");
        var round = await s.RoundAsync();
        var juror = await s.JurorAsync();
        await s.AssignAsync(round, juror, entry.Entry.Id);

        Assert.Equal("Conflict_AlreadyAssigned",
            (await Assert.ThrowsAsync<ConflictException>(() => s.Jury.AssignAsync(s.Organizer, round.Id, juror.UserId, entry.Entry.Id))).Key);
        await s.Jury.DeclareConflictAsync(juror, s.Contest.Id, juror.UserId, entry.Entry.Id, "Neighbour");
        Assert.Equal("Conflict_AlreadyDeclared",
            (await Assert.ThrowsAsync<ConflictException>(() => s.Jury.DeclareConflictAsync(juror, s.Contest.Id, juror.UserId, entry.Entry.Id, "Again"))).Key);
    }

    [Fact]
    public async Task WithdrawnEntries_LeaveProgressAndReminders()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var kept = await s.SubmitAsync("Kept");
        var gone = await s.SubmitAsync("Withdrawn later");
        var round = await s.RoundAsync();
        var juror = await s.JurorAsync();
        await s.AssignAsync(round, juror, kept.Entry.Id, gone.Entry.Id);
        await s.ScoreAsync(juror, round, kept.Entry.Id, true, 5, 5);
        await s.Entries.WithdrawAsync(gone.ManageToken);

        var progress = await s.Jury.ProgressAsync(s.Organizer, round.Id);

        Assert.Equal((1, 1), (progress.Jurors.Single().Assigned, progress.Jurors.Single().Final));
        Assert.Equal([kept.Entry.Id], progress.Entries.Select(e => e.EntryId));
        Assert.Equal(0, await s.Jury.RemindAsync(s.Organizer, round.Id)); // nothing left to do
        Assert.Equal([kept.Entry.Id], (await s.Jury.AssignmentsAsync(s.Organizer, round.Id)).Select(a => a.EntryId));
    }

    [Fact]
    public async Task Remind_MailsOnlyJurorsWithUnfinishedSheets_InTheirLanguage()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Waiting");
        var round = await s.RoundAsync();
        var done = await s.JurorAsync();
        var behind = await s.JurorAsync(email: "behind@jury.example");
        await s.AssignAsync(round, done, entry.Entry.Id);
        await s.AssignAsync(round, behind, entry.Entry.Id);
        await s.ScoreAsync(done, round, entry.Entry.Id, true, 5, 5);

        Assert.Equal(1, await s.Jury.RemindAsync(s.Organizer, round.Id));

        var reminders = await s.QueryAsync(c => c.Outbox.Where(m => m.Kind == "JurorReminder").ToListAsync());
        Assert.Equal("behind@jury.example", Assert.Single(reminders).To);
    }

    [Fact]
    public async Task WithdrawnWinner_LeavesThePublicResults_ButTheOrganizerStillSeesTheAward()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db, grantBudget: 1000);
        var winner = await s.SubmitAsync("Winner");
        var second = await s.SubmitAsync("Second");
        await s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(winner.Entry.Id, 1, Story: "A story about the winner"));
        await s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(second.Entry.Id, 2));
        await s.Contests.PublishResultsAsync(s.Organizer, s.Contest.Id);

        await s.Entries.WithdrawAsync(winner.ManageToken);

        var shown = await s.Contests.PublicResultsAsync(s.Contest.Id);
        Assert.Equal([second.Entry.Id], shown!.Select(a => a.Award.EntryId));
        Assert.Empty(await s.Contests.SuccessStoriesAsync("ky"));
        Assert.Equal(2, (await s.Contests.AwardsAsync(s.Organizer, s.Contest.Id)).Count);
        // Published awards are final: nothing is added behind the announcement.
        var late = await Assert.ThrowsAsync<RuleViolationException>(() =>
            s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(second.Entry.Id, 3)));
        Assert.Equal("Rule_ResultsPublished", late.Key);
    }

    [Fact]
    public async Task Erasure_AfterAnEmailChange_FindsTheFirstConfirmation_PurgesSendingMail_AndRemovesAwardAndSuggestionReason()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db, grantBudget: 1000);
        await s.JurorAsync(email: "judge@samecompany.example");
        var entry = await s.SubmitAsync("Private", email: "first@samecompany.example");
        var firstMail = await s.QueryAsync(c => c.Outbox.SingleAsync(m => m.Kind == "EntryReceived"));
        Assert.Equal(entry.Entry.Id, firstMail.ContestEntryId);
        await s.Entries.UpdateAsync(entry.ManageToken, ContestScenario.Input("Private", "second@other.example"));
        await s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(entry.Entry.Id, 1, Story: "Story of the person"));
        // The confirmation went out already; pretend the dispatcher is in the middle of another message about the entry.
        await s.QueryAsync(c => c.Outbox.Where(m => m.Id == firstMail.Id).ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, OutboxStatus.Sent)));
        await s.QueryAsync(async c =>
        {
            var sending = Outbox.Enqueue(c, new MimeKit.MimeMessage(new[] { MimeKit.MailboxAddress.Parse("x@y.example") }, new[] { MimeKit.MailboxAddress.Parse("second@other.example") }, "s", new MimeKit.TextPart("plain") { Text = "t" }),
                "AwardLetter", null, DateTime.UtcNow);
            sending.ContestEntryId = entry.Entry.Id;
            sending.Status = OutboxStatus.Sending;
            return await c.SaveChangesAsync();
        });

        await s.Entries.ForgetAsync(entry.ManageToken);

        var mail = await s.QueryAsync(c => c.Outbox.Where(m => m.ContestEntryId == entry.Entry.Id).ToListAsync());
        var sent = Assert.Single(mail, m => m.Status == OutboxStatus.Sent);
        Assert.Equal("", sent.To); // the first address is purged although the entry's address had changed
        Assert.Empty(sent.Mime);
        Assert.True(Assert.Single(mail, m => m.Status == OutboxStatus.Sending).PurgeWhenSent);
        Assert.Equal(0, await s.QueryAsync(c => c.Awards.CountAsync()));
        var suggestion = await s.QueryAsync(c => c.Conflicts.SingleAsync());
        Assert.DoesNotContain("samecompany", suggestion.Reason);
    }

    [Fact]
    public async Task MacroEnabledOfficeFile_IsRefused_WhateverItsName()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("With macros");
        var docm = ContestScenario.Zip("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin");

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => s.AttachAsync(entry, "plan.docx", docm));

        Assert.Equal("Validation_FileType", Assert.Single(e.Errors).Key);
    }

    [Fact]
    public async Task OpenJudging_JurorSeesNameAndOrganization_NotEmailNorPersonalDetails()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db, blind: false);
        var entry = await s.SubmitAsync("Open", email: "aibek@entrant.example", organization: "Diaspora LLC");
        var round = await s.RoundAsync();
        var juror = await s.JurorAsync();
        await s.AssignAsync(round, juror, entry.Entry.Id);

        var seen = Assert.Single(await s.Entries.ListAsync(juror, s.Contest.Id)).Entrant!;
        var page = (await s.Scoring.SheetAsync(juror, round.Id, entry.Entry.Id, "ky")).Entry.Entrant!;

        foreach (var who in new[] { seen, page })
        {
            Assert.Equal(("Нурлан Энтрант", "Diaspora LLC"), (who.Name, who.OrganizationName));
            Assert.Equal("", who.Email);
            Assert.Null(who.CountryCode);
        }
    }

    [Fact]
    public async Task Sheets_ForTheOrganizer_LeaveOutConflictedPairs_WithTotalsAndChangeCounts()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Listed");
        var round = await s.RoundAsync(criteria: ContestScenario.OutOfHundred);
        var j1 = await s.JurorAsync();
        var j2 = await s.JurorAsync();
        await s.AssignAsync(round, j1, entry.Entry.Id);
        await s.AssignAsync(round, j2, entry.Entry.Id);
        await s.ScoreAsync(j1, round, entry.Entry.Id, false, 40);
        await s.ScoreAsync(j1, round, entry.Entry.Id, true, 70);
        await s.ScoreAsync(j2, round, entry.Entry.Id, true, 10);
        await s.Jury.DeclareConflictAsync(s.Organizer, s.Contest.Id, j2.UserId, entry.Entry.Id, "Relative");

        var sheet = Assert.Single(await s.Scoring.SheetsAsync(s.Organizer, round.Id));

        Assert.Equal((j1.UserId, 70.0, true, 2), (sheet.JurorId, sheet.Total, sheet.IsFinal, sheet.Changes));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Scoring.SheetsAsync(j1, round.Id));
    }

    [Fact]
    public async Task SheetTotal_IsStoredWithTheScores_AndSheetsWithoutOneStillCount()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Totalled");
        var round = await s.RoundAsync(); // Idea w1 max 10, Impact w3 max 5
        var j1 = await s.JurorAsync();
        var j2 = await s.JurorAsync();
        await s.AssignAsync(round, j1, entry.Entry.Id);
        await s.AssignAsync(round, j2, entry.Entry.Id);
        var first = await s.ScoreAsync(j1, round, entry.Entry.Id, true, 8, 4); // 100·(1·0.8 + 3·0.8)/4 = 80
        await s.ScoreAsync(j2, round, entry.Entry.Id, true, 2, 1);             // 100·(1·0.2 + 3·0.2)/4 = 20

        var stored = await s.QueryAsync(c => c.ScoreSheets.Where(x => x.Id == first.Id).Select(x => x.Total).SingleAsync());
        Assert.Equal(80, stored!.Value, 1e-9);
        // A sheet stored before totals were kept: the results compute its total from the scores.
        await s.QueryAsync(c => c.ScoreSheets.Where(x => x.Id == first.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Total, (double?)null)));

        var line = Assert.Single(await s.ResultsAsync(round));
        Assert.Equal(50, line.Mean!.Value, 1e-9);
        Assert.Equal(2, line.JurorCount);
    }
}
