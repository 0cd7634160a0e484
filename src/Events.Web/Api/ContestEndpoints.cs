using System.Security.Claims;
using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.People;
using Events.Core.Registration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Events.Web.Api;

public sealed record ContestRequest(int? OrganizationId, ContestKind? Kind, string? Title, string? SubmissionOpensUtc, string? SubmissionClosesUtc, bool? Blind,
    decimal? GrantBudget, string? Currency, string? Description = null, LocalizedTexts? Titles = null, LocalizedTexts? Descriptions = null,
    string[]? Categories = null, int? CeremonyEventId = null, QuestionRequest[]? Questions = null)
{
    public ContestDraft ToDraft() => new(OrganizationId, Kind, Title, ApiContext.ParseUtc(SubmissionOpensUtc, "submissionOpensUtc"),
        ApiContext.ParseUtc(SubmissionClosesUtc, "submissionClosesUtc"), Blind ?? false, GrantBudget, Currency, Description,
        Titles?.Ky, Titles?.Ru, Titles?.En, Descriptions?.Ky, Descriptions?.Ru, Descriptions?.En, Categories,
        CeremonyEventId, Questions?.Select(q => q.ToQuestion()).ToList());
}

public sealed record CriterionDto(int Id, string Name, string? Description, double Weight, double MaxScore);

public sealed record RoundDto(int Id, int ContestId, int Number, string Name, RoundStatus Status, SeeOtherScores SeeOtherScores, RankMethod RankBy,
    IReadOnlyList<CriterionDto> Criteria, string? OpenedUtc, string? ClosedUtc)
{
    public static RoundDto Of(Round r) => new(r.Id, r.ContestId, r.Number, r.Name, r.Status, r.SeeOtherScores, r.RankBy,
        r.Criteria.OrderBy(c => c.Position).Select(c => new CriterionDto(c.Id, c.Name, c.Description, c.Weight, c.MaxScore)).ToList(),
        ApiContext.Utc(r.OpenedUtc), ApiContext.Utc(r.ClosedUtc));
}

public sealed record ContestDto(int Id, int OrganizationId, ContestKind Kind, ContestStatus Status, string Title, LocalizedTexts Titles, string? Description,
    LocalizedTexts Descriptions, IReadOnlyList<string> Categories, string SubmissionOpensUtc, string SubmissionClosesUtc, bool Blind, decimal? GrantBudget,
    string? Currency, int? CeremonyEventId, bool AcceptsEntries, string? ResultsPublishedUtc, IReadOnlyList<RoundDto> Rounds,
    IReadOnlyList<RegistrationQuestion> Questions)
{
    public static ContestDto Of(Contest c, DateTime now) => new(c.Id, c.OrganizationId, c.Kind, c.Status, c.LocalizedTitle(ApiContext.Culture),
        new(c.TitleKy, c.TitleRu, c.TitleEn), c.LocalizedDescription(ApiContext.Culture), new(c.DescriptionKy, c.DescriptionRu, c.DescriptionEn), c.Categories,
        ApiContext.Utc(c.SubmissionOpensUtc), ApiContext.Utc(c.SubmissionClosesUtc), c.Blind, c.GrantBudget, c.Currency, c.CeremonyEventId, c.AcceptsEntries(now),
        ApiContext.Utc(c.ResultsPublishedUtc), c.Rounds.OrderBy(r => r.Number).Select(RoundDto.Of).ToList(), c.Questions);
}

public sealed record CriterionRequest(string? Name, double? Weight, double? MaxScore, string? Description);

public sealed record RoundRequest(string? Name, CriterionRequest[]? Criteria, SeeOtherScores? SeeOtherScores, RankMethod? RankBy)
{
    public RoundDraft ToDraft() => new(Name, Criteria?.Select(c => new CriterionDraft(c.Name, c.Weight, c.MaxScore, c.Description)).ToList(), SeeOtherScores, RankBy);
}

