using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.Organizations;
using Events.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Tests.Contests;

/// <summary>Conflicts of interest: suggested from email domains and organization names; once declared, the entry is gone for the juror everywhere.</summary>
public class ConflictTests
{
    private const double Precision = 1e-9;

    private static Task<List<Conflict>> ConflictsAsync(ContestScenario s) => s.QueryAsync(c => c.Conflicts.OrderBy(x => x.Id).ToListAsync());

    [Theory]
    [InlineData("aibek@diaspora.kg", "someone@Diaspora.KG", "email domain diaspora.kg")]
    [InlineData("aibek@gmail.com", "someone@gmail.com", null)]
    [InlineData("aibek@mail.ru", "someone@mail.ru", null)]
    [InlineData("aibek@yandex.ru", "someone@YANDEX.ru", null)]
    [InlineData("aibek@diaspora.kg", "someone@diaspora.kz", null)]
    public void Reason_EmailDomains(string juror, string entrant, string? expected)
    {
        Assert.Equal(expected, ConflictSuggestions.Reason(juror, [], entrant, null));
    }

    [Theory]
    [InlineData("Kyrgyz Diaspora, LLC", "kyrgyz diaspora llc", true)]
    [InlineData("Ala-Too Media", "ALA TOO MEDIA.", true)]
    [InlineData("Ala-Too Media", "Ala-Too Media Group", false)]
    [InlineData(null, "Ala-Too Media", false)]
    public void Reason_OrganizationNames_NormalizedCaseAndPunctuation(string? jurorOrganization, string entrantOrganization, bool expected)
    {
        var reason = ConflictSuggestions.Reason("juror@jury.example", [jurorOrganization], "entrant@entrant.example", entrantOrganization);
        Assert.Equal(expected, reason is not null);
        if (expected) Assert.Equal("organization " + entrantOrganization.Trim(), reason);
    }

    [Fact]
    public async Task SameNonWebmailDomain_SuggestedConflict_WhicheverComesFirst()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        // Juror first, entry after.
        var juror = await s.JurorAsync(email: "aibek@diaspora.kg");
        var entry = await s.SubmitAsync("From a colleague", email: "nurlan@Diaspora.kg");
        // Entry first, juror after.
        var earlier = await s.SubmitAsync("From Ala-Too", email: "asel@ala-too.kg");
        var later = await s.JurorAsync(email: "bakyt@ala-too.kg");

