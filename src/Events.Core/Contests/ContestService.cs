using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Notifications;
using Events.Core.Organizations;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Contests;

public sealed record ContestDraft(int? OrganizationId, ContestKind? Kind, string? Title, DateTime? SubmissionOpensUtc, DateTime? SubmissionClosesUtc,
    bool Blind = false, decimal? GrantBudget = null, string? Currency = null, string? Description = null,
    string? TitleKy = null, string? TitleRu = null, string? TitleEn = null,
    string? DescriptionKy = null, string? DescriptionRu = null, string? DescriptionEn = null,
    IReadOnlyList<string?>? Categories = null, int? CeremonyEventId = null, IReadOnlyList<RegistrationQuestion>? Questions = null);

public sealed record CriterionDraft(string? Name, double? Weight, double? MaxScore, string? Description = null);

public sealed record RoundDraft(string? Name, IReadOnlyList<CriterionDraft>? Criteria, SeeOtherScores? SeeOtherScores = null, RankMethod? RankBy = null);

public sealed record AwardDraft(int? EntryId, int? Place, string? Title = null, decimal? GrantAmount = null, string? Story = null);

public sealed record ContestSummary(Contest Contest, int Entries, int Jurors);

public sealed record WinnerStory(int ContestId, string ContestTitle, ContestKind Kind, string EntryTitle, string EntrantName, int Place,
    string? AwardTitle, string Story, DateTime PublishedUtc);

public sealed record PublicAward(Award Award, string EntryTitle, string EntrantName, string? CountryCode);

