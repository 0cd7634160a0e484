using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Engagement;
using Events.Core.Indicators;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Seeding;

/// <summary>
/// Feedback and reach of this year's held events, so that the dashboard and the M&amp;E report show a realistic year: questions
/// (most answered, after an hour to a few days, some published, some still open), the audience survey in both waves from the
/// registrants (more aware and more satisfied after the event than before), coverage on the audience's channels with links, and the
/// analyst's recommendations for the year.
/// </summary>
public sealed class DemoEngagement : IDemoSeedPart
{
    public string Name => "engagement";
    public int Order => 50;

    private static readonly (string Ky, string Ru)[] QuestionBank =
    [
        ("Мекенге инвестиция салуу үчүн кайсы долбоорлор бар?", "Какие есть проекты, чтобы инвестировать на родине?"),
        ("Чет өлкөдөн туруп ишкана кантип ачсам болот?", "Как открыть предприятие, находясь за рубежом?"),
        ("Жолугушуунун жазуусу кайда жарыяланат?", "Где будет опубликована запись встречи?"),
        ("Айылыма мектеп курууга акча чогултуп жатабыз. Мамлекет колдойбу?", "Мы собираем деньги на школу в селе. Поддержит ли государство?"),
        ("Краудфандинг аркылуу чогулган каражатка салык салынабы?", "Облагаются ли налогом средства, собранные через краудфандинг?"),
        ("Кийинки Онлайн-Мекендеш качан болот?", "Когда будет следующий Онлайн-Мекендеш?"),
        ("Баткенге жардам берүү үчүн кайсы фондго кайрылсак болот?", "В какой фонд обратиться, чтобы помочь Баткену?"),
        ("Жаштардын стартаптарына гранттар барбы?", "Есть ли гранты для стартапов молодёжи?"),
        ("Элчиликтеги жолугушууга онлайн катышсам болобу?", "Можно ли участвовать во встрече в посольстве онлайн?"),
        ("Жер тилкесин ижарага алуу тартиби кандай?", "Каков порядок аренды земельного участка?"),
    ];

    private static readonly string[] AnswerBank =
    [
        "Рахмат сурооңуз үчүн! Долбоорлордун тизмеси министрликтин сайтында жарыяланган, шилтемени почтаңызга жөнөттүк.",
        "Жазуу эки-үч күндүн ичинде YouTube каналыбызга жарыяланат.",
        "Бул маселе боюнча консулдук бөлүмгө кайрылыңыз: документтерди алыстан тапшырууга болот.",
        "Ооба, мамлекеттик-жеке өнөктөштүк программасы бар. Кийинки жолугушууда кеңири айтып беребиз.",
    ];

