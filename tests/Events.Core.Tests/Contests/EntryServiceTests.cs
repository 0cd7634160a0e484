using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Events.Core.Tests.Contests;

/// <summary>Entries: the submission window, editing and withdrawing by the manage token, and the confirmation email.</summary>
public class EntryServiceTests
{
    [Fact]
    public async Task Submit_BeforeTheWindowOpens_RuleSubmissionNotOpen_ThenAccepted()
    {
        await using var db = await TestDatabase.CreateAsync();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        var s = await ContestScenario.CreateAsync(db, opens: now.AddDays(1), closes: now.AddDays(10));

        var e = await Assert.ThrowsAsync<RuleViolationException>(() => s.SubmitAsync("Too early"));
        Assert.Equal("Rule_SubmissionNotOpen", e.Key);
        Assert.Equal(0, await s.QueryAsync(c => c.ContestEntries.CountAsync()));
        Assert.Equal(0, await s.QueryAsync(c => c.Outbox.CountAsync(m => m.Kind == "EntryReceived")));

        db.Clock.Advance(TimeSpan.FromDays(1));
        await s.SubmitAsync("On time");
        Assert.Equal(1, await s.QueryAsync(c => c.ContestEntries.CountAsync()));
    }

    [Fact]
    public async Task Submit_AtOrAfterTheDeadline_RuleSubmissionClosed_EditAndFilesRefusedToo_WithdrawStillAllowed()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Submitted in time");
        db.Clock.SetUtcNow(ContestScenario.Closes);

        var late = await Assert.ThrowsAsync<RuleViolationException>(() => s.SubmitAsync("At the deadline"));
        Assert.Equal("Rule_SubmissionClosed", late.Key);
        db.Clock.Advance(TimeSpan.FromDays(3));
        late = await Assert.ThrowsAsync<RuleViolationException>(() => s.SubmitAsync("Days late"));
        Assert.Equal("Rule_SubmissionClosed", late.Key);

        var edit = await Assert.ThrowsAsync<RuleViolationException>(() =>
            s.Entries.UpdateAsync(entry.ManageToken, ContestScenario.Input("Changed title", entry.Entry.EntrantEmail)));
        Assert.Equal("Rule_SubmissionClosed", edit.Key);
        var file = await Assert.ThrowsAsync<RuleViolationException>(() => s.AttachAsync(entry, "late.pdf", ContestScenario.Pdf()));
        Assert.Equal("Rule_SubmissionClosed", file.Key);

        var stored = await s.QueryAsync(c => c.ContestEntries.Include(x => x.Attachments).SingleAsync());
        Assert.Equal("Submitted in time", stored.Title);
        Assert.Empty(stored.Attachments);

