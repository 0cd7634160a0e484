using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.Tests.Infrastructure;

namespace Events.Core.Tests.Contests;

/// <summary>Automatic assignment: jurors per entry, balanced load, categories, conflicts, repeatable.</summary>
public class AssignmentTests
{
    private static async Task<(ContestScenario S, Round Round, Actor[] Jurors, int[] Entries)> SetupAsync(TestDatabase db, int jurors, int entries)
    {
        var s = await ContestScenario.CreateAsync(db);
        var ids = new int[entries];
        for (var i = 0; i < entries; i++) ids[i] = (await s.SubmitAsync($"Entry {i + 1}")).Entry.Id;
        var round = await s.RoundAsync(open: false);
        var people = new Actor[jurors];
        for (var i = 0; i < jurors; i++) people[i] = await s.JurorAsync();
        return (s, round, people, ids);
    }

    private static HashSet<(string JurorId, int EntryId)> Pairs(IEnumerable<Assignment> assignments) =>
        assignments.Select(a => (a.JurorId, a.EntryId)).ToHashSet();

    private static void AssertBalanced(IReadOnlyList<Assignment> assignments, IEnumerable<Actor> jurors)
    {
        var loads = jurors.Select(j => assignments.Count(a => a.JurorId == j.UserId)).ToList();
        Assert.True(loads.Max() - loads.Min() <= 1, "loads: " + string.Join(", ", loads));
    }

