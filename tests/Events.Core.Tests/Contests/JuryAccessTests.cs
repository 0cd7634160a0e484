using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.Tests.Infrastructure;

namespace Events.Core.Tests.Contests;

/// <summary>What a juror sees: blind judging hides the entrant and the file names; other jurors' sheets only as the round allows, and only final ones.</summary>
public class JuryAccessTests
{
    private const double Precision = 1e-9;
    private const string EntrantName = "Асанов Бакыт";
    private const string EntrantEmail = "bakyt.asanov@asanov-consulting.example";
    private const string EntrantOrganization = "Asanov Consulting";

    private static async Task<(ContestScenario S, Round Round, Actor Juror, EntryCreated Entry, EntryAttachment Pdf, EntryAttachment Docx)> JudgedAsync(
        TestDatabase db, bool blind)
    {
        var s = await ContestScenario.CreateAsync(db, blind: blind);
        var entry = await s.SubmitAsync("Eco-hostel in Naryn", email: EntrantEmail, organization: EntrantOrganization, name: EntrantName);
        var pdf = await s.AttachAsync(entry, "Asanov-CV.pdf", ContestScenario.Pdf());
        var docx = await s.AttachAsync(entry, "Asanov-business-plan.docx", ContestScenario.Docx());
        var round = await s.RoundAsync();
        var juror = await s.JurorAsync();
        await s.AssignAsync(round, juror, entry.Entry.Id);
        return (s, round, juror, entry, pdf, docx);
    }

