using Events.Core.Contests;
using Events.Core.Data;
using Events.Core.People;
using Events.Core.Registration;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Seeding;

/// <summary>
/// A Mykty Mekendesh contest of the Ministry (MLSSM) whose window has closed: entries drawn from the diaspora's real
/// stories, a jury of three, a closed shortlist round with every sheet final, and an open final round with some sheets still to do;
/// and last year's journalists' contest with published awards, whose winners' stories show on the home page.
/// </summary>
public sealed class DemoContests(IPasswordHasher<EventsUser> hasher) : IDemoSeedPart
{
    public string Name => "contests";
    public int Order => 40;

    private static readonly (string Title, string Summary, string Name, string Country, string? Org, Gender Gender, HomeRegion Region)[] Stories =
    [
        ("Кислород концентраторлору Бишкекке", "2020-жылы июлда Стамбулдагы диаспора Саламаттыкты сактоо министрлигине 15 кислород концентраторун жана 13 000 долларлык дары берди.", "Айбек Мамытов", "TR", "Türkiye Kırgız Diasporası", Gender.Male, HomeRegion.Osh),
        ("Филадельфиядан жардам", "2020-жылы жайында Филадельфиядагы мекендештер 54 кислород концентраторун жана 5 000 долларлык дары жөнөтүштү.", "Жылдыз Токтогулова", "US", "Kyrgyz Community of Philadelphia", Gender.Female, HomeRegion.Chui),
        ("Баткенге 3 миллион сом", "2021-жылы майда Новосибирск облусундагы диаспора Баткен жана Лейлек райондоруна барып, 3 миллион сомдон ашык жардам көрсөттү.", "Нурлан Осмонов", "RU", "Кыргызская диаспора Новосибирска", Gender.Male, HomeRegion.Batken),
        ("Чикаго — Баткен", "Чикагодогу мекендештер Баткен үчүн 70 000 доллар чогултушту.", "Айпери Садыкова", "US", null, Gender.Female, HomeRegion.Batken),
        ("Кашкалдактагы үй", "2019-жылы Россияда иштеген Кашкалдак айылынын тургундары төрт баланы жалгыз баккан энеге 600 000 сомдук үй куруп беришти.", "Улан Жумабаев", "RU", null, Gender.Male, HomeRegion.OshRegion),
        ("Нью-Йорктон Баткенге", "Нью-Йорктогу диаспора Баткенге 22 000 доллар чогултту.", "Бермет Абдыкадырова", "US", "Kyrgyz American Foundation", Gender.Female, HomeRegion.Talas),
        ("Огайодогу мекендештер", "Огайо штатындагы мекендештер 20 000 доллар чогултушту.", "Эрлан Исаков", "US", null, Gender.Male, HomeRegion.Naryn),
        ("Питтсбургдан колдоо", "Питтсбургдагы мекендештер 10 000 доллар жөнөтүштү.", "Асель Турдубаева", "US", null, Gender.Female, HomeRegion.IssykKul),
    ];

    public async Task SeedAsync(EventsDbContext db, DemoSeedContext context, CancellationToken ct)
    {
        var now = context.UtcNow;
        var random = context.Random;
        var orgId = await db.Organizations.Where(o => o.Code == "MLSSM").Select(o => o.Id).FirstAsync(ct);
        var jurorRole = await db.Roles.Where(r => r.Name == Roles.Juror).Select(r => r.Id).FirstAsync(ct);
        var jurors = new List<string>();
        var first = await db.Users.Where(u => u.Email == $"juror@{DemoPeople.EmailDomain}").Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (first is not null) jurors.Add(first);
        foreach (var (login, name) in new[] { ("juror2", "Гүлнара Бекмуратова"), ("juror3", "Канат Өмүрбеков") })
        {
            var email = $"{login}@{DemoPeople.EmailDomain}";
            var user = new EventsUser
            {
                Id = Guid.NewGuid().ToString(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(), FullName = name, CreatedUtc = now,
            };
            user.PasswordHash = hasher.HashPassword(user, context.StaffPassword);
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = jurorRole });
            jurors.Add(user.Id);
        }

