using System.IO.Compression;
using System.Text;
using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.Data;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Tests.Infrastructure;

namespace Events.Core.Tests.Contests;

/// <summary>
/// Test-data builder for contests: an organization, an organizer who belongs to it, a published contest whose window is open
/// at the test clock (2026-11-28 09:00 UTC), jurors (accounts with the Juror role), entries and rounds.
/// </summary>
public sealed class ContestScenario
{
    public static readonly DateTime Opens = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime Closes = new(2026, 12, 15, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Two criteria: "Idea" (weight 1, max 10) and "Impact" (weight 3, max 5); a total is then 2.5·idea + 15·impact.</summary>
    public static readonly IReadOnlyList<CriterionDraft> TwoCriteria = [new("Idea", 1, 10), new("Impact", 3, 5)];

    /// <summary>One criterion out of 100 (weight 1): a total is the score itself.</summary>
    public static readonly IReadOnlyList<CriterionDraft> OutOfHundred = [new("Overall", 1, 100)];

    private int _people;

    private ContestScenario(TestDatabase db, int organizationId, Actor organizer, Contest contest)
    {
        Db = db;
        OrganizationId = organizationId;
        Organizer = organizer;
        Contest = contest;
    }

    public TestDatabase Db { get; }
    public int OrganizationId { get; }
    public Actor Organizer { get; }
    public Contest Contest { get; private set; }

    public ContestService Contests => Db.Get<ContestService>();
    public JuryService Jury => Db.Get<JuryService>();
    public EntryService Entries => Db.Get<EntryService>();
    public ScoringService Scoring => Db.Get<ScoringService>();

    public static async Task<ContestScenario> CreateAsync(TestDatabase db, bool blind = false, IReadOnlyList<string?>? categories = null,
        decimal? grantBudget = null, string? currency = null, bool publish = true, DateTime? opens = null, DateTime? closes = null)
    {
        var org = await db.Get<OrganizationService>().CreateAsync(TestActors.Admin,
            new OrganizationInput("Kyrgyz Diaspora Foundation", OrganizationKind.Ngo, "KG", "Asia/Bishkek"));
        var organizerId = await db.Get<UserAdministration>().CreateAsync(TestActors.Admin,
            new NewUser("organizer@foundation.example", "Айгүл Организатор", "Organizer-2026", [Roles.Organizer], [org.Id]));
        var organizer = new Actor(organizerId, IsAdministrator: false, "Айгүл Организатор");
        var service = db.Get<ContestService>();
        var contest = await service.CreateAsync(organizer, new ContestDraft(org.Id, ContestKind.InvestChallenge, "Invest-challenge 2026", opens ?? Opens, closes ?? Closes,
            Blind: blind, GrantBudget: grantBudget, Currency: currency ?? (grantBudget is null ? null : "KGS"), TitleRu: "Инвест-челлендж 2026",
            TitleKy: "Инвест-чакырык 2026", Categories: categories));
        if (publish) contest = await service.PublishAsync(organizer, contest.Id);
        return new ContestScenario(db, org.Id, organizer, contest);
    }

    /// <summary>An account with the Juror role (joined to the jury unless told otherwise); emails are on a domain no entrant uses.</summary>
    public async Task<Actor> JurorAsync(string? name = null, string? email = null, string? affiliation = null, IReadOnlyList<string>? categories = null,
        IReadOnlyList<int>? organizationIds = null, bool join = true)
    {
        var n = ++_people;
        name ??= $"Juror {n}";
        var id = await Db.Get<UserAdministration>().CreateAsync(TestActors.Admin,
            new NewUser(email ?? $"juror{n}@jury.example", name, "Juror-2026", [Roles.Juror], organizationIds ?? []));
        if (join) await Jury.AddJurorAsync(Organizer, Contest.Id, id, affiliation, categories);
        return new Actor(id, IsAdministrator: false, name);
    }

    public static EntryInput Input(string title, string email, string? organization = null, string? category = null, string? language = null,
        string name = "Нурлан Энтрант") =>
        new(title, "A summary of " + title, name, email, organization, "KG", Category: category, Language: language,
            Links: ["https://example.kg/" + Uri.EscapeDataString(title)]);

    /// <summary>Submits an entry from an address of its own domain, then moves the clock a minute on (submission times differ).</summary>
    public async Task<EntryCreated> SubmitAsync(string title, string? email = null, string? organization = null, string? category = null,
        string? language = null, string name = "Нурлан Энтрант")
    {
        var n = ++_people;
        var created = await Entries.SubmitAsync(Contest.Id, Input(title, email ?? $"entrant{n}@entrant{n}.example", organization, category, language, name), "ky");
        Db.Clock.Advance(TimeSpan.FromMinutes(1));
        return created;
    }

    public async Task<Round> RoundAsync(string name = "Shortlist", IReadOnlyList<CriterionDraft>? criteria = null, SeeOtherScores see = SeeOtherScores.Never,
        RankMethod rankBy = RankMethod.Mean, bool open = true)
    {
        var round = await Contests.AddRoundAsync(Organizer, Contest.Id, new RoundDraft(name, criteria ?? TwoCriteria, see, rankBy));
        return open ? await Contests.OpenRoundAsync(Organizer, round.Id) : round;
    }

    public async Task AssignAsync(Round round, Actor juror, params int[] entryIds)
    {
        foreach (var id in entryIds) await Jury.AssignAsync(Organizer, round.Id, juror.UserId, id);
    }

    /// <summary>Saves a sheet with the scores in the rubric's order.</summary>
    public Task<ScoreSheet> ScoreAsync(Actor juror, Round round, int entryId, bool final, params double[] scores) =>
        Scoring.SaveAsync(juror, round.Id, entryId, new SheetInput(round.Criteria.OrderBy(c => c.Position).Zip(scores, (c, s) => (c.Id, (double?)s)).ToList(), null, final));

    public Task<IReadOnlyList<EntryResult>> ResultsAsync(Round round, RankMethod? method = null) => Contests.ResultsAsync(Organizer, round.Id, method);

    public async Task<T> QueryAsync<T>(Func<EventsDbContext, Task<T>> query)
    {
        await using var context = Db.NewContext();
        return await query(context);
    }

    public Task<EntryAttachment> AttachAsync(EntryCreated entry, string fileName, byte[] bytes) =>
        Entries.AddAttachmentAsync(entry.ManageToken, fileName, new MemoryStream(bytes));

    // ---- files ----

    public static byte[] Pdf(string text = "entry") => Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\n%%EOF\n");

    /// <summary>A Windows executable's first bytes ("MZ", the DOS stub).</summary>
    public static byte[] Exe() => [.. "MZ"u8, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, .. "This program cannot be run in DOS mode."u8];

    /// <summary>A zip with the given parts (a real DOCX has [Content_Types].xml and word/document.xml).</summary>
    public static byte[] Zip(params string[] parts)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var part in parts)
            {
                using var writer = new StreamWriter(zip.CreateEntry(part).Open(), Encoding.UTF8);
                writer.Write(part switch
                {
                    "[Content_Types].xml" => """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""",
                    "word/document.xml" => """<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Бизнес-план</w:t></w:r></w:p></w:body></w:document>""",
                    _ => "just text",
                });
            }
        }
        return stream.ToArray();
    }

    public static byte[] Docx() => Zip("[Content_Types].xml", "word/document.xml");
}