public sealed record EntryRequest(string? Title, string? Summary, string? EntrantName, string? EntrantEmail, string? OrganizationName, string? CountryCode,
    HomeRegion? HomeRegion, Gender? Gender, int? BirthYear, string?[]? Links, string? Category = null, string? Outlet = null, long? ClaimedAudience = null,
    string? Language = null, Dictionary<string, string?>? Answers = null)
{
    public EntryInput ToInput() => new(Title, Summary, EntrantName, EntrantEmail, OrganizationName, CountryCode, HomeRegion, Gender, BirthYear, Links,
        Category, Outlet, ClaimedAudience, Language, Answers);
}

public sealed record EntryCreatedDto(int Id, EntryStatus Status, string ManageToken);

public sealed record AttachmentDto(int Id, string Name, string ContentType, long Size, string Url);

/// <summary>An entry; the entrant fields are null for a juror when judging is blind (and attachment names are "attachment-N").</summary>
public sealed record EntryDto(int Id, int ContestId, string? Category, string Title, string Summary, IReadOnlyList<string> Links, string? Outlet,
    long? ClaimedAudience, EntryStatus Status, string SubmittedUtc, IReadOnlyList<AttachmentDto> Attachments, bool EntrantHidden, string? EntrantName,
    string? EntrantEmail, string? OrganizationName, string? CountryCode, HomeRegion? HomeRegion, Gender? Gender, int? BirthYear)
{
    public static EntryDto Of(EntryView e, string? token = null) => new(e.Id, e.ContestId, e.Category, e.Title, e.Summary, e.Links, e.Outlet, e.ClaimedAudience,
        e.Status, ApiContext.Utc(e.SubmittedUtc),
        e.Attachments.Select(a => new AttachmentDto(a.Id, a.Name, a.ContentType, a.Size,
            $"/api/v1/attachments/{a.Id}" + (token is null ? "" : "?token=" + Uri.EscapeDataString(token)))).ToList(),
        e.Entrant is null, e.Entrant?.Name, e.Entrant?.Email, e.Entrant?.OrganizationName, e.Entrant?.CountryCode, e.Entrant?.HomeRegion, e.Entrant?.Gender,
        e.Entrant?.BirthYear);
}

public sealed record WithdrawRequest(string? ManageToken);

public sealed record JurorRequest(string? UserId, string? Affiliation, string[]? Categories);

public sealed record JurorInviteRequest(string? Email, string? FullName, string? Affiliation, string? Language, string[]? Categories);

public sealed record JurorDto(string JurorId, string FullName, string Email, string? Affiliation, IReadOnlyList<string> Categories);

public sealed record AssignmentRequest(string? JurorId, int? EntryId);

public sealed record AssignmentDto(int RoundId, string JurorId, int EntryId);

public sealed record AutoAssignRequest(int? JurorsPerEntry);

public sealed record ConflictRequest(string? JurorId, int? EntryId, string? Reason);

public sealed record ConflictDto(int Id, string JurorId, int EntryId, string Reason, ConflictSource Source, string DeclaredUtc);

public sealed record ScoreRequest(int CriterionId, double? Score);

public sealed record SheetRequest(ScoreRequest[]? Scores, string? Comment, bool? Final);

public sealed record SheetDto(int Id, int RoundId, int EntryId, string JurorId, IReadOnlyList<ScoreRequest> Scores, string? Comment, bool Final, double Total,
    string UpdatedUtc);

public sealed record SheetRowDto(int Id, int EntryId, string JurorId, string JurorName, bool Final, double Total, string? Comment, string UpdatedUtc, int Changes);

public sealed record ScoreChangeDto(string ChangedUtc, string ChangedBy, IReadOnlyList<ScoreRequest> OldScores, IReadOnlyList<ScoreRequest> NewScores,
    string? OldComment, string? NewComment, bool OldFinal, bool NewFinal);

public sealed record ResultDto(int EntryId, string Title, int Rank, double? Mean, double? Median, double? StdDev, double? Normalized, double? Spread,
    int JurorCount, bool SpreadWarning);

public sealed record AdvanceRequest(int[]? EntryIds, int? Top);