        var contest = new Contest
        {
            OrganizationId = orgId, Kind = ContestKind.MyktyMekendesh, Status = ContestStatus.Published, Blind = true,
            Title = "«Мыкты мекендеш» — мекенине инвестиция салган мекендештер",
            TitleRu = "«Мыкты мекендеш» — соотечественники, вложившие средства в родину",
            TitleEn = "Mykty Mekendesh — compatriots who invested at home",
            Description = "Мекенине инвестиция салган же кайрымдуулук кылган мекендештердин мыкты долбоорлору сыйланат.\n\n" +
                          "- арызды мекендеш өзү же диаспора берет;\n- долбоордун натыйжасы далилдениши керек (шилтемелер, сүрөттөр);\n- жеңүүчүлөр Мекендештер күнүндө сыйланат.",
            DescriptionRu = "Награждаются лучшие проекты соотечественников, вложивших средства в родину или оказавших помощь.",
            DescriptionEn = "The best projects of compatriots who invested at home or helped it are honoured.",
            SubmissionOpensUtc = now.AddDays(-70), SubmissionClosesUtc = now.AddDays(-10), GrantBudget = 500_000, Currency = "KGS",
            CreatedUtc = now.AddDays(-80), UpdatedUtc = now.AddDays(-70), PublishedUtc = now.AddDays(-70),
        };
        db.Contests.Add(contest);
        await db.SaveChangesAsync(ct);

        var entries = Stories.Select((s, i) => new ContestEntry
        {
            ContestId = contest.Id, Title = s.Title, Summary = s.Summary, EntrantName = s.Name,
            EntrantEmail = $"entrant{i + 1}@{DemoPeople.EmailDomain}", NormalizedEmail = $"entrant{i + 1}@{DemoPeople.EmailDomain}",
            OrganizationName = s.Org, CountryCode = s.Country, Gender = s.Gender, HomeRegion = s.Region, BirthYear = 1970 + random.Next(30),
            Language = "ky", SubmittedUtc = now.AddDays(-60 + i * 6), UpdatedUtc = now.AddDays(-60 + i * 6),
            ManageTokenHash = ManageTokens.Hash(ManageTokens.New()), ManageTokenSealed = "",
        }).ToList();
        db.ContestEntries.AddRange(entries);
        db.ContestJurors.AddRange(jurors.Select(j => new ContestJuror { ContestId = contest.Id, UserId = j, AddedUtc = now.AddDays(-20) }));

        Criterion C(int position, string name, double weight, double max) => new() { Position = position, Name = name, Weight = weight, MaxScore = max };
        var shortlist = new Round
        {
            ContestId = contest.Id, Number = 1, Name = "Кыска тизме", Status = RoundStatus.Closed, OpenedUtc = now.AddDays(-9), ClosedUtc = now.AddDays(-3),
            Criteria = [C(0, "Мекенге пайдасы", 3, 10), C(1, "Масштабы", 2, 10), C(2, "Далилдер", 1, 5)],
        };
        var final = new Round
        {
            ContestId = contest.Id, Number = 2, Name = "Финал", Status = RoundStatus.Open, OpenedUtc = now.AddDays(-2), SeeOtherScores = SeeOtherScores.AfterOwn,
            Criteria = [C(0, "Таасири", 2, 10), C(1, "Туруктуулугу", 1, 10), C(2, "Башкаларга үлгү", 1, 10)],
        };
        db.Rounds.AddRange(shortlist, final);
        await db.SaveChangesAsync(ct);