        var conflicts = await ConflictsAsync(s);
        Assert.Equal(2, conflicts.Count);
        Assert.Contains(conflicts, c => c.JurorId == juror.UserId && c.EntryId == entry.Entry.Id && c.Source == ConflictSource.Suggested
                                        && c.Reason == "email domain diaspora.kg" && c.DeclaredBy == "system");
        Assert.Contains(conflicts, c => c.JurorId == later.UserId && c.EntryId == earlier.Entry.Id && c.Source == ConflictSource.Suggested
                                        && c.Reason == "email domain ala-too.kg");
    }

    [Fact]
    public async Task WebmailDomains_NoSuggestion()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        await s.JurorAsync(email: "aibek.juror@gmail.com");
        await s.JurorAsync(email: "bakyt.juror@mail.ru");
        await s.SubmitAsync("Gmail entrant", email: "nurlan.entrant@gmail.com");
        await s.SubmitAsync("Mail.ru entrant", email: "asel.entrant@mail.ru");

        Assert.Empty(await ConflictsAsync(s));
    }

    [Fact]
    public async Task SameOrganizationName_AffiliationOrMembership_Suggested_OtherNameNot()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var media = await db.Get<OrganizationService>().CreateAsync(TestActors.Admin,
            new OrganizationInput("Ala-Too Media", OrganizationKind.Ngo, "KG", "Asia/Bishkek"));
        var byAffiliation = await s.JurorAsync(affiliation: "Kyrgyz Diaspora, LLC");
        var byMembership = await s.JurorAsync(organizationIds: [media.Id]);

        var diaspora = await s.SubmitAsync("Diaspora entry", organization: "kyrgyz diaspora llc");
        var alaToo = await s.SubmitAsync("Media entry", organization: "ALA TOO MEDIA");
        await s.SubmitAsync("Group entry", organization: "Ala-Too Media Group");

        var conflicts = await ConflictsAsync(s);
        Assert.Equal(2, conflicts.Count);
        Assert.All(conflicts, c => Assert.Equal(ConflictSource.Suggested, c.Source));
        Assert.Contains(conflicts, c => c.JurorId == byAffiliation.UserId && c.EntryId == diaspora.Entry.Id && c.Reason == "organization kyrgyz diaspora llc");
        Assert.Contains(conflicts, c => c.JurorId == byMembership.UserId && c.EntryId == alaToo.Entry.Id);
    }

    [Fact]
    public async Task SuggestedConflict_RemovesAssignments_AndAutoAssignSkipsIt()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var juror = await s.JurorAsync(email: "aibek@diaspora.kg");
        var round = await s.RoundAsync();
        var entry = await s.SubmitAsync("Colleague's entry", email: "nurlan@diaspora.kg");

        await Assert.ThrowsAsync<RuleViolationException>(() => s.Jury.AssignAsync(s.Organizer, round.Id, juror.UserId, entry.Entry.Id));
        Assert.Empty(await s.Jury.AutoAssignAsync(s.Organizer, round.Id, 1));
        Assert.Empty(await s.Entries.ListAsync(juror, s.Contest.Id));
    }

    /// <summary>Two jurors score entry 1 (first: (8, 4) → 80; second: (2, 1) → 20) and entry 2; entry 1 has a PDF.</summary>
    private static async Task<(ContestScenario S, Round Round, Actor First, Actor Second, EntryCreated Entry, EntryCreated Other, EntryAttachment File)> ScoredAsync(
        TestDatabase db)
    {
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Entry one");
        var other = await s.SubmitAsync("Entry two");
        var file = await s.AttachAsync(entry, "plan.pdf", ContestScenario.Pdf());
        var round = await s.RoundAsync(see: SeeOtherScores.Always);
        var first = await s.JurorAsync();
        var second = await s.JurorAsync();
        await s.AssignAsync(round, first, entry.Entry.Id, other.Entry.Id);
        await s.AssignAsync(round, second, entry.Entry.Id, other.Entry.Id);
        await s.ScoreAsync(first, round, entry.Entry.Id, true, 8, 4);
        await s.ScoreAsync(second, round, entry.Entry.Id, true, 2, 1);
        var line = (await s.ResultsAsync(round)).Single(r => r.EntryId == entry.Entry.Id);
        Assert.Equal(2, line.JurorCount);
        Assert.Equal(50, line.Mean!.Value, Precision);
        return (s, round, first, second, entry, other, file);
    }

    private static async Task AssertHiddenFromAsync(ContestScenario s, Round round, Actor juror, EntryCreated entry, EntryCreated other, EntryAttachment file)
    {
        Assert.DoesNotContain(await s.Jury.AssignmentsAsync(s.Organizer, round.Id), a => a.JurorId == juror.UserId && a.EntryId == entry.Entry.Id);
        Assert.Equal(0, await s.QueryAsync(c => c.Assignments.CountAsync(a => a.JurorId == juror.UserId && a.EntryId == entry.Entry.Id)));
        Assert.Equal([other.Entry.Id], (await s.Entries.ListAsync(juror, s.Contest.Id)).Select(e => e.Id));
        Assert.Equal([other.Entry.Id], (await s.Scoring.MyEntriesAsync(juror, round.Id)).Select(e => e.EntryId));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Scoring.SheetAsync(juror, round.Id, entry.Entry.Id, "en"));
        await Assert.ThrowsAsync<NotFoundException>(() => s.Entries.OpenAttachmentAsync(juror, null, file.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.ScoreAsync(juror, round, entry.Entry.Id, true, 1, 1));
    }

    [Fact]
    public async Task DeclaredByTheJuror_HidesTheEntryEverywhere_AndTheirFinalSheetStopsCounting()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, first, second, entry, other, file) = await ScoredAsync(db);
        // Before: the second juror sees the first one's final sheet (80).
        Assert.Equal(80, Assert.Single((await s.Scoring.SheetAsync(second, round.Id, entry.Entry.Id, "en")).Others!).Total, Precision);

        var conflict = await s.Jury.DeclareConflictAsync(first, s.Contest.Id, first.UserId, entry.Entry.Id, "  My former student  ");

        Assert.Equal(ConflictSource.Juror, conflict.Source);
        Assert.Equal(first.UserId, conflict.DeclaredBy);
        Assert.Equal("My former student", conflict.Reason);
        await AssertHiddenFromAsync(s, round, first, entry, other, file);
        // Results: only the second juror's 20 counts now.
        var line = (await s.ResultsAsync(round)).Single(r => r.EntryId == entry.Entry.Id);
        Assert.Equal(1, line.JurorCount);
        Assert.Equal(20, line.Mean!.Value, Precision);
        Assert.Equal([20.0], line.Totals.Select(t => Math.Round(t, 9)));
        // Nor does the second juror see it any more.
        Assert.Empty((await s.Scoring.SheetAsync(second, round.Id, entry.Entry.Id, "en")).Others!);
        // The sheet itself stays in the history.
        Assert.Equal(2, await s.QueryAsync(c => c.ScoreSheets.CountAsync(x => x.EntryId == entry.Entry.Id)));
        // Progress counts it neither.
        var progress = await s.Jury.ProgressAsync(s.Organizer, round.Id);
        Assert.Equal(1, progress.Entries.Single(e => e.EntryId == entry.Entry.Id).Final);
        Assert.Equal(0, progress.Jurors.Single(j => j.JurorId == first.UserId).Final);
    }

    [Fact]
    public async Task DeclaredByTheOrganizer_SameEffect()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, first, _, entry, other, file) = await ScoredAsync(db);

        var conflict = await s.Jury.DeclareConflictAsync(s.Organizer, s.Contest.Id, first.UserId, entry.Entry.Id, "Relative");

        Assert.Equal(ConflictSource.Organizer, conflict.Source);
        await AssertHiddenFromAsync(s, round, first, entry, other, file);
        Assert.Equal(20, (await s.ResultsAsync(round)).Single(r => r.EntryId == entry.Entry.Id).Mean!.Value, Precision);
    }

    [Fact]
    public async Task JurorDeclaringForAnotherJuror_Forbidden_StrangerForbidden_NothingStored()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, first, second, entry, _, _) = await ScoredAsync(db);

        await Assert.ThrowsAsync<ForbiddenException>(() => s.Jury.DeclareConflictAsync(first, s.Contest.Id, second.UserId, entry.Entry.Id, "He knows them"));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Jury.DeclareConflictAsync(TestActors.Stranger, s.Contest.Id, second.UserId, entry.Entry.Id, "x"));
        // Someone outside the jury cannot declare one for themself either.
        var outsider = await s.JurorAsync(join: false);
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Jury.DeclareConflictAsync(outsider, s.Contest.Id, outsider.UserId, entry.Entry.Id, "x"));

        Assert.Empty(await ConflictsAsync(s));
        Assert.Equal(2, (await s.ResultsAsync(round)).Single(r => r.EntryId == entry.Entry.Id).JurorCount);
    }

    [Fact]
    public async Task DismissedConflict_EntryCanBeAssignedAgain()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var juror = await s.JurorAsync(email: "aibek@diaspora.kg");
        var round = await s.RoundAsync();
        var entry = await s.SubmitAsync("Colleague's entry", email: "nurlan@diaspora.kg");
        var conflict = Assert.Single(await ConflictsAsync(s));

        await Assert.ThrowsAsync<ForbiddenException>(() => s.Jury.DismissConflictAsync(juror, conflict.Id));
        await s.Jury.DismissConflictAsync(s.Organizer, conflict.Id);
        await s.AssignAsync(round, juror, entry.Entry.Id);

        Assert.Equal([entry.Entry.Id], (await s.Entries.ListAsync(juror, s.Contest.Id)).Select(e => e.Id));
    }
}
