using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Events.Core.Tests.Contests;

/// <summary>Awards: places per category, grants within the budget, publication mailing each winner once.</summary>
public class AwardTests
{
    [Fact]
    public async Task Grant_OverBudget_RuleViolation_ExactlyTheBudget_Accepted()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db, grantBudget: 1000m, currency: "KGS");
        var first = await s.SubmitAsync("First");
        var second = await s.SubmitAsync("Second");

        await s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(first.Entry.Id, 1, GrantAmount: 600m));
        // 600 + 401 = 1001 > 1000.
        var e = await Assert.ThrowsAsync<RuleViolationException>(() =>
            s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(second.Entry.Id, 2, GrantAmount: 401m)));
        Assert.Equal("Rule_GrantOverBudget", e.Key);
        Assert.Equal(1, await s.QueryAsync(c => c.Awards.CountAsync()));

        // 600 + 400 = 1000: the whole budget, allowed.
        var award = await s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(second.Entry.Id, 2, GrantAmount: 400m));
        Assert.Equal(400m, award.GrantAmount);
    }

    [Fact]
    public async Task Grant_WithoutBudget_RuleNoGrantBudget_AwardWithoutGrant_Accepted()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var entry = await s.SubmitAsync("Winner");

        var e = await Assert.ThrowsAsync<RuleViolationException>(() =>
            s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(entry.Entry.Id, 1, GrantAmount: 100m)));
        Assert.Equal("Rule_NoGrantBudget", e.Key);
        Assert.Equal(0, await s.QueryAsync(c => c.Awards.CountAsync()));

        var award = await s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(entry.Entry.Id, 1, "Гран-при"));
        Assert.Null(award.GrantAmount);
    }

    [Fact]
    public async Task SamePlaceInTheSameCategory_Conflict_OtherCategory_Allowed()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db, categories: ["Startup", "Media"]);
        var app = await s.SubmitAsync("App", category: "Startup");
        var farm = await s.SubmitAsync("Farm", category: "Startup");
        var film = await s.SubmitAsync("Film", category: "Media");

        await s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(app.Entry.Id, 1));
        await s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(film.Entry.Id, 1));
        var e = await Assert.ThrowsAsync<ConflictException>(() => s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(farm.Entry.Id, 1)));

        Assert.Equal("Conflict_PlaceTaken", e.Key);
        Assert.Equal(2, await s.QueryAsync(c => c.Awards.CountAsync()));
        await s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(farm.Entry.Id, 2));
    }

    [Fact]
    public async Task SamePlace_NoCategories_Conflict()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var first = await s.SubmitAsync("First");
        var second = await s.SubmitAsync("Second");

        await s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(first.Entry.Id, 1));

        await Assert.ThrowsAsync<ConflictException>(() => s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(second.Entry.Id, 1)));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Contests.AddAwardAsync(TestActors.Stranger, s.Contest.Id, new AwardDraft(second.Entry.Id, 2)));
    }

    [Fact]
    public async Task PublishResults_OneAwardLetterPerAward_Once_PublicResultsOnlyAfter()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db, grantBudget: 500_000m, currency: "KGS");
        var first = await s.SubmitAsync("Yurt camp", email: "winner@entrant.example", language: "ru", name: "Айдай Победитель");
        var second = await s.SubmitAsync("Felt shop", email: "runner-up@entrant2.example");
        await s.SubmitAsync("No award", email: "nobody@entrant3.example");
        await s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(first.Entry.Id, 1, "Гран-при", 300_000m, "From a yurt to a camp"));
        await s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(second.Entry.Id, 2));

        Assert.Null(await s.Contests.PublicResultsAsync(s.Contest.Id));
        Assert.Empty(await s.Contests.SuccessStoriesAsync("ru"));
        Assert.Equal(0, await s.QueryAsync(c => c.Outbox.CountAsync(m => m.Kind == "AwardLetter")));

        await s.Contests.PublishResultsAsync(s.Organizer, s.Contest.Id);

        var letters = await s.QueryAsync(c => c.Outbox.Where(m => m.Kind == "AwardLetter").OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(2, letters.Count);
        Assert.Equal(["runner-up@entrant2.example", "winner@entrant.example"], letters.Select(l => l.To).Order());
        var russian = letters.Single(l => l.To == "winner@entrant.example");
        Assert.Equal("Поздравляем! Инвест-челлендж 2026", russian.Subject);
        var message = await MimeMessage.LoadAsync(new MemoryStream(russian.MimeBytes()));
        Assert.Contains("300", message.TextBody);
        Assert.Contains("KGS", message.TextBody);

        var published = await s.Contests.PublicResultsAsync(s.Contest.Id);
        Assert.NotNull(published);
        Assert.Equal([first.Entry.Id, second.Entry.Id], published.Select(a => a.Award.EntryId));
        Assert.Equal("From a yurt to a camp", Assert.Single(await s.Contests.SuccessStoriesAsync("ru")).Story);

        // Published again: no letter twice.
        db.Clock.Advance(TimeSpan.FromDays(1));
        var again = await s.Contests.PublishResultsAsync(s.Organizer, s.Contest.Id);
        Assert.Equal(2, await s.QueryAsync(c => c.Outbox.CountAsync(m => m.Kind == "AwardLetter")));
        // The first publication time stays.
        Assert.Equal(db.Clock.GetUtcNow().UtcDateTime.AddDays(-1), again.ResultsPublishedUtc);
        // A published award stays.
        var award = (await s.Contests.AwardsAsync(s.Organizer, s.Contest.Id))[0].Award;
        var locked = await Assert.ThrowsAsync<RuleViolationException>(() => s.Contests.RemoveAwardAsync(s.Organizer, award.Id));
        Assert.Equal("Rule_ResultsPublished", locked.Key);
    }

    [Fact]
    public async Task PublishResults_AwardsAreFinal_NoLaterAward_NoSecondLetter()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);
        var first = await s.SubmitAsync("First");
        var second = await s.SubmitAsync("Second");
        await s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(first.Entry.Id, 1));
        await s.Contests.PublishResultsAsync(s.Organizer, s.Contest.Id);

        var late = await Assert.ThrowsAsync<RuleViolationException>(() =>
            s.Contests.AddAwardAsync(s.Organizer, s.Contest.Id, new AwardDraft(second.Entry.Id, 2)));
        await s.Contests.PublishResultsAsync(s.Organizer, s.Contest.Id);

        Assert.Equal("Rule_ResultsPublished", late.Key);
        var letters = await s.QueryAsync(c => c.Outbox.Where(m => m.Kind == "AwardLetter").Select(m => m.To).ToListAsync());
        Assert.Equal([first.Entry.EntrantEmail], letters);
    }

    [Fact]
    public async Task PublishResults_WithoutAwards_RuleViolation_StrangerForbidden()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db);

        var e = await Assert.ThrowsAsync<RuleViolationException>(() => s.Contests.PublishResultsAsync(s.Organizer, s.Contest.Id));
        Assert.Equal("Rule_NoAwards", e.Key);
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Contests.PublishResultsAsync(TestActors.Stranger, s.Contest.Id));
        Assert.Null(await s.Contests.PublicResultsAsync(s.Contest.Id));
    }
}