        // Shortlist: every juror scored every entry, final.
        foreach (var e in entries)
            foreach (var j in jurors)
            {
                db.Assignments.Add(new Assignment { RoundId = shortlist.Id, JurorId = j, EntryId = e.Id, AssignedUtc = now.AddDays(-9) });
                db.ScoreSheets.Add(Sheet(shortlist, e.Id, j, random, now.AddDays(-5), final: true));
            }
        await db.SaveChangesAsync(ct);

        // The final takes the four best of the shortlist; two jurors are done, the third has one draft.
        var rubric = shortlist.Criteria.Select(c => new RubricLine(c.Id, c.Weight, c.MaxScore)).ToList();
        var sheets = await db.ScoreSheets.Where(s => s.RoundId == shortlist.Id).ToListAsync(ct);
        var ranked = RoundResults.Compute(rubric, entries.Select(e => new EntryForResults(e.Id, e.SubmittedUtc)).ToList(),
            sheets.Select(s => new FinalSheet(s.JurorId, s.EntryId, s.Scores)).ToList(), RankMethod.Mean);
        var finalists = ranked.Take(4).Select(r => r.EntryId).ToList();
        db.RoundEntries.AddRange(finalists.Select(id => new RoundEntry { RoundId = final.Id, EntryId = id }));
        foreach (var id in finalists)
            foreach (var (j, index) in jurors.Select((j, index) => (j, index)))
            {
                db.Assignments.Add(new Assignment { RoundId = final.Id, JurorId = j, EntryId = id, AssignedUtc = now.AddDays(-2) });
                if (index < jurors.Count - 1) db.ScoreSheets.Add(Sheet(final, id, j, random, now.AddDays(-1), final: true));
                else if (id == finalists[0]) db.ScoreSheets.Add(Sheet(final, id, j, random, now.AddHours(-5), final: false));
            }
        await db.SaveChangesAsync(ct);
        await SeedPublishedAsync(db, orgId, jurors, context, ct);
    }

    /// <summary>Last year's journalists' contest, judged and published: its winners' stories are the home page's success stories.</summary>
    private static async Task SeedPublishedAsync(EventsDbContext db, int orgId, IReadOnlyList<string> jurors, DemoSeedContext context, CancellationToken ct)
    {
        var now = context.UtcNow;
        var contest = new Contest
        {
            OrganizationId = orgId, Kind = ContestKind.Journalism, Status = ContestStatus.Published,
            Title = "«Адамдардын жашоосун өзгөрткөн инвестициялар» — журналисттердин сынагы",
            TitleRu = "«Инвестиции, которые меняют жизнь людей» — конкурс журналистов",
            TitleEn = "Investments that change people's lives — journalists' contest",
            Description = "Мекендештердин инвестициялары жана жардамы тууралуу макалалар, видеолор жана радиоберүүлөр.",
            SubmissionOpensUtc = now.AddDays(-300), SubmissionClosesUtc = now.AddDays(-240), GrantBudget = 150_000, Currency = "KGS",
            CreatedUtc = now.AddDays(-310), UpdatedUtc = now.AddDays(-200), PublishedUtc = now.AddDays(-300), ResultsPublishedUtc = now.AddDays(-200),
        };
        db.Contests.Add(contest);
        await db.SaveChangesAsync(ct);
        (string Title, string Name, string Outlet, long Audience, string? Story)[] works =
        [
            ("Баткендин суусу: Чикагодон келген жардам", "Айжан Үсөнова", "Азаттык", 120_000,
                "Чикагодогу мекендештер чогулткан 70 000 доллар Баткендеги айылдарга таза суу алып келгенин көрсөткөн репортаж."),
            ("Стамбулдан келген дем", "Мирлан Шаршеев", "Кабар", 85_000,
                "Пандемия учурунда Түркиядагы диаспора берген кислород концентраторлору ооруканаларга кантип жеткенин баяндаган макала."),
            ("Кашкалдактагы үй", "Элнура Кадырова", "24.kg", 40_000, null),
            ("Новосибирск — Лейлек", "Темирлан Мамытов", "Ош ТВ", 30_000, null),
        ];
        var entries = works.Select((w, i) => new ContestEntry
        {
            ContestId = contest.Id, Title = w.Title, Summary = w.Title, EntrantName = w.Name, EntrantEmail = $"journalist{i + 1}@{DemoPeople.EmailDomain}",
            NormalizedEmail = $"journalist{i + 1}@{DemoPeople.EmailDomain}", Outlet = w.Outlet, ClaimedAudience = w.Audience, CountryCode = "KG",
            Gender = i % 2 == 0 ? Gender.Female : Gender.Male, Language = "ky", SubmittedUtc = now.AddDays(-290 + i * 5), UpdatedUtc = now.AddDays(-290 + i * 5),
            ManageTokenHash = ManageTokens.Hash(ManageTokens.New()), ManageTokenSealed = "",
        }).ToList();
        db.ContestEntries.AddRange(entries);
        db.ContestJurors.AddRange(jurors.Select(j => new ContestJuror { ContestId = contest.Id, UserId = j, AddedUtc = now.AddDays(-245) }));
        var round = new Round
        {
            ContestId = contest.Id, Number = 1, Name = "Жыйынтыктоочу тур", Status = RoundStatus.Closed, OpenedUtc = now.AddDays(-235), ClosedUtc = now.AddDays(-210),
            Criteria = [new() { Position = 0, Name = "Тема ачылышы", Weight = 2, MaxScore = 10 }, new() { Position = 1, Name = "Аудиторияга жетүү", Weight = 1, MaxScore = 10 }],
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync(ct);
        foreach (var (e, i) in entries.Select((e, i) => (e, i)))
            foreach (var j in jurors)
            {
                db.Assignments.Add(new Assignment { RoundId = round.Id, JurorId = j, EntryId = e.Id, AssignedUtc = now.AddDays(-235) });
                var scores = round.Criteria.ToDictionary(c => c.Id, c => Math.Max(3, 10 - i * 2 - context.Random.Next(2)) * 1.0);
                var sheet = new ScoreSheet
                {
                    RoundId = round.Id, EntryId = e.Id, JurorId = j, IsFinal = true, UpdatedUtc = now.AddDays(-215),
                    Changes = [new ScoreChange { ChangedBy = j, ChangedUtc = now.AddDays(-215), NewScores = new(scores), NewFinal = true }],
                };
                sheet.SetScores(scores, Rubric(round));
                db.ScoreSheets.Add(sheet);
            }
        foreach (var (e, place) in entries.Take(2).Select((e, i) => (e, i + 1)))
            db.Awards.Add(new Award
            {
                ContestId = contest.Id, EntryId = e.Id, Place = place, Title = place == 1 ? "Гран-при" : null, GrantAmount = place == 1 ? 100_000 : 50_000,
                Story = works[place - 1].Story, AwardedUtc = now.AddDays(-205), LetterSentUtc = now.AddDays(-200),
            });
    }

    private static ScoreSheet Sheet(Round round, int entryId, string jurorId, Random random, DateTime when, bool final)
    {
        var scores = round.Criteria.ToDictionary(c => c.Id, c => Math.Round(c.MaxScore * (0.45 + random.NextDouble() * 0.55) * 2) / 2);
        var sheet = new ScoreSheet
        {
            RoundId = round.Id, EntryId = entryId, JurorId = jurorId, IsFinal = final, UpdatedUtc = when,
            Changes = [new ScoreChange { ChangedBy = jurorId, ChangedUtc = when, NewScores = new(scores), NewFinal = final }],
        };
        sheet.SetScores(scores, Rubric(round));
        return sheet;
    }

    private static List<RubricLine> Rubric(Round round) => round.Criteria.Select(c => new RubricLine(c.Id, c.Weight, c.MaxScore)).ToList();
}