        var withdrawn = await s.Entries.WithdrawAsync(entry.ManageToken);
        Assert.Equal(EntryStatus.Withdrawn, withdrawn.Status);
    }

    [Fact]
    public async Task Update_BeforeTheDeadline_ChangesTheEntry()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("First title");

        await s.Entries.UpdateAsync(entry.ManageToken, ContestScenario.Input("Second title", entry.Entry.EntrantEmail));

        Assert.Equal("Second title", (await s.QueryAsync(c => c.ContestEntries.SingleAsync())).Title);
    }

    [Fact]
    public async Task Withdraw_RemovesTheEntryFromResultsAndFromTheJury()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var kept = await s.SubmitAsync("Kept");
        var gone = await s.SubmitAsync("Withdrawn later");
        var round = await s.RoundAsync();
        var juror = await s.JurorAsync();
        await s.AssignAsync(round, juror, kept.Entry.Id, gone.Entry.Id);
        // Kept: (4, 2) → 40; withdrawn: (10, 5) → 100, first place until withdrawn.
        await s.ScoreAsync(juror, round, kept.Entry.Id, true, 4, 2);
        await s.ScoreAsync(juror, round, gone.Entry.Id, true, 10, 5);
        Assert.Equal([gone.Entry.Id, kept.Entry.Id], (await s.ResultsAsync(round)).Select(r => r.EntryId));

        await s.Entries.WithdrawAsync(gone.ManageToken);

        var line = Assert.Single(await s.ResultsAsync(round));
        Assert.Equal(kept.Entry.Id, line.EntryId);
        Assert.Equal(1, line.Rank);
        Assert.Equal([kept.Entry.Id], (await s.Entries.ListAsync(juror, s.Contest.Id)).Select(e => e.Id));
        Assert.Equal([kept.Entry.Id], (await s.Scoring.MyEntriesAsync(juror, round.Id)).Select(e => e.EntryId));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Scoring.SheetAsync(juror, round.Id, gone.Entry.Id, "en"));
        // The organizers still see it, as withdrawn.
        var all = await s.Entries.ListAsync(s.Organizer, s.Contest.Id);
        Assert.Equal(EntryStatus.Withdrawn, all.Single(e => e.Id == gone.Entry.Id).Status);
    }

    [Fact]
    public async Task Withdraw_ByTheOrganizer_RemovesFromResults_StrangerForbidden()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Entry");
        var round = await s.RoundAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() => s.Entries.WithdrawAsync(TestActors.Stranger, entry.Entry.Id));
        Assert.Single(await s.ResultsAsync(round));
        await s.Entries.WithdrawAsync(s.Organizer, entry.Entry.Id);
        Assert.Empty(await s.ResultsAsync(round));
    }

    [Fact]
    public async Task Submit_QueuesEntryReceived_InTheEntrantsLanguage()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);

        var russian = await s.SubmitAsync("Қымыз-тур", email: "asel@entrant.example", language: "ru", name: "Асель Токтогулова");
        var kyrgyz = await s.SubmitAsync("Жайлоо", email: "bakyt@entrant2.example", name: "Бакыт Ормонов");

        var rows = await s.QueryAsync(c => c.Outbox.Where(m => m.Kind == "EntryReceived").OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(2, rows.Count);

        Assert.Equal("asel@entrant.example", rows[0].To);
        Assert.Equal("Ваша заявка принята: Инвест-челлендж 2026", rows[0].Subject);
        var mime = rows[0].MimeBytes();
        var ru = await MimeMessage.LoadAsync(new MemoryStream(mime));
        Assert.Equal("Ваша заявка принята: Инвест-челлендж 2026", ru.Subject);
        Assert.Contains("Content-Language: ru", System.Text.Encoding.ASCII.GetString(mime));
        Assert.Contains("Здравствуйте, Асель Токтогулова!", ru.TextBody);
        Assert.Contains("Қымыз-тур", ru.TextBody);
        Assert.Equal("asel@entrant.example", ru.To.Mailboxes.Single().Address);
        Assert.Equal("ru", russian.Entry.Language);

        // Without a language: the fallback given by the page (Kyrgyz here).
        Assert.Equal("bakyt@entrant2.example", rows[1].To);
        Assert.Equal("Арызыңыз кабыл алынды: Инвест-чакырык 2026", rows[1].Subject);
        Assert.Equal("ky", kyrgyz.Entry.Language);
    }

    [Fact]
    public async Task Submit_InvalidInput_ValidationFailed_NothingStored()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db, categories: ["Startup", "Media"]);

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            s.Entries.SubmitAsync(s.Contest.Id, new EntryInput("", "Summary", "Name", "not-an-email", Category: "Poetry"), "ky"));

        Assert.Contains(e.Errors, x => x.Field == "title" && x.Key == "Validation_Required");
        Assert.Contains(e.Errors, x => x.Field == "entrantEmail" && x.Key == "Validation_Email");
        Assert.Contains(e.Errors, x => x.Field == "category" && x.Key == "Validation_UnknownValue");
        Assert.Equal(0, await s.QueryAsync(c => c.ContestEntries.CountAsync()));
        Assert.Equal(0, await s.QueryAsync(c => c.Outbox.CountAsync(m => m.Kind == "EntryReceived")));
    }

    [Fact]
    public async Task Submit_UnpublishedContest_NotFound()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db, publish: false);

        await Assert.ThrowsAsync<NotFoundException>(() => s.SubmitAsync("Draft contest"));
    }
}