    [Fact]
    public async Task Blind_JurorSeesNoEntrantAndNumberedFileNames_OrganizerSeesEverything()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, juror, entry, pdf, docx) = await JudgedAsync(db, blind: true);

        var seen = Assert.Single(await s.Entries.ListAsync(juror, s.Contest.Id));
        Assert.Null(seen.Entrant);
        Assert.Equal(["attachment-1.pdf", "attachment-2.docx"], seen.Attachments.Select(a => a.Name));
        Assert.DoesNotContain(seen.Attachments, a => a.Name.Contains("Asanov", StringComparison.OrdinalIgnoreCase));

        var page = await s.Scoring.SheetAsync(juror, round.Id, entry.Entry.Id, "ru");
        Assert.True(page.Blind);
        Assert.Null(page.Entry.Entrant);
        Assert.Equal(["attachment-1.pdf", "attachment-2.docx"], page.Entry.Attachments.Select(a => a.Name));

        var opened = await s.Entries.OpenAttachmentAsync(juror, null, pdf.Id);
        await opened.Content.DisposeAsync();
        Assert.Equal("attachment-1.pdf", opened.FileName);
        opened = await s.Entries.OpenAttachmentAsync(juror, null, docx.Id);
        await opened.Content.DisposeAsync();
        Assert.Equal("attachment-2.docx", opened.FileName);

        var full = Assert.Single(await s.Entries.ListAsync(s.Organizer, s.Contest.Id));
        Assert.NotNull(full.Entrant);
        Assert.Equal(EntrantName, full.Entrant.Name);
        Assert.Equal(EntrantEmail, full.Entrant.Email);
        Assert.Equal(EntrantOrganization, full.Entrant.OrganizationName);
        Assert.Equal(["Asanov-CV.pdf", "Asanov-business-plan.docx"], full.Attachments.Select(a => a.Name));
        opened = await s.Entries.OpenAttachmentAsync(s.Organizer, null, pdf.Id);
        await opened.Content.DisposeAsync();
        Assert.Equal("Asanov-CV.pdf", opened.FileName);
    }

    [Fact]
    public async Task Open_JurorSeesEntrantAndRealFileNames()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, _, juror, _, pdf, _) = await JudgedAsync(db, blind: false);

        var seen = Assert.Single(await s.Entries.ListAsync(juror, s.Contest.Id));
        Assert.Equal(EntrantName, seen.Entrant?.Name);
        Assert.Equal(["Asanov-CV.pdf", "Asanov-business-plan.docx"], seen.Attachments.Select(a => a.Name));
        var opened = await s.Entries.OpenAttachmentAsync(juror, null, pdf.Id);
        await opened.Content.DisposeAsync();
        Assert.Equal("Asanov-CV.pdf", opened.FileName);
    }

    [Fact]
    public async Task Juror_SeesOnlyAssignedEntries_UnassignedAttachmentNotFound()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, _, juror, entry, _, _) = await JudgedAsync(db, blind: true);
        // Judging has started, so the file comes with the submission itself (the manage link can no longer add one).
        var other = await s.Entries.SubmitAsync(s.Contest.Id, ContestScenario.Input("Not assigned to the juror", "other@entrant.example"), "ky",
            files: [new UploadedFile("secret.pdf", new MemoryStream(ContestScenario.Pdf()))]);
        var otherFile = Assert.Single(other.Entry.Attachments);

        Assert.Equal([entry.Entry.Id], (await s.Entries.ListAsync(juror, s.Contest.Id)).Select(e => e.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => s.Entries.OpenAttachmentAsync(juror, null, otherFile.Id));
        Assert.Equal(2, (await s.Entries.ListAsync(s.Organizer, s.Contest.Id)).Count);
    }

    [Fact]
    public async Task Stranger_CannotReadEntriesResultsOrFiles_JurorCannotReadResults()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, juror, entry, pdf, _) = await JudgedAsync(db, blind: false);

        await Assert.ThrowsAsync<ForbiddenException>(() => s.Entries.ListAsync(TestActors.Stranger, s.Contest.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Contests.ResultsAsync(TestActors.Stranger, round.Id, null));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Scoring.SheetAsync(TestActors.Stranger, round.Id, entry.Entry.Id, "en"));
        await Assert.ThrowsAsync<NotFoundException>(() => s.Entries.OpenAttachmentAsync(TestActors.Stranger, null, pdf.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => s.Entries.OpenAttachmentAsync(null, null, pdf.Id));
        // A juror of the contest scores; the results are the organizers'.
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Contests.ResultsAsync(juror, round.Id, null));
        // A juror of another contest is a stranger here.
        var elsewhere = await s.JurorAsync(join: false);
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Entries.ListAsync(elsewhere, s.Contest.Id));
    }

    private static async Task<(ContestScenario S, Round Round, Actor Me, Actor[] Others, int EntryId)> PanelAsync(TestDatabase db, SeeOtherScores see)
    {
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Felt workshop");
        var round = await s.RoundAsync(see: see);
        var me = await s.JurorAsync();
        Actor[] others = [await s.JurorAsync(), await s.JurorAsync()];
        foreach (var j in others.Prepend(me)) await s.AssignAsync(round, j, entry.Entry.Id);
        return (s, round, me, others, entry.Entry.Id);
    }

    [Fact]
    public async Task OtherScores_Always_OnlyOthersFinalSheets_NeverTheirDrafts()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, me, others, entryId) = await PanelAsync(db, SeeOtherScores.Always);
        // Others[0]: a draft (10, 5) → 100; others[1]: final (6, 2) → 15 + 30 = 45.
        await s.ScoreAsync(others[0], round, entryId, false, 10, 5);
        await s.ScoreAsync(others[1], round, entryId, true, 6, 2);

        // Before my own sheet exists: "Always" shows the final one only.
        var page = await s.Scoring.SheetAsync(me, round.Id, entryId, "en");
        Assert.NotNull(page.Others);
        var other = Assert.Single(page.Others);
        Assert.Equal(45, other.Total, Precision);
        Assert.Null(page.Own);

        // My own final sheet (9, 5) → 97.5 is "Own", never among "Others".
        await s.ScoreAsync(me, round, entryId, true, 9, 5);
        page = await s.Scoring.SheetAsync(me, round.Id, entryId, "en");
        Assert.Equal(45, Assert.Single(page.Others!).Total, Precision);
        Assert.True(page.Own!.IsFinal);

        // The draft made final appears.
        await s.ScoreAsync(others[0], round, entryId, true, 10, 5);
        page = await s.Scoring.SheetAsync(me, round.Id, entryId, "en");
        Assert.Equal([45.0, 100.0], page.Others!.Select(o => Math.Round(o.Total, 9)).Order());
        Assert.Equal([1, 2], page.Others!.Select(o => o.JurorNumber));
    }

    [Fact]
    public async Task OtherScores_Never_OthersNull_EvenAfterOwnFinal()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, me, others, entryId) = await PanelAsync(db, SeeOtherScores.Never);
        await s.ScoreAsync(others[0], round, entryId, true, 6, 2);
        await s.ScoreAsync(others[1], round, entryId, true, 8, 3);

        Assert.Null((await s.Scoring.SheetAsync(me, round.Id, entryId, "en")).Others);
        await s.ScoreAsync(me, round, entryId, true, 9, 5);
        Assert.Null((await s.Scoring.SheetAsync(me, round.Id, entryId, "en")).Others);
    }

    [Fact]
    public async Task OtherScores_AfterOwn_NullUntilOwnSheetIsFinal()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, me, others, entryId) = await PanelAsync(db, SeeOtherScores.AfterOwn);
        // Others[0]: final (6, 2) → 45; others[1]: a draft.
        await s.ScoreAsync(others[0], round, entryId, true, 6, 2);
        await s.ScoreAsync(others[1], round, entryId, false, 1, 1);

        Assert.Null((await s.Scoring.SheetAsync(me, round.Id, entryId, "en")).Others);
        await s.ScoreAsync(me, round, entryId, false, 9, 5);
        Assert.Null((await s.Scoring.SheetAsync(me, round.Id, entryId, "en")).Others);

        await s.ScoreAsync(me, round, entryId, true, 9, 5);
        var page = await s.Scoring.SheetAsync(me, round.Id, entryId, "en");
        Assert.Equal(45, Assert.Single(page.Others!).Total, Precision);
    }
}
