using System.Security.Claims;
using System.Text;
using Bunit;
using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.Data;
using Events.Core.People;
using Events.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Web.Tests.Pages.Contests;

/// <summary>
/// Data for the contest pages, built through the Core services of the running app (the Web tests do not reference Core.Tests):
/// an organizer of a seeded organization, a published contest whose window is open now (the app runs on real time),
/// jurors at jury.test and entrants at example.kg (so no conflict of interest is suggested unless a test wants one).
/// Names are unique per call: the tests of a class share one database.
/// </summary>
internal sealed class ContestPageData
{
    public const string Password = "Strong-Pass-2026";

    /// <summary>"Идея" (weight 1, max 10) and "Влияние" (weight 3, max 5): a total is 100·(1·idea/10 + 3·impact/5)/4.</summary>
    public static readonly IReadOnlyList<CriterionDraft> TwoCriteria = [new("Идея", 1, 10), new("Влияние", 3, 5)];

    /// <summary>One criterion out of 100 (weight 1): a total is the score itself.</summary>
    public static readonly IReadOnlyList<CriterionDraft> OutOfHundred = [new("Overall", 1, 100)];

    private readonly EventsWebFactory _app;

    private readonly Actor _admin;

    private ContestPageData(EventsWebFactory app, Actor admin, Actor organizer, Contest contest)
    {
        _app = app;
        _admin = admin;
        Organizer = organizer;
        Contest = contest;
    }

    public Actor Organizer { get; }
    public Contest Contest { get; }

    public static string Unique() => Guid.NewGuid().ToString("N")[..8];

    public static async Task<ContestPageData> CreateAsync(EventsWebFactory app, bool blind = false, IReadOnlyList<string>? categories = null)
    {
        _ = app.Server;
        string adminId;
        int organizationId;
        await using (var db = Db(app))
        {
            adminId = await db.Users.Where(u => u.Email == EventsWebFactory.AdminEmail).Select(u => u.Id).SingleAsync();
            organizationId = await db.Organizations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
        }
        var admin = new Actor(adminId, IsAdministrator: true, "Admin");
        var organizerId = await UseAsync<UserAdministration, string>(app, users => users.CreateAsync(admin,
            new NewUser($"organizer-{Unique()}@org.test", "Организатор Тестов", Password, [Roles.Organizer], [organizationId])));
        var organizer = new Actor(organizerId, IsAdministrator: false, "Организатор Тестов");
        var now = DateTime.UtcNow;
        var contest = await UseAsync<ContestService, Contest>(app, async contests =>
        {
            var created = await contests.CreateAsync(organizer, new ContestDraft(organizationId, ContestKind.InvestChallenge, $"Инвест-чакырык {Unique()}",
                now.Date.AddDays(-1), now.Date.AddDays(30), Blind: blind, Categories: categories));
            return await contests.PublishAsync(organizer, created.Id);
        });
        return new ContestPageData(app, admin, organizer, contest);
    }

    public static EventsDbContext Db(EventsWebFactory app) =>
        app.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();

    public EventsDbContext Db() => Db(_app);

    private static async Task<T> UseAsync<TService, T>(EventsWebFactory app, Func<TService, Task<T>> call) where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private Task<T> UseAsync<TService, T>(Func<TService, Task<T>> call) where TService : notnull => UseAsync(_app, call);

    /// <summary>An account with the Juror role (joined to this contest's jury unless told otherwise).</summary>
    public async Task<Actor> JurorAsync(string? affiliation = null, bool join = true)
    {
        var name = $"Калыс {Unique()}";
        var id = await UseAsync<UserAdministration, string>(users => users.CreateAsync(_admin,
            new NewUser($"juror-{Unique()}@jury.test", name, Password, [Roles.Juror], [])));
        if (join) await UseAsync<JuryService, JurorRow>(jury => jury.AddJurorAsync(Organizer, Contest.Id, id, affiliation));
        return new Actor(id, IsAdministrator: false, name);
    }

    public static EntryInput Input(string title, string summary, string entrantName, string email, string? organization = null, string? category = null) =>
        new(title, summary, entrantName, email, organization, "KG", Category: category);

    public Task<EntryCreated> SubmitAsync(string? title = null, string? summary = null, string? entrantName = null, string? email = null,
        string? organization = null, string? category = null, IReadOnlyList<UploadedFile>? files = null) =>
        UseAsync<EntryService, EntryCreated>(entries => entries.SubmitAsync(Contest.Id,
            Input(title ?? $"Долбоор {Unique()}", summary ?? $"Кыскача {Unique()}", entrantName ?? $"Катышуучу {Unique()}",
                email ?? $"entrant-{Unique()}@example.kg", organization, category), "ky", files: files));

    public Task<ContestEntry> UpdateEntryAsync(string manageToken, EntryInput input) =>
        UseAsync<EntryService, ContestEntry>(entries => entries.UpdateAsync(manageToken, input));

    public async Task<Round> RoundAsync(IReadOnlyList<CriterionDraft>? criteria = null, SeeOtherScores see = SeeOtherScores.Never, RankMethod rankBy = RankMethod.Mean)
    {
        var round = await UseAsync<ContestService, Round>(contests => contests.AddRoundAsync(Organizer, Contest.Id,
            new RoundDraft($"Тур {Unique()}", criteria ?? TwoCriteria, see, rankBy)));
        round = await UseAsync<ContestService, Round>(contests => contests.OpenRoundAsync(Organizer, round.Id));
        round.Criteria.Sort((a, b) => a.Position.CompareTo(b.Position));
        return round;
    }

    public Task<Round> CloseAsync(Round round) => UseAsync<ContestService, Round>(contests => contests.CloseRoundAsync(Organizer, round.Id));

    public async Task AssignAsync(Round round, Actor juror, params int[] entryIds)
    {
        foreach (var id in entryIds) await UseAsync<JuryService, Assignment>(jury => jury.AssignAsync(Organizer, round.Id, juror.UserId, id));
    }

    /// <summary>Saves a sheet with the scores in the rubric's order.</summary>
    public Task<ScoreSheet> ScoreAsync(Actor juror, Round round, int entryId, bool final, string? comment, params double[] scores) =>
        UseAsync<ScoringService, ScoreSheet>(scoring => scoring.SaveAsync(juror, round.Id, entryId,
            new SheetInput(round.Criteria.Zip(scores, (c, s) => (c.Id, (double?)s)).ToList(), comment, final)));

    public Task<IReadOnlyList<JuryEntry>> MyEntriesAsync(Actor juror, Round round) =>
        UseAsync<ScoringService, IReadOnlyList<JuryEntry>>(scoring => scoring.MyEntriesAsync(juror, round.Id));

    public async Task<ScoreSheet?> SheetAsync(Actor juror, Round round, int entryId)
    {
        await using var db = Db();
        return await db.ScoreSheets.AsNoTracking().SingleOrDefaultAsync(s => s.RoundId == round.Id && s.EntryId == entryId && s.JurorId == juror.UserId);
    }

    /// <summary>A minimal PDF: the type is read from the first bytes ("%PDF-").</summary>
    public static MemoryStream Pdf() => new(Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"));

    /// <summary>Signs the given person in for the bUnit context (what <c>ActorComponent</c> reads: the user id claim).</summary>
    public static void SignIn(BunitContext context, Actor who, params string[] roles)
    {
        var auth = context.AddAuthorization();
        auth.SetAuthorized(who.Name ?? who.UserId);
        auth.SetRoles(roles);
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, who.UserId));
    }
}