public sealed record AwardRequest(int? EntryId, int? Place, string? Title, decimal? GrantAmount, string? Story);

public sealed record AwardDto(int Id, int ContestId, int EntryId, string? Category, int Place, string? Title, decimal? GrantAmount, string? Story,
    string EntryTitle, string EntrantName, string? CountryCode);

public sealed record ProgressDto(IReadOnlyList<JurorProgress> Jurors, IReadOnlyList<EntryProgress> Entries);

public static class ContestEndpoints
{
    public static void MapContestEndpoints(this RouteGroupBuilder api)
    {
        var contests = api.MapGroup("/contests").WithTags("Contests");

        contests.MapPost("/", async (ContestRequest body, ClaimsPrincipal user, ContestService service, TimeProvider clock, CancellationToken ct) =>
        {
            var c = await service.CreateAsync(user.Actor(), body.ToDraft(), ct);
            return TypedResults.Created($"/api/v1/contests/{c.Id}", ContestDto.Of(c, Now(clock)));
        }).RequireAuthorization(Policies.Organizer).WithSummary("Create a contest (Draft) for an organization the caller organizes.");

        contests.MapPut("/{id:int}", async (int id, ContestRequest body, ClaimsPrincipal user, ContestService service, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(ContestDto.Of(await service.UpdateAsync(user.Actor(), id, body.ToDraft(), ct), Now(clock))))
            .RequireAuthorization(Policies.Organizer).WithSummary("Change a contest's setup (blind or open judging is fixed once a round opened).");

        contests.MapGet("/", async (ContestService service, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok((await service.ListPublicAsync(ct)).Select(c => ContestDto.Of(c, Now(clock)))))
            .WithSummary("Published contests (public): open ones first by deadline.");

        contests.MapGet("/{id:int}", async Task<Results<Ok<ContestDto>, NotFound>> (int id, ClaimsPrincipal user, ContestService service, TimeProvider clock,
            CancellationToken ct) =>
        {
            if (user.ActorOrNull() is { } actor)
            {
                try { return TypedResults.Ok(ContestDto.Of(await service.GetAsync(actor, id, ct), Now(clock))); }
                catch (ForbiddenException) { }
                catch (NotFoundException) { return TypedResults.NotFound(); }
            }
            return await service.FindPublicAsync(id, ct) is { } c ? TypedResults.Ok(ContestDto.Of(c, Now(clock))) : TypedResults.NotFound();
        }).WithSummary("A contest (public when published; drafts to their organizers).");

        contests.MapPost("/{id:int}/publish", async (int id, ClaimsPrincipal user, ContestService service, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(ContestDto.Of(await service.PublishAsync(user.Actor(), id, ct), Now(clock))))
            .RequireAuthorization(Policies.Organizer).WithSummary("Publish: the contest page and its entry form open within the submission window.");

        contests.MapPost("/{id:int}/rounds", async (int id, RoundRequest body, ClaimsPrincipal user, ContestService service, CancellationToken ct) =>
        {
            var r = await service.AddRoundAsync(user.Actor(), id, body.ToDraft(), ct);
            return TypedResults.Created($"/api/v1/rounds/{r.Id}", RoundDto.Of(r));
        }).RequireAuthorization(Policies.Organizer).WithSummary("Add a round (Setup) with its rubric; the first round judges every active entry.");

        contests.MapPost("/{id:int}/entries", async (int id, EntryRequest body, EntryService entries, CancellationToken ct) =>
        {
            var created = await entries.SubmitAsync(id, body.ToInput(), ApiContext.Culture, ct);
            return TypedResults.Created($"/api/v1/entries/by-token/{created.ManageToken}",
                new EntryCreatedDto(created.Entry.Id, created.Entry.Status, created.ManageToken));
        }).RequireRateLimiting(RegistrationEndpoints.RateLimitPolicy)
          .WithSummary("Submit an entry (public) within the submission window; the manage link is mailed in the entrant's language.");

        contests.MapGet("/{id:int}/entries", async (int id, ClaimsPrincipal user, EntryService entries, CancellationToken ct) =>
            TypedResults.Ok((await entries.ListAsync(user.Actor(), id, ct)).Select(e => EntryDto.Of(e))))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("Entries: all for the contest's organizers; for a juror only those assigned without a conflict, without the entrant when blind.");

        contests.MapGet("/{id:int}/jurors", async (int id, ClaimsPrincipal user, JuryService jury, CancellationToken ct) =>
            TypedResults.Ok((await jury.JurorsAsync(user.Actor(), id, ct)).Select(j => new JurorDto(j.JurorId, j.FullName, j.Email, j.Affiliation, j.Categories))))
            .RequireAuthorization(Policies.Organizer).WithSummary("The jury.");

        contests.MapPost("/{id:int}/jurors", async (int id, JurorRequest body, ClaimsPrincipal user, JuryService jury, CancellationToken ct) =>
        {
            var j = await jury.AddJurorAsync(user.Actor(), id, body.UserId, body.Affiliation, body.Categories, ct);
            return TypedResults.Created($"/api/v1/contests/{id}/jurors", new JurorDto(j.JurorId, j.FullName, j.Email, j.Affiliation, j.Categories));
        }).RequireAuthorization(Policies.Organizer)
          .WithSummary("Add an account with the Juror role to the jury (jurorId = user id); likely conflicts are suggested at once.");

        contests.MapPost("/{id:int}/jurors/invite", async (int id, JurorInviteRequest body, ClaimsPrincipal user, JuryService jury, CancellationToken ct) =>
        {
            var j = await jury.InviteJurorAsync(user.Actor(), id, body.Email, body.FullName, body.Affiliation, body.Language ?? ApiContext.Culture, body.Categories, ct);
            return TypedResults.Created($"/api/v1/contests/{id}/jurors", new JurorDto(j.JurorId, j.FullName, j.Email, j.Affiliation, j.Categories));
        }).RequireAuthorization(Policies.Organizer)
          .WithSummary("Invite by email: an existing account gets the Juror role, a new one is created and mailed a link to set its password.");

        contests.MapDelete("/{id:int}/jurors/{jurorId}", async (int id, string jurorId, ClaimsPrincipal user, JuryService jury, CancellationToken ct) =>
        {
            await jury.RemoveJurorAsync(user.Actor(), id, jurorId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Organizer).WithSummary("Remove a juror and their assignments.");

        contests.MapGet("/{id:int}/conflicts", async (int id, ClaimsPrincipal user, JuryService jury, CancellationToken ct) =>
            TypedResults.Ok((await jury.ConflictsAsync(user.Actor(), id, ct)).Select(c => new ConflictDto(c.Id, c.JurorId, c.EntryId, c.Reason, c.Source,
                ApiContext.Utc(c.DeclaredUtc)))))
            .RequireAuthorization(Policies.Organizer).WithSummary("Conflicts of interest: declared and suggested.");

        contests.MapPost("/{id:int}/conflicts", async (int id, ConflictRequest body, ClaimsPrincipal user, JuryService jury, CancellationToken ct) =>
        {
            var c = await jury.DeclareConflictAsync(user.Actor(), id, body.JurorId, body.EntryId, body.Reason, ct);
            return TypedResults.Created($"/api/v1/contests/{id}/conflicts", new ConflictDto(c.Id, c.JurorId, c.EntryId, c.Reason, c.Source, ApiContext.Utc(c.DeclaredUtc)));
        }).RequireAuthorization(Policies.Staff)
          .WithSummary("Declare a conflict (the contest's organizer, or the juror concerned): the juror no longer sees or scores the entry.");

        api.MapDelete("/conflicts/{id:int}", async (int id, ClaimsPrincipal user, JuryService jury, CancellationToken ct) =>
        {
            await jury.DismissConflictAsync(user.Actor(), id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Organizer).WithTags("Contests").WithSummary("Lift a conflict (e.g. a wrong suggestion).");

        contests.MapPost("/{id:int}/awards", async (int id, AwardRequest body, ClaimsPrincipal user, ContestService service, CancellationToken ct) =>
        {
            var a = await service.AddAwardAsync(user.Actor(), id, new AwardDraft(body.EntryId, body.Place, body.Title, body.GrantAmount, body.Story), ct);
            var row = (await service.AwardsAsync(user.Actor(), id, ct)).First(x => x.Award.Id == a.Id);
            return TypedResults.Created($"/api/v1/contests/{id}/awards", AwardOf(row));
        }).RequireAuthorization(Policies.Organizer).WithSummary("Award a place (per category) and optionally a grant, within the grant budget.");

        contests.MapGet("/{id:int}/awards", async (int id, ClaimsPrincipal user, ContestService service, CancellationToken ct) =>
            TypedResults.Ok((await service.AwardsAsync(user.Actor(), id, ct)).Select(AwardOf)))
            .RequireAuthorization(Policies.Organizer).WithSummary("The awards given so far.");

        api.MapDelete("/awards/{id:int}", async (int id, ClaimsPrincipal user, ContestService service, CancellationToken ct) =>
        {
            await service.RemoveAwardAsync(user.Actor(), id, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Organizer).WithTags("Contests").WithSummary("Take an award back (before the results are published).");

        contests.MapPost("/{id:int}/results/publish", async (int id, ClaimsPrincipal user, ContestService service, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(ContestDto.Of(await service.PublishResultsAsync(user.Actor(), id, ct), Now(clock))))
            .RequireAuthorization(Policies.Organizer).WithSummary("Publish the awards on the public results page and mail the award letters.");

        contests.MapGet("/{id:int}/results", async Task<Results<Ok<IEnumerable<AwardDto>>, NotFound>> (int id, ContestService service, CancellationToken ct) =>
            await service.PublicResultsAsync(id, ct) is { } awards ? TypedResults.Ok(awards.Select(AwardOf)) : TypedResults.NotFound())
            .WithSummary("The published awards (public; 404 until the organizer publishes them).");

        api.MapGet("/success-stories", async (ContestService service, int? take, CancellationToken ct) =>
            TypedResults.Ok(await service.SuccessStoriesAsync(ApiContext.Culture, Math.Clamp(take ?? 6, 1, 50), ct)))
            .WithTags("Contests").WithSummary("Winners' stories of published contest results, newest first (public).");

        api.MapGet("/sheets/{id:int}/history", async (int id, ClaimsPrincipal user, ScoringService scoring, CancellationToken ct) =>
            TypedResults.Ok((await scoring.HistoryAsync(user.Actor(), id, ct)).Select(c => new ScoreChangeDto(ApiContext.Utc(c.ChangedUtc), c.ChangedBy,
                c.OldScores.Select(kv => new ScoreRequest(kv.Key, kv.Value)).ToList(), c.NewScores.Select(kv => new ScoreRequest(kv.Key, kv.Value)).ToList(),
                c.OldComment, c.NewComment, c.OldFinal, c.NewFinal))))
            .RequireAuthorization(Policies.Staff).WithTags("Contests")
            .WithSummary("A score sheet's append-only history, oldest first (who, when, old and new): its juror, or the contest's organizers.");

        MapRounds(api);
        MapEntries(api);
    }

    private static void MapRounds(RouteGroupBuilder api)
    {
        var rounds = api.MapGroup("/rounds/{id:int}").WithTags("Contests");
        rounds.MapPut("/", async (int id, RoundRequest body, ClaimsPrincipal user, ContestService service, CancellationToken ct) =>
            TypedResults.Ok(RoundDto.Of(await service.UpdateRoundAsync(user.Actor(), id, body.ToDraft(), ct))))
            .RequireAuthorization(Policies.Organizer).WithSummary("Change a round's name, rubric and options while it is in Setup.");
        rounds.MapPost("/open", async (int id, ClaimsPrincipal user, ContestService service, CancellationToken ct) =>
            TypedResults.Ok(RoundDto.Of(await service.OpenRoundAsync(user.Actor(), id, ct))))
            .RequireAuthorization(Policies.Organizer).WithSummary("Open the round: jurors can save sheets.");
        rounds.MapPost("/close", async (int id, ClaimsPrincipal user, ContestService service, CancellationToken ct) =>
            TypedResults.Ok(RoundDto.Of(await service.CloseRoundAsync(user.Actor(), id, ct))))
            .RequireAuthorization(Policies.Organizer).WithSummary("Close the round: scores are locked.");
        rounds.MapGet("/results", async (int id, RankMethod? method, ClaimsPrincipal user, ContestService service, EntryService entries, CancellationToken ct) =>
        {
            var actor = user.Actor();
            var results = await service.ResultsAsync(actor, id, method, ct);
            var contestId = (await service.GetRoundContestAsync(actor, id, ct));
            var titles = (await entries.ListAsync(actor, contestId, ct)).ToDictionary(e => e.Id, e => e.Title);
            return TypedResults.Ok(results.Select(r => new ResultDto(r.EntryId, titles.GetValueOrDefault(r.EntryId, ""), r.Rank, r.Mean, r.Median, r.StdDev,
                r.Normalized, r.Spread, r.JurorCount, r.SpreadWarning)));
        }).RequireAuthorization(Policies.Organizer)
          .WithSummary("Results by rank (method Mean or Normalized, default the round's rankBy), from final sheets only; numbers unrounded.");
        rounds.MapGet("/sheets", async (int id, ClaimsPrincipal user, ScoringService scoring, CancellationToken ct) =>
            TypedResults.Ok((await scoring.SheetsAsync(user.Actor(), id, ct)).Select(s => new SheetRowDto(s.SheetId, s.EntryId, s.JurorId, s.JurorName, s.IsFinal,
                s.Total, s.Comment, ApiContext.Utc(s.UpdatedUtc), s.Changes))))
            .RequireAuthorization(Policies.Organizer)
            .WithSummary("The round's sheets that count (conflicted pairs and withdrawn entries left out), with totals; each id opens its history at /sheets/{id}/history.");
        rounds.MapGet("/results/export", async (int id, string? format, ClaimsPrincipal user, ContestService service, CancellationToken ct) =>
        {
            var rows = await service.ResultsExportAsync(user.Actor(), id, ApiContext.Culture, ct);
            return await SpreadsheetFiles.FileAsync(rows, format, $"results-round-{id}", ct);
        }).RequireAuthorization(Policies.Organizer)
          .WithSummary("The round's results with both rankings as CSV or XLSX (format=xlsx); entry titles that look like formulas are neutralized.");
        rounds.MapPost("/advance", async (int id, AdvanceRequest body, ClaimsPrincipal user, ContestService service, EntryService entries, CancellationToken ct) =>
        {
            var actor = user.Actor();
            var (next, ids) = await service.AdvanceAsync(actor, id, body.EntryIds, body.Top, ct);
            var chosen = ids.ToHashSet();
            return TypedResults.Ok((await entries.ListAsync(actor, next.ContestId, ct)).Where(e => chosen.Contains(e.Id)).Select(e => EntryDto.Of(e)));
        }).RequireAuthorization(Policies.Organizer)
          .WithSummary("Take the chosen entries (entryIds) or the top N into the next round (which must exist in Setup) and open it; returns the next round's entries.");
        rounds.MapGet("/assignments", async (int id, ClaimsPrincipal user, JuryService jury, CancellationToken ct) =>
            TypedResults.Ok((await jury.AssignmentsAsync(user.Actor(), id, ct)).Select(a => new AssignmentDto(a.RoundId, a.JurorId, a.EntryId))))
            .RequireAuthorization(Policies.Organizer).WithSummary("Who scores what in the round.");
        rounds.MapPost("/assignments", async (int id, AssignmentRequest body, ClaimsPrincipal user, JuryService jury, CancellationToken ct) =>
        {
            var a = await jury.AssignAsync(user.Actor(), id, body.JurorId, body.EntryId, ct);
            return TypedResults.Created($"/api/v1/rounds/{id}/assignments", new AssignmentDto(a.RoundId, a.JurorId, a.EntryId));
        }).RequireAuthorization(Policies.Organizer).WithSummary("Assign a juror to an entry (422 when in conflict or outside the juror's categories).");
        rounds.MapDelete("/assignments/{jurorId}/{entryId:int}", async (int id, string jurorId, int entryId, ClaimsPrincipal user, JuryService jury,
            CancellationToken ct) =>
        {
            await jury.UnassignAsync(user.Actor(), id, jurorId, entryId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Organizer).WithSummary("Remove an assignment.");
        rounds.MapPost("/assignments/auto", async (int id, AutoAssignRequest body, ClaimsPrincipal user, JuryService jury, CancellationToken ct) =>
            TypedResults.Ok((await jury.AutoAssignAsync(user.Actor(), id, body.JurorsPerEntry, ct)).Select(a => new AssignmentDto(a.RoundId, a.JurorId, a.EntryId))))
            .RequireAuthorization(Policies.Organizer)
            .WithSummary("Give every entry jurorsPerEntry jurors: categories respected, conflicts excluded, least-loaded first. Returns the assignments made.");
        rounds.MapGet("/progress", async (int id, ClaimsPrincipal user, JuryService jury, CancellationToken ct) =>
        {
            var p = await jury.ProgressAsync(user.Actor(), id, ct);
            return TypedResults.Ok(new ProgressDto(p.Jurors, p.Entries));
        }).RequireAuthorization(Policies.Organizer).WithSummary("Sheets assigned, final and draft per juror and per entry.");
        rounds.MapPost("/reminders", async (int id, ClaimsPrincipal user, JuryService jury, CancellationToken ct) =>
            TypedResults.Ok(new { reminded = await jury.RemindAsync(user.Actor(), id, ct) }))
            .RequireAuthorization(Policies.Organizer).WithSummary("Mail every juror with unfinished sheets in the open round.");

        rounds.MapGet("/entries/{entryId:int}/scoresheet", async Task<Results<Ok<SheetDto>, NoContent>> (int id, int entryId, ClaimsPrincipal user,
            ScoringService scoring, CancellationToken ct) =>
        {
            var view = await scoring.SheetAsync(user.Actor(), id, entryId, ApiContext.Culture, ct);
            return view.Own is { } own ? TypedResults.Ok(SheetOf(own, view.Round)) : TypedResults.NoContent();
        }).RequireAuthorization(Policies.Staff).WithSummary("The caller's own sheet (204 when none yet; 403 when not assigned or in conflict).");
        rounds.MapPut("/entries/{entryId:int}/scoresheet", async (int id, int entryId, SheetRequest body, ClaimsPrincipal user, ScoringService scoring,
            CancellationToken ct) =>
        {
            var actor = user.Actor();
            var sheet = await scoring.SaveAsync(actor, id, entryId,
                new SheetInput(body.Scores?.Select(s => (s.CriterionId, s.Score)).ToList(), body.Comment, body.Final ?? false), ct);
            var view = await scoring.SheetAsync(actor, id, entryId, ApiContext.Culture, ct);
            return TypedResults.Ok(SheetOf(sheet, view.Round));
        }).RequireAuthorization(Policies.Staff)
          .WithSummary("Save the caller's sheet (draft, or final with every criterion): 403 unassigned or in conflict, 422 when the round is not Open.");
    }

    private static void MapEntries(RouteGroupBuilder api)
    {
        var entries = api.MapGroup("/entries").WithTags("Contests");
        entries.MapPost("/{id:int}/withdraw", async (int id, WithdrawRequest? body, ClaimsPrincipal user, EntryService service, CancellationToken ct) =>
        {
            ContestEntry entry;
            if (body?.ManageToken is { } token)
            {
                var found = await service.FindByTokenAsync(token, ct);
                if (found is null || found.Value.Entry.Id != id) throw new NotFoundException("entry");
                entry = await service.WithdrawAsync(token, ct);
            }
            else if (user.ActorOrNull() is { } actor) entry = await service.WithdrawAsync(actor, id, ct);
            else throw new NotFoundException("entry");
            return TypedResults.Ok(new { status = entry.Status });
        }).WithSummary("Withdraw an entry: the contest's organizer, or the entrant with {manageToken}.");

        var mine = entries.MapGroup("/by-token/{token}");
        mine.MapGet("/", async (string token, EntryService service, CancellationToken ct) =>
        {
            var found = await service.FindByTokenAsync(token, ct) ?? throw new NotFoundException("entry");
            return TypedResults.Ok(EntryDto.Of(EntryView.Of(found.Entry, hideEntrant: false), token));
        }).WithSummary("The entry of the manage token's holder.");
        mine.MapPut("/", async (string token, EntryRequest body, EntryService service, CancellationToken ct) =>
        {
            await service.UpdateAsync(token, body.ToInput(), ct);
            var found = await service.FindByTokenAsync(token, ct);
            return TypedResults.Ok(EntryDto.Of(EntryView.Of(found!.Value.Entry, hideEntrant: false), token));
        }).WithSummary("Edit the entry until the deadline (holder of the token).");
        mine.MapPost("/attachments", async (string token, IFormFile? file, EntryService service, CancellationToken ct) =>
        {
            if (file is null) throw ValidationFailedException.For("file", "Validation_Required");
            await using var stream = file.OpenReadStream();
            var a = await service.AddAttachmentAsync(token, file.FileName, stream, ct);
            return TypedResults.Created($"/api/v1/attachments/{a.Id}", new AttachmentDto(a.Id, a.FileName, a.ContentType, a.Size,
                $"/api/v1/attachments/{a.Id}?token={Uri.EscapeDataString(token)}"));
        }).DisableAntiforgery()
          .WithSummary("Add a file until the deadline (multipart field `file`; PDF, PNG, JPEG, DOCX, XLSX or PPTX, recognized by content; size limit Contests:MaxAttachmentBytes).");
        mine.MapDelete("/attachments/{attachmentId:int}", async (string token, int attachmentId, EntryService service, CancellationToken ct) =>
        {
            await service.RemoveAttachmentAsync(token, attachmentId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Remove a file until the deadline.");
        mine.MapDelete("/", async (string token, EntryService service, CancellationToken ct) =>
        {
            await service.ForgetAsync(token, ct);
            return TypedResults.NoContent();
        }).WithSummary("Delete my entry's data: withdraws it, erases the entrant and deletes the files.");

        api.MapGet("/attachments/{id:int}", async (int id, string? token, ClaimsPrincipal user, EntryService service, HttpResponse response, CancellationToken ct) =>
        {
            var file = await service.OpenAttachmentAsync(user.ActorOrNull(), token, id, ct);
            response.Headers.CacheControl = "private, no-store";
            return TypedResults.File(file.Content, file.ContentType, file.FileName);
        }).WithTags("Contests")
          .WithSummary("An entry's file: for the entrant (token), the contest's organizers, or a juror who may see the entry (named attachment-N when blind).");
    }

    private static SheetDto SheetOf(ScoreSheet s, Round round) => new(s.Id, s.RoundId, s.EntryId, s.JurorId,
        s.Scores.Select(kv => new ScoreRequest(kv.Key, kv.Value)).ToList(), s.Comment, s.IsFinal,
        RoundResults.Total(round.Criteria.Select(c => new RubricLine(c.Id, c.Weight, c.MaxScore)).ToList(), s.Scores), ApiContext.Utc(s.UpdatedUtc));

    private static AwardDto AwardOf(PublicAward a) => new(a.Award.Id, a.Award.ContestId, a.Award.EntryId, a.Award.Category, a.Award.Place, a.Award.Title,
        a.Award.GrantAmount, a.Award.Story, a.EntryTitle, a.EntrantName, a.CountryCode);

    private static DateTime Now(TimeProvider clock) => clock.GetUtcNow().UtcDateTime;
}