    [Fact]
    public async Task AutoAssign_JurorsPerEntryRespected_LoadBalanced_RepeatableAndIdempotent()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, jurors, entries) = await SetupAsync(db, jurors: 4, entries: 6);

        var made = await s.Jury.AutoAssignAsync(s.Organizer, round.Id, 2);

        // 6 entries × 2 = 12 pairs, 12 / 4 jurors = 3 each.
        Assert.Equal(12, made.Count);
        Assert.Equal(12, Pairs(made).Count);
        Assert.All(entries, e => Assert.Equal(2, made.Count(a => a.EntryId == e)));
        Assert.All(jurors, j => Assert.Equal(3, made.Count(a => a.JurorId == j.UserId)));
        Assert.All(made, a => Assert.Equal(round.Id, a.RoundId));
        var stored = await s.Jury.AssignmentsAsync(s.Organizer, round.Id);
        Assert.Equal(Pairs(made), Pairs(stored));

        // Again: every entry has its two jurors, nothing is added.
        Assert.Empty(await s.Jury.AutoAssignAsync(s.Organizer, round.Id, 2));
        Assert.Equal(12, (await s.Jury.AssignmentsAsync(s.Organizer, round.Id)).Count);

        // From scratch again: the same pairs.
        foreach (var a in stored) await s.Jury.UnassignAsync(s.Organizer, round.Id, a.JurorId, a.EntryId);
        Assert.Empty(await s.Jury.AssignmentsAsync(s.Organizer, round.Id));
        Assert.Equal(Pairs(made), Pairs(await s.Jury.AutoAssignAsync(s.Organizer, round.Id, 2)));
    }

    [Fact]
    public async Task AutoAssign_UnevenNumbers_LoadsDifferByAtMostOne()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, jurors, entries) = await SetupAsync(db, jurors: 3, entries: 5);

        var made = await s.Jury.AutoAssignAsync(s.Organizer, round.Id, 2);

        // 10 pairs over 3 jurors: 4, 3, 3.
        Assert.Equal(10, made.Count);
        Assert.All(entries, e => Assert.Equal(2, made.Select(a => (a.JurorId, a.EntryId)).Count(p => p.EntryId == e)));
        AssertBalanced(made, jurors);
        Assert.Equal([3, 3, 4], jurors.Select(j => made.Count(a => a.JurorId == j.UserId)).Order());
    }

    [Fact]
    public async Task AutoAssign_TopsUpExistingAssignments_StillBalanced()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, jurors, entries) = await SetupAsync(db, jurors: 3, entries: 3);
        // The first juror already has two entries by hand.
        await s.AssignAsync(round, jurors[0], entries[0], entries[1]);

        var made = await s.Jury.AutoAssignAsync(s.Organizer, round.Id, 2);

        // 3 × 2 = 6 pairs in all, 2 of them there before: 4 made; loads 2, 2, 2.
        Assert.Equal(4, made.Count);
        var all = await s.Jury.AssignmentsAsync(s.Organizer, round.Id);
        Assert.Equal(6, all.Count);
        Assert.All(entries, e => Assert.Equal(2, all.Count(a => a.EntryId == e)));
        Assert.All(jurors, j => Assert.Equal(2, all.Count(a => a.JurorId == j.UserId)));
    }

    [Fact]
    public async Task AutoAssign_CategoriesRespected()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await ContestScenario.CreateAsync(db, categories: ["Startup", "Media"]);
        int[] startups = [(await s.SubmitAsync("App", category: "Startup")).Entry.Id, (await s.SubmitAsync("Farm", category: "Startup")).Entry.Id];
        int[] media = [(await s.SubmitAsync("Film", category: "Media")).Entry.Id, (await s.SubmitAsync("Podcast", category: "Media")).Entry.Id];
        var round = await s.RoundAsync();
        var startupOnly1 = await s.JurorAsync(categories: ["Startup"]);
        var startupOnly2 = await s.JurorAsync(categories: ["Startup"]);
        var mediaOnly = await s.JurorAsync(categories: ["Media"]);
        var any = await s.JurorAsync();

        var made = await s.Jury.AutoAssignAsync(s.Organizer, round.Id, 2);

        Assert.All(startups, e => Assert.Equal(2, made.Count(a => a.EntryId == e)));
        // Media entries can only go to the media juror and the juror of every category.
        Assert.All(media, e => Assert.Equal(new HashSet<string> { mediaOnly.UserId, any.UserId }, made.Where(a => a.EntryId == e).Select(a => a.JurorId).ToHashSet()));
        Assert.DoesNotContain(made, a => media.Contains(a.EntryId) && (a.JurorId == startupOnly1.UserId || a.JurorId == startupOnly2.UserId));
        Assert.DoesNotContain(made, a => startups.Contains(a.EntryId) && a.JurorId == mediaOnly.UserId);
        // By hand, too.
        var e = await Assert.ThrowsAsync<RuleViolationException>(() => s.Jury.AssignAsync(s.Organizer, round.Id, mediaOnly.UserId, startups[0]));
        Assert.Equal("Rule_OtherCategory", e.Key);
    }

    [Fact]
    public async Task AutoAssign_ConflictsExcluded()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, jurors, entries) = await SetupAsync(db, jurors: 3, entries: 3);
        await s.Jury.DeclareConflictAsync(jurors[0], s.Contest.Id, jurors[0].UserId, entries[0], "My cousin");

        // Every juror on every entry, as far as conflicts allow.
        var made = await s.Jury.AutoAssignAsync(s.Organizer, round.Id, 3);

        Assert.Equal(8, made.Count);
        Assert.DoesNotContain(made, a => a.JurorId == jurors[0].UserId && a.EntryId == entries[0]);
        Assert.Equal(new HashSet<string> { jurors[1].UserId, jurors[2].UserId }, made.Where(a => a.EntryId == entries[0]).Select(a => a.JurorId).ToHashSet());
        Assert.All(entries.Skip(1), e => Assert.Equal(3, made.Count(a => a.EntryId == e)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public async Task AutoAssign_JurorsPerEntryOutOfRange_ValidationFailed(int perEntry)
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, _, _) = await SetupAsync(db, jurors: 3, entries: 2);

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Jury.AutoAssignAsync(s.Organizer, round.Id, perEntry));

        Assert.Equal("jurorsPerEntry", Assert.Single(e.Errors).Field);
        Assert.Empty(await s.Jury.AssignmentsAsync(s.Organizer, round.Id));
    }

    [Fact]
    public async Task AutoAssign_NotAnOrganizer_Forbidden()
    {
        await using var db = await TestDatabase.CreateAsync();
        var (s, round, jurors, _) = await SetupAsync(db, jurors: 2, entries: 2);

        await Assert.ThrowsAsync<ForbiddenException>(() => s.Jury.AutoAssignAsync(jurors[0], round.Id, 1));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Jury.AutoAssignAsync(TestActors.Stranger, round.Id, 1));
        Assert.Empty(await s.Jury.AssignmentsAsync(s.Organizer, round.Id));
    }
}