    public async Task SeedAsync(EventsDbContext db, DemoSeedContext context, CancellationToken ct)
    {
        var now = context.UtcNow;
        var random = context.Random;
        var year = WallClock.ToLocal(now, "Asia/Bishkek").Year;
        var organizer = await db.Users.Where(u => u.Email == $"organizer@{DemoPeople.EmailDomain}").Select(u => u.Id).FirstOrDefaultAsync(ct);
        var analyst = await db.Users.Where(u => u.Email == $"analyst@{DemoPeople.EmailDomain}").Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (organizer is null || analyst is null) return;

        // The year's events as the indicators read them (first session in the year), of which those held by now.
        var from = new DateTime(year, 1, 1);
        var events = (await db.Events.AsNoTracking().Include(e => e.Sessions)
                .Where(e => e.Status == EventStatus.Published || e.Status == EventStatus.Completed).ToListAsync(ct))
            .Select(e => (Event: e, Sessions: e.Sessions.Where(s => s.Status == SessionStatus.Scheduled).OrderBy(s => s.StartUtc).ToList()))
            .Where(x => x.Sessions.Count > 0 && x.Sessions[0].Start >= from && x.Sessions[0].Start < from.AddYears(1) && x.Sessions[0].EndUtc < now)
            .OrderBy(x => x.Sessions[0].StartUtc).ThenBy(x => x.Event.Id).ToList();

        // A demo seeded before this part existed may already hold surveys and responses (people tried the pages): keep them.
        var surveyed = (await db.Surveys.Select(x => x.EventId).ToListAsync(ct)).ToHashSet();
        var responded = (await db.SurveyResponses.Select(x => new { x.RegistrationId, x.Wave }).ToListAsync(ct)).Select(x => (x.RegistrationId, x.Wave)).ToHashSet();
        var post = 1000;
        foreach (var (e, sessions) in events)
        {
            var (start, end) = (sessions[0].StartUtc, sessions[^1].EndUtc);
            var registrations = await db.Registrations.AsNoTracking().Where(r => r.EventId == e.Id && r.Status == RegistrationStatus.Confirmed)
                .OrderBy(r => r.Id).ToListAsync(ct);
            AddQuestions(db, random, e, registrations, start, now, organizer);
            AddSurvey(db, random, e, registrations, start, end, now, surveyed, responded);
            AddCoverage(db, random, e, end, now, organizer, ref post);
        }

        var key = ReportRecommendation.KeyOf(null);
        if (!await db.ReportRecommendations.AnyAsync(r => r.Year == year && r.OrganizationKey == key, ct))
        {
            db.ReportRecommendations.Add(new ReportRecommendation
            {
                Year = year, OrganizationKey = ReportRecommendation.KeyOf(null), UpdatedUtc = now, UpdatedBy = analyst,
                Text = "Онлайн-Мекендеш жолугушууларынан кийин мекендештердин маалымдуулугу өскөн: «кийинки» сурамжылоодо инвестициялык " +
                       "мүмкүнчүлүктөрдү билгендердин үлүшү «чейинкиге» караганда жогору.\n\n" +
                       "- Суроолорго жооп берүү убактысын бир суткага чейин кыскартуу, жооптордун жарымын иш-чаранын барагында жарыялоо.\n" +
                       "- Элчиликтердеги жолугушууларды WhatsApp жана Telegram топторунда алдын ала жарыялоо: репосттордун көбү ушул каналдардан келет.\n" +
                       "- Жазуу жок калган жолугушуулардын видеосун **YouTube** каналына жарыялоо.\n" +
                       "- Жылдын аягына чейин калган элчиликтерде тематикалык жолугушуу өткөрүү.",
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Three to six questions around the event; most answered after an hour to four days, half of those shown on the event page.</summary>
    private static void AddQuestions(EventsDbContext db, Random random, Event e, List<Registration.Registration> people, DateTime start, DateTime now, string organizer)
    {
        int[] delaysInHours = [1, 2, 4, 8, 20, 30, 52, 96];
        var count = 3 + random.Next(4);
        for (var i = 0; i < count; i++)
        {
            var (ky, ru) = QuestionBank[random.Next(QuestionBank.Length)];
            var asker = people.Count > 0 && random.NextDouble() < 0.7 ? people[random.Next(people.Count)] : null;
            var russian = asker?.Language == "ru";
            var asked = start.AddHours(-random.Next(6, 240));
            var question = new Question
            {
                EventId = e.Id, Text = russian ? ru : ky, Name = asker?.FullName, Email = asker?.Email, NormalizedEmail = asker?.NormalizedEmail,
                Language = russian ? "ru" : "ky", AskedUtc = asked,
            };
            var answered = asked.AddHours(delaysInHours[random.Next(delaysInHours.Length)] + random.NextDouble());
            if (random.NextDouble() < 0.8 && answered < now)
            {
                question.Answer(AnswerBank[random.Next(AnswerBank.Length)], organizer, answered);
                if (random.NextDouble() < 0.5) question.SetPublished(true, answered.AddHours(1) < now ? answered.AddHours(1) : now);
            }
            db.Questions.Add(question);
        }
    }

    /// <summary>
    /// The plan's three questions before (from registrants, before the start) and after (from those who came, within a week of the end),
    /// and for Online-Mekendesh editions two questions of the organizer's own.
    /// </summary>
    private static void AddSurvey(EventsDbContext db, Random random, Event e, List<Registration.Registration> people, DateTime start, DateTime end, DateTime now,
        HashSet<int> surveyed, HashSet<(int, SurveyWave)> responded)
    {
        List<RegistrationQuestion> own = [];
        if (e.Kind == EventKind.OnlineMekendesh && !surveyed.Contains(e.Id))
        {
            own =
            [
                new RegistrationQuestion { Id = $"q{e.Id}r", Kind = QuestionKind.YesNo, Prompt = "Кийинки жолугушууга катышасызбы?",
                    PromptRu = "Придёте ли вы на следующую встречу?", PromptEn = "Will you come to the next meeting?" },
                new RegistrationQuestion { Id = $"q{e.Id}c", Kind = QuestionKind.Choice, Prompt = "Жолугушуу тууралуу кайдан билдиңиз?",
                    PromptRu = "Откуда вы узнали о встрече?", PromptEn = "Where did you hear about the meeting?",
                    Options = ["WhatsApp", "Facebook", "Instagram", "Telegram", "Досторумдан"], OptionsRu = ["WhatsApp", "Facebook", "Instagram", "Telegram", "От друзей"],
                    OptionsEn = ["WhatsApp", "Facebook", "Instagram", "Telegram", "From friends"] },
            ];
            db.Surveys.Add(new Survey { EventId = e.Id, Questions = own, UpdatedUtc = start.AddDays(-14) });
        }
        Dictionary<string, string> Answers() => own.Count == 0 ? [] : new()
        {
            [own[0].Id] = random.NextDouble() < 0.8 ? RegistrationQuestion.Yes : RegistrationQuestion.No,
            // Chosen about as the audience uses the channels (domain brief): WhatsApp most, then Facebook, Instagram, Telegram.
            [own[1].Id] = own[1].Options[Pick(random, [38, 23, 16, 8, 15])],
        };

        foreach (var r in people)
        {
            if (random.NextDouble() < 0.45 && r.CreatedUtc < start && !responded.Contains((r.Id, SurveyWave.Baseline)))
                db.SurveyResponses.Add(Response(e, r, SurveyWave.Baseline, random, aware: 0.35, satisfaction: [15, 25, 30, 20, 10], important: 0.6,
                    r.CreatedUtc + (start - r.CreatedUtc) * random.NextDouble(), Answers()));
            var submitted = end.AddHours(2 + random.Next(24 * 6));
            if (r.CheckedInUtc is not null && random.NextDouble() < 0.55 && submitted < now && !responded.Contains((r.Id, SurveyWave.FollowUp)))
                db.SurveyResponses.Add(Response(e, r, SurveyWave.FollowUp, random, aware: 0.75, satisfaction: [3, 7, 15, 40, 35], important: 0.8, submitted, Answers()));
        }
    }

    private static SurveyResponse Response(Event e, Registration.Registration r, SurveyWave wave, Random random, double aware, int[] satisfaction,
        double important, DateTime submitted, Dictionary<string, string> answers) => new()
    {
        EventId = e.Id, RegistrationId = r.Id, Wave = wave, AwareOfOpportunities = random.NextDouble() < aware,
        Satisfaction = 1 + Pick(random, satisfaction), InvestingImportant = random.NextDouble() < important, Answers = answers,
        Language = r.Language, SubmittedUtc = submitted,
    };

    /// <summary>An index drawn with the given weights.</summary>
    private static int Pick(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
            if ((roll -= weights[i]) < 0) return i;
        return weights.Length - 1;
    }

    /// <summary>Posts about the event on the audience's channels after it ended: WhatsApp shares without a link, posts with one.</summary>
    private static void AddCoverage(EventsDbContext db, Random random, Event e, DateTime end, DateTime now, string organizer, ref int post)
    {
        var recorded = end.AddDays(3) < now ? end.AddDays(3) : now;
        CoverageRecord Record(CoverageChannel channel, int reposts, long? views, string? url) =>
            new() { EventId = e.Id, Channel = channel, Reposts = reposts, Views = views, Url = url, RecordedUtc = recorded, RecordedBy = organizer };

        var big = e.Kind == EventKind.OnlineMekendesh;
        db.Coverage.Add(Record(CoverageChannel.WhatsApp, (big ? 60 : 25) + random.Next(80), null, null));
        db.Coverage.Add(Record(CoverageChannel.Facebook, (big ? 30 : 10) + random.Next(50), 1500 + random.Next(6000), $"https://www.facebook.com/migrant.kg/posts/{++post}"));
        db.Coverage.Add(Record(CoverageChannel.Telegram, 8 + random.Next(30), 900 + random.Next(3000), $"https://t.me/migrant_kg/{++post}"));
        if (random.NextDouble() < 0.7)
            db.Coverage.Add(Record(CoverageChannel.Instagram, 5 + random.Next(25), 1200 + random.Next(4000), $"https://www.instagram.com/p/mekendesh{++post}/"));
        if (big && e.RecordingUrl is not null)
            db.Coverage.Add(Record(CoverageChannel.YouTube, 2 + random.Next(10), 500 + random.Next(2500), e.RecordingUrl));
        if (e.Kind == EventKind.EmbassyMeeting)
            db.Coverage.Add(Record(CoverageChannel.NewsMedia, random.Next(5), 3000 + random.Next(9000), $"https://kabar.kg/news/mekendeshter-{++post}/"));
    }
}