/// <summary>
/// Contest setup (kind, texts, window, categories, blind or open judging, grant budget), rounds and their rubrics,
/// results, awards and their publication. Every operation checks that the caller organizes the contest's organization.
/// </summary>
public sealed class ContestService(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock, ContestMail mail, OutboxSignal signal)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Contest> CreateAsync(Actor actor, ContestDraft draft, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (draft.OrganizationId is not { } orgId) throw ValidationFailedException.For("organizationId", "Validation_Required");
        await ManagementRights.EnsureAsync(db, actor, orgId, ct);
        if (!await ContestAccess.OrganizesAsync(db, actor, orgId, ct)) throw new ForbiddenException("only organizers create contests");
        var contest = new Contest { Title = "", OrganizationId = orgId, CreatedUtc = Now };
        await ApplyAsync(db, contest, draft, ct);
        db.Contests.Add(contest);
        await db.SaveChangesAsync(ct);
        return contest;
    }

    public async Task<Contest> UpdateAsync(Actor actor, int contestId, ContestDraft draft, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contest = await ContestAccess.ManagedAsync(db, actor, contestId, ct, tracking: true);
        if (draft.OrganizationId is { } orgId && orgId != contest.OrganizationId)
        {
            await ManagementRights.EnsureAsync(db, actor, orgId, ct);
            if (!await ContestAccess.OrganizesAsync(db, actor, orgId, ct)) throw new ForbiddenException("only organizers move contests");
        }
        // Jurors already saw entries one way: switching between blind and open judging then would reveal or confuse.
        if (draft.Blind != contest.Blind && contest.Rounds.Any(r => r.Status != RoundStatus.Setup))
            throw new RuleViolationException("Rule_BlindLocked");
        await ApplyAsync(db, contest, draft, ct);
        if (draft.OrganizationId is { } newOrg) contest.OrganizationId = newOrg;
        await db.SaveChangesAsync(ct);
        return contest;
    }

    private async Task ApplyAsync(EventsDbContext db, Contest c, ContestDraft d, CancellationToken ct)
    {
        var v = new Validator();
        var title = d.Title?.Trim() ?? "";
        v.When(title.Length == 0, "title", "Validation_Required");
        v.When(title.Length > Contest.TitleMaxLength, "title", "Validation_TooLong", Contest.TitleMaxLength);
        foreach (var (field, value) in new[] { ("titleKy", d.TitleKy), ("titleRu", d.TitleRu), ("titleEn", d.TitleEn) })
            v.When(value?.Trim().Length > Contest.TitleMaxLength, field, "Validation_TooLong", Contest.TitleMaxLength);
        foreach (var (field, value) in new[] { ("description", d.Description), ("descriptionKy", d.DescriptionKy), ("descriptionRu", d.DescriptionRu), ("descriptionEn", d.DescriptionEn) })
            v.When(value?.Trim().Length > Contest.DescriptionMaxLength, field, "Validation_TooLong", Contest.DescriptionMaxLength);
        v.When(d.Kind is null, "kind", "Validation_Required");
        v.When(d.Kind is { } k && !Enum.IsDefined(k), "kind", "Validation_UnknownValue");
        v.When(d.SubmissionOpensUtc is null, "submissionOpensUtc", "Validation_Required");
        v.When(d.SubmissionClosesUtc is null, "submissionClosesUtc", "Validation_Required");
        v.When(d.SubmissionOpensUtc is { } o && d.SubmissionClosesUtc is { } cl && cl <= o, "submissionClosesUtc", "Validation_EndBeforeStart");
        var categories = (d.Categories ?? []).Select(x => x?.Trim()).Where(x => !string.IsNullOrEmpty(x)).Select(x => x!).ToList();
        v.When(categories.Count > Contest.MaxCategories, "categories", "Validation_TooMany", Contest.MaxCategories);
        v.When(categories.Any(x => x.Length > Contest.CategoryMaxLength), "categories", "Validation_TooLong", Contest.CategoryMaxLength);
        v.When(categories.Distinct(StringComparer.OrdinalIgnoreCase).Count() != categories.Count, "categories", "Validation_Duplicate");
        v.When(d.GrantBudget is < 0, "grantBudget", "Validation_Range", 0, 1_000_000_000);
        v.When(d.GrantBudget is > 1_000_000_000, "grantBudget", "Validation_Range", 0, 1_000_000_000);
        var currency = d.Currency?.Trim().ToUpperInvariant();
        v.When(currency is { Length: > 0 } && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)), "currency", "Validation_Currency");
        v.When(d.GrantBudget is not null && string.IsNullOrEmpty(currency), "currency", "Validation_Required");
        if (d.CeremonyEventId is { } eventId)
        {
            var ceremony = await db.Events.AsNoTracking().Where(e => e.Id == eventId).Select(e => new { e.Kind, e.OrganizationId }).FirstOrDefaultAsync(ct);
            var organization = d.OrganizationId ?? c.OrganizationId;
            v.When(ceremony is null || ceremony.Kind != EventKind.Contest || ceremony.OrganizationId != organization, "ceremonyEventId", "Validation_CeremonyEvent");
        }
        List<RegistrationQuestion> questions = [];
        try { questions = RegistrationQuestion.Normalize(d.Questions ?? []); }
        catch (ValidationFailedException e) { foreach (var error in e.Errors) v.Add(error.Field, error.Key, error.Args); }
        v.ThrowIfAny();

        // Once entries exist, a category they use stays.
        if (c.Id != 0)
        {
            var used = await db.ContestEntries.Where(e => e.ContestId == c.Id && e.Category != null).Select(e => e.Category!).Distinct().ToListAsync(ct);
            if (used.Except(categories).Any()) throw ValidationFailedException.For("categories", "Validation_CategoryInUse", string.Join(", ", used.Except(categories)));
        }

        c.Kind = d.Kind!.Value;
        c.Title = title;
        c.TitleKy = Clean(d.TitleKy);
        c.TitleRu = Clean(d.TitleRu);
        c.TitleEn = Clean(d.TitleEn);
        c.Description = Clean(d.Description);
        c.DescriptionKy = Clean(d.DescriptionKy);
        c.DescriptionRu = Clean(d.DescriptionRu);
        c.DescriptionEn = Clean(d.DescriptionEn);
        c.Categories = categories;
        c.SubmissionOpensUtc = DateTime.SpecifyKind(d.SubmissionOpensUtc!.Value, DateTimeKind.Utc);
        c.SubmissionClosesUtc = DateTime.SpecifyKind(d.SubmissionClosesUtc!.Value, DateTimeKind.Utc);
        c.Blind = d.Blind;
        c.GrantBudget = d.GrantBudget;
        c.Currency = string.IsNullOrEmpty(currency) ? null : currency;
        c.CeremonyEventId = d.CeremonyEventId;
        c.Questions = questions;
        c.UpdatedUtc = Now;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public async Task<Contest> PublishAsync(Actor actor, int contestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contest = await ContestAccess.ManagedAsync(db, actor, contestId, ct, tracking: true);
        if (contest.Status != ContestStatus.Published)
        {
            contest.Status = ContestStatus.Published;
            contest.PublishedUtc = Now;
            contest.UpdatedUtc = Now;
            await db.SaveChangesAsync(ct);
        }
        return contest;
    }

    public async Task<Contest> GetAsync(Actor actor, int contestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contest = await ContestAccess.ManagedAsync(db, actor, contestId, ct);
        contest.Organization = await db.Organizations.AsNoTracking().FirstAsync(o => o.Id == contest.OrganizationId, ct);
        return contest;
    }

    /// <summary>The contests of the organizations the caller manages, newest first, with their entry and jury counts.</summary>
    public async Task<IReadOnlyList<ContestSummary>> ListManagedAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, actor, ct)) return [];
        var managed = ManagementRights.ManagedOrganizationIds(db, actor);
        var rows = await db.Contests.AsNoTracking().Include(c => c.Organization).Include(c => c.Rounds)
            .Where(c => managed.Contains(c.OrganizationId))
            .Select(c => new
            {
                Contest = c,
                Entries = db.ContestEntries.Count(e => e.ContestId == c.Id && e.Status == EntryStatus.Submitted),
                Jurors = db.ContestJurors.Count(j => j.ContestId == c.Id),
            })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.Contest.SubmissionClosesUtc).Select(r => new ContestSummary(r.Contest, r.Entries, r.Jurors)).ToList();
    }

    /// <summary>Published contests for the catalogue: open ones first (by deadline), then those whose window has passed.</summary>
    public async Task<IReadOnlyList<Contest>> ListPublicAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var list = await db.Contests.AsNoTracking().Include(c => c.Organization).Where(c => c.Status == ContestStatus.Published).ToListAsync(ct);
        var now = Now;
        return list.OrderBy(c => c.SubmissionClosesUtc > now ? 0 : 1).ThenBy(c => c.SubmissionClosesUtc > now ? c.SubmissionClosesUtc.Ticks : -c.SubmissionClosesUtc.Ticks).ToList();
    }

    public async Task<Contest?> FindPublicAsync(int contestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Contests.AsNoTracking().Include(c => c.Organization)
            .FirstOrDefaultAsync(c => c.Id == contestId && c.Status == ContestStatus.Published, ct);
    }

    /// <summary>Events of kind Contest of the organizations the caller manages: candidates for the award ceremony.</summary>
    public async Task<IReadOnlyList<(int Id, string Title)>> CeremonyCandidatesAsync(Actor actor, string culture, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await IsOrganizerAsync(db, actor, ct)) return [];
        var managed = ManagementRights.ManagedOrganizationIds(db, actor);
        var events = await db.Events.AsNoTracking().Where(e => e.Kind == EventKind.Contest && managed.Contains(e.OrganizationId))
            .OrderByDescending(e => e.Id).Take(100).ToListAsync(ct);
        return events.Select(e => (e.Id, e.LocalizedTitle(culture))).ToList();
    }

    private static async Task<bool> IsOrganizerAsync(EventsDbContext db, Actor actor, CancellationToken ct) =>
        actor.IsAdministrator || await db.UserRoles.AnyAsync(ur => ur.UserId == actor.UserId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == People.Roles.Organizer), ct);

    // ---- rounds ----

    public async Task<Round> AddRoundAsync(Actor actor, int contestId, RoundDraft draft, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contest = await ContestAccess.ManagedAsync(db, actor, contestId, ct);
        var round = new Round { Name = "", ContestId = contestId, Number = contest.Rounds.Count == 0 ? 1 : contest.Rounds.Max(r => r.Number) + 1 };
        ApplyRound(round, draft);
        db.Rounds.Add(round);
        await db.SaveChangesAsync(ct);
        return round;
    }

    /// <summary>Only a round in Setup can change its rubric: sheets are scored against it.</summary>
    public async Task<Round> UpdateRoundAsync(Actor actor, int roundId, RoundDraft draft, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (round, _) = await ContestAccess.ManagedRoundAsync(db, actor, roundId, ct, tracking: true);
        if (round.Status != RoundStatus.Setup) throw new RuleViolationException("Rule_RoundNotInSetup");
        db.Criteria.RemoveRange(round.Criteria);
        round.Criteria = [];
        ApplyRound(round, draft);
        await db.SaveChangesAsync(ct);
        return round;
    }

    private static void ApplyRound(Round round, RoundDraft d)
    {
        var v = new Validator();
        var name = d.Name?.Trim() ?? "";
        v.When(name.Length == 0, "name", "Validation_Required");
        v.When(name.Length > Round.NameMaxLength, "name", "Validation_TooLong", Round.NameMaxLength);
        v.When(d.SeeOtherScores is { } s && !Enum.IsDefined(s), "seeOtherScores", "Validation_UnknownValue");
        v.When(d.RankBy is { } m && !Enum.IsDefined(m), "rankBy", "Validation_UnknownValue");
        var criteria = d.Criteria ?? [];
        v.When(criteria.Count == 0, "criteria", "Validation_Required");
        v.When(criteria.Count > Round.MaxCriteria, "criteria", "Validation_TooMany", Round.MaxCriteria);
        for (var i = 0; i < criteria.Count; i++)
        {
            var c = criteria[i];
            var cname = c?.Name?.Trim() ?? "";
            v.When(cname.Length == 0, $"criteria[{i}].name", "Validation_Required");
            v.When(cname.Length > Criterion.NameMaxLength, $"criteria[{i}].name", "Validation_TooLong", Criterion.NameMaxLength);
            v.When(c?.Description?.Trim().Length > Criterion.DescriptionMaxLength, $"criteria[{i}].description", "Validation_TooLong", Criterion.DescriptionMaxLength);
            v.When(c?.Weight is not { } w || !double.IsFinite(w) || w <= 0 || w > 1000, $"criteria[{i}].weight", "Validation_Positive", 1000);
            v.When(c?.MaxScore is not { } max || !double.IsFinite(max) || max <= 0 || max > 1000, $"criteria[{i}].maxScore", "Validation_Positive", 1000);
        }
        v.ThrowIfAny();
        round.Name = name;
        round.SeeOtherScores = d.SeeOtherScores ?? SeeOtherScores.Never;
        round.RankBy = d.RankBy ?? RankMethod.Mean;
        round.Criteria = criteria.Select((c, i) => new Criterion
        {
            Position = i, Name = c.Name!.Trim(), Description = Clean(c.Description), Weight = c.Weight!.Value, MaxScore = c.MaxScore!.Value,
        }).ToList();
    }

    public async Task<Round> OpenRoundAsync(Actor actor, int roundId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (round, contest) = await ContestAccess.ManagedRoundAsync(db, actor, roundId, ct, tracking: true);
        if (round.Status == RoundStatus.Open) return round;
        if (round.Status == RoundStatus.Closed) throw new RuleViolationException("Rule_RoundClosed");
        // A later round judges the entries advanced into it: opened empty by hand, it could never receive them.
        if (!round.IsFirst) throw new RuleViolationException("Rule_OpenedByAdvance");
        round.Status = RoundStatus.Open;
        round.OpenedUtc = Now;
        await db.SaveChangesAsync(ct);
        return round;
    }

    public async Task<Round> CloseRoundAsync(Actor actor, int roundId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (round, _) = await ContestAccess.ManagedRoundAsync(db, actor, roundId, ct, tracking: true);
        if (round.Status == RoundStatus.Closed) return round;
        if (round.Status == RoundStatus.Setup) throw new RuleViolationException("Rule_RoundNotOpen");
        round.Status = RoundStatus.Closed;
        round.ClosedUtc = Now;
        await db.SaveChangesAsync(ct);
        return round;
    }

    /// <summary>
    /// Takes the chosen entries (or the top N by the round's ranking) into the next round, which must exist in Setup,
    /// and opens it. Returns the next round with its entries.
    /// </summary>
    public async Task<(Round Next, IReadOnlyList<int> EntryIds)> AdvanceAsync(Actor actor, int roundId, IReadOnlyList<int>? entryIds, int? top,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (round, contest) = await ContestAccess.ManagedRoundAsync(db, actor, roundId, ct, tracking: true);
        if (round.Status != RoundStatus.Closed) throw new RuleViolationException("Rule_RoundNotClosed");
        var next = contest.Rounds.FirstOrDefault(r => r.Number == round.Number + 1) ?? throw new RuleViolationException("Rule_NoNextRound");
        if (next.Status != RoundStatus.Setup) throw new RuleViolationException("Rule_RoundNotInSetup");
        var inRound = await ContestAccess.EntriesOfRound(db, round).Select(e => e.Id).ToListAsync(ct);
        List<int> chosen;
        if (entryIds is { Count: > 0 })
        {
            if (entryIds.Any(id => !inRound.Contains(id))) throw ValidationFailedException.For("entryIds", "Validation_EntryNotInRound");
            chosen = entryIds.Distinct().ToList();
        }
        else if (top is { } n)
        {
            if (n < 1 || n > inRound.Count) throw ValidationFailedException.For("top", "Validation_Range", 1, inRound.Count);
            chosen = (await ComputeAsync(db, round, round.RankBy, ct)).Take(n).Select(r => r.EntryId).ToList();
        }
        else throw ValidationFailedException.For("entryIds", "Validation_Required");

        db.RoundEntries.AddRange(chosen.Select(id => new RoundEntry { RoundId = next.Id, EntryId = id }));
        next.Status = RoundStatus.Open;
        next.OpenedUtc = Now;
        await db.SaveChangesAsync(ct);
        return (next, chosen);
    }

    // ---- results ----

    public async Task<int> GetRoundContestAsync(Actor actor, int roundId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (_, contest) = await ContestAccess.ManagedRoundAsync(db, actor, roundId, ct);
        return contest.Id;
    }

    public async Task<IReadOnlyList<EntryResult>> ResultsAsync(Actor actor, int roundId, RankMethod? method, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (round, _) = await ContestAccess.ManagedRoundAsync(db, actor, roundId, ct);
        return await ComputeAsync(db, round, method ?? round.RankBy, ct);
    }

    /// <summary>The results as spreadsheet rows: both rankings side by side, by the round's method; unrounded numbers.</summary>
    public async Task<IReadOnlyList<Dictionary<string, object?>>> ResultsExportAsync(Actor actor, int roundId, string language, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (round, _) = await ContestAccess.ManagedRoundAsync(db, actor, roundId, ct);
        var byMethod = await ComputeAsync(db, round, round.RankBy, ct);
        var other = (await ComputeAsync(db, round, round.RankBy == RankMethod.Mean ? RankMethod.Normalized : RankMethod.Mean, ct)).ToDictionary(r => r.EntryId, r => r.Rank);
        var titles = await ContestAccess.EntriesOfRound(db, round).ToDictionaryAsync(e => e.Id, e => e.Title, ct);
        string H(string key) => Localization.Texts.Get(key, language);
        return byMethod.Select(r => new Dictionary<string, object?>
        {
            [H("Results_RankMean")] = round.RankBy == RankMethod.Mean ? r.Rank : other[r.EntryId],
            [H("Results_RankNormalized")] = round.RankBy == RankMethod.Normalized ? r.Rank : other[r.EntryId],
            ["Id"] = r.EntryId,
            [H("Entry_Title")] = SpreadsheetText.Safe(titles.GetValueOrDefault(r.EntryId, "")),
            ["n"] = r.JurorCount,
            [H("Results_Mean")] = r.Mean,
            [H("Results_Median")] = r.Median,
            ["σ"] = r.StdDev,
            [H("Results_Normalized")] = r.Normalized,
            [H("Results_Spread")] = r.Spread,
            [H("Results_SpreadWarning")] = r.SpreadWarning ? H("Common_Yes") : "",
        }).ToList();
    }

    private static readonly IReadOnlyDictionary<int, double> NoScores = new Dictionary<int, double>();

    internal static async Task<IReadOnlyList<EntryResult>> ComputeAsync(EventsDbContext db, Round round, RankMethod method, CancellationToken ct)
    {
        var entries = await ContestAccess.EntriesOfRound(db, round).Select(e => new EntryForResults(e.Id, e.SubmittedUtc)).ToListAsync(ct);
        var counting = ContestAccess.CountingSheets(db).Where(s => s.RoundId == round.Id && s.IsFinal);
        // One stored number per sheet; only sheets saved before totals were stored need their score maps read.
        var sheets = (await counting.Where(s => s.Total != null).Select(s => new { s.JurorId, s.EntryId, s.Total }).ToListAsync(ct))
            .Select(s => new FinalSheet(s.JurorId, s.EntryId, NoScores, s.Total)).ToList();
        sheets.AddRange((await counting.Where(s => s.Total == null).Select(s => new { s.JurorId, s.EntryId, s.Scores }).ToListAsync(ct))
            .Select(s => new FinalSheet(s.JurorId, s.EntryId, s.Scores)));
        var rubric = round.Criteria.Select(c => new RubricLine(c.Id, c.Weight, c.MaxScore)).ToList();
        return RoundResults.Compute(rubric, entries, sheets, method);
    }

    // ---- awards ----

    public async Task<Award> AddAwardAsync(Actor actor, int contestId, AwardDraft draft, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contest = await ContestAccess.ManagedAsync(db, actor, contestId, ct);
        // Published awards are public at once; one added later would show before its letter and outside what was announced.
        if (contest.ResultsPublishedUtc is not null) throw new RuleViolationException("Rule_ResultsPublished");
        var v = new Validator();
        v.When(draft.EntryId is null, "entryId", "Validation_Required");
        v.When(draft.Place is not (>= 1 and <= 100), "place", "Validation_Range", 1, 100);
        v.When(draft.Title?.Trim().Length > Award.TitleMaxLength, "title", "Validation_TooLong", Award.TitleMaxLength);
        v.When(draft.Story?.Trim().Length > Award.StoryMaxLength, "story", "Validation_TooLong", Award.StoryMaxLength);
        v.When(draft.GrantAmount is <= 0, "grantAmount", "Validation_Range", 0, contest.GrantBudget ?? 0);
        v.ThrowIfAny();
        var entry = await db.ContestEntries.FirstOrDefaultAsync(e => e.Id == draft.EntryId && e.ContestId == contestId, ct)
                    ?? throw ValidationFailedException.For("entryId", "Validation_EntryNotInContest");
        if (!entry.IsActive) throw new RuleViolationException("Rule_EntryWithdrawn");
        if (await db.Awards.AnyAsync(a => a.ContestId == contestId && a.Category == entry.Category && a.Place == draft.Place, ct))
            throw new ConflictException("Conflict_PlaceTaken");
        if (await db.Awards.AnyAsync(a => a.EntryId == entry.Id, ct)) throw new ConflictException("Conflict_EntryAwarded");
        if (draft.GrantAmount is { } grant)
        {
            if (contest.GrantBudget is not { } budget) throw new RuleViolationException("Rule_NoGrantBudget");
            var given = await db.Awards.Where(a => a.ContestId == contestId && a.GrantAmount != null).Select(a => a.GrantAmount!.Value).ToListAsync(ct);
            if (given.Sum() + grant > budget) throw new RuleViolationException("Rule_GrantOverBudget", budget - given.Sum(), contest.Currency ?? "");
        }
        var award = new Award
        {
            ContestId = contestId, EntryId = entry.Id, Category = entry.Category, Place = draft.Place!.Value, Title = Clean(draft.Title),
            GrantAmount = draft.GrantAmount, Story = Clean(draft.Story), AwardedUtc = Now,
        };
        db.Awards.Add(award);
        await db.SaveChangesAsync(ct);
        return award;
    }

    public async Task RemoveAwardAsync(Actor actor, int awardId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var award = await db.Awards.FirstOrDefaultAsync(a => a.Id == awardId, ct) ?? throw new NotFoundException("award");
        var contest = await ContestAccess.ManagedAsync(db, actor, award.ContestId, ct);
        if (contest.ResultsPublishedUtc is not null) throw new RuleViolationException("Rule_ResultsPublished");
        db.Awards.Remove(award);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<PublicAward>> AwardsAsync(Actor actor, int contestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ContestAccess.ManagedAsync(db, actor, contestId, ct);
        return await AwardRowsAsync(db, contestId, ct);
    }

    private static async Task<IReadOnlyList<PublicAward>> AwardRowsAsync(EventsDbContext db, int contestId, CancellationToken ct, bool activeOnly = false) =>
        (await db.Awards.AsNoTracking().Include(a => a.Entry).Where(a => a.ContestId == contestId && (!activeOnly || a.Entry!.Status == EntryStatus.Submitted)).ToListAsync(ct))
        .OrderBy(a => a.Category).ThenBy(a => a.Place)
        .Select(a => new PublicAward(a, a.Entry!.Title, a.Entry.EntrantName, a.Entry.CountryCode)).ToList();

    /// <summary>Makes the awards public and mails each winner's award letter once (in the entrant's language).</summary>
    public async Task<Contest> PublishResultsAsync(Actor actor, int contestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var contest = await ContestAccess.ManagedAsync(db, actor, contestId, ct, tracking: true);
        if (contest.Status != ContestStatus.Published) throw new RuleViolationException("Rule_ContestNotPublished");
        var awards = await db.Awards.Include(a => a.Entry).Where(a => a.ContestId == contestId).ToListAsync(ct);
        if (awards.Count == 0) throw new RuleViolationException("Rule_NoAwards");
        contest.ResultsPublishedUtc ??= Now;
        foreach (var award in awards.Where(a => a.LetterSentUtc is null && a.Entry!.IsActive))
        {
            Outbox.Enqueue(db, mail.AwardLetter(contest, award.Entry!, award), "AwardLetter", null, Now).ContestEntryId = award.EntryId;
            award.LetterSentUtc = Now;
        }
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return contest;
    }

    /// <summary>The public results: the awards of a contest whose results the organizer published (null otherwise).</summary>
    public async Task<IReadOnlyList<PublicAward>?> PublicResultsAsync(int contestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Contests.AnyAsync(c => c.Id == contestId && c.Status == ContestStatus.Published && c.ResultsPublishedUtc != null, ct)) return null;
        return await AwardRowsAsync(db, contestId, ct, activeOnly: true); // a withdrawn winner leaves the public page
    }

    /// <summary>Winners' stories of published results, newest first: the "success stories" shown with events.</summary>
    public async Task<IReadOnlyList<WinnerStory>> SuccessStoriesAsync(string culture, int take = 6, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Awards.AsNoTracking().Include(a => a.Entry)
            .Join(db.Contests.AsNoTracking().Where(c => c.Status == ContestStatus.Published && c.ResultsPublishedUtc != null), a => a.ContestId, c => c.Id,
                (a, c) => new { Award = a, Contest = c })
            .Where(x => x.Award.Story != null && x.Award.Entry!.Status == EntryStatus.Submitted)
            .ToListAsync(ct);
        return rows.OrderByDescending(x => x.Contest.ResultsPublishedUtc).ThenBy(x => x.Award.Place).Take(take)
            .Select(x => new WinnerStory(x.Contest.Id, x.Contest.LocalizedTitle(culture), x.Contest.Kind, x.Award.Entry!.Title, x.Award.Entry.EntrantName,
                x.Award.Place, x.Award.Title, x.Award.Story!, x.Contest.ResultsPublishedUtc!.Value)).ToList();
    }
}
