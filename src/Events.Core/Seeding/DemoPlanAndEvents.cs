using Events.Core.Data;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Seeding;

/// <summary>
/// This year's plan in motion: Online-Mekendesh editions every two months in two time-zone options
/// (past ones held, the next ones published), embassy thematic meetings (some embassies still without
/// one), a contest, a course and a webinar.
/// </summary>
public sealed class DemoPlanAndEvents : IDemoSeedPart
{
    public string Name => "plan-and-events";
    public int Order => 20;

    public async Task SeedAsync(EventsDbContext db, DemoSeedContext context, CancellationToken ct)
    {
        var now = context.UtcNow;
        var year = WallClock.ToLocal(now, "Asia/Bishkek").Year;
        var orgs = await db.Organizations.Where(o => o.Code != null).ToDictionaryAsync(o => o.Code!, o => o.Id, ct);
        var organizer = await db.Users.Where(u => u.Email == $"organizer@{DemoPeople.EmailDomain}").Select(u => u.Id).FirstOrDefaultAsync(ct);

        // Online-Mekendesh: one edition every two months; option 1 suits Russia and Central Asia, option 2 Europe, the Gulf and the Americas.
        var series = new EventSeries { OrganizationId = orgs["MLSSM"], Rule = "FREQ=MONTHLY;INTERVAL=2;COUNT=9", CreatedUtc = now };
        var topics = new[] { "Инвестициялык долбоорлор", "Мекенге салым", "Краудфандинг", "Жаштар стартаптары", "Айыл чарба", "Туризм", "IT жана санарип", "Билим берүү", "Саламаттык" };
        for (var i = 0; i < 9; i++)
        {
            var date = new DateTime(year, 1, 24).AddMonths(2 * i);
            var e = NewEvent(orgs["MLSSM"], EventKind.OnlineMekendesh,
                $"Онлайн-Мекендеш №{i + 1}: {topics[i]}", $"Online-Mekendesh #{i + 1}: meeting with state agencies", $"Онлайн-Мекендеш №{i + 1}",
                "Мамлекеттик органдар, ЖӨБ жана бейөкмөт уюмдар менен онлайн жолугушуу: маалымат, суроо-жооп, ийгилик тарыхтары.\n\n" +
                "* Мекендештердин суроолоруна жооптор\n* **Инвестициялык долбоорлордун** сереби\n* Ийгиликтүү мекендештердин тажрыйбасы", now);
            e.Series = series;
            e.SeriesIndex = i;
            e.Sessions.Add(Session.Create(new SessionInput("1", date.AddHours(15), "Europe/Moscow", 90, SessionMode.Online,
                "https://zoom.us/j/1000000" + i, Capacity: 500), now, organizer));
            e.Sessions.Add(Session.Create(new SessionInput("2", date.AddHours(20), "Europe/Moscow", 90, SessionMode.Online,
                "https://zoom.us/j/2000000" + i, Capacity: 500), now, organizer));
            Finish(e, now, "https://www.youtube.com/@migrant_kg");
            series.Events.Add(e);
        }
        db.EventSeries.Add(series);

        // Embassy thematic meetings on investment projects at home: some held, some coming, some embassies without one yet.
        (string Code, int Month, int Day, string City, string Address, string Zone)[] meetings =
        [
            ("EMB-RU", 3, 14, "Москва", "Москва ш., Б. Ордынка көч., 64", "Europe/Moscow"),
            ("CON-TR-ISTANBUL", 5, 16, "Стамбул", "İstanbul, Şişli", "Europe/Istanbul"),
            ("CON-KZ-ALMATY", 6, 20, "Алматы", "Алматы ш., Ауэзов көч.", "Asia/Almaty"),
            ("EMB-KR", 9, 26, "Сеул", "Seoul, Yongsan-gu", "Asia/Seoul"),
            ("EMB-DE", 12, 12, "Берлин", "Berlin, Otto-Suhr-Allee 146", "Europe/Berlin"),
            ("CON-AE-DUBAI", 12, 19, "Дубай", "Dubai, Al Qusais", "Asia/Dubai"),
        ];
        foreach (var m in meetings)
        {
            var e = NewEvent(orgs[m.Code], EventKind.EmbassyMeeting, $"{m.City}: мекендештер менен инвестициялык долбоорлор боюнча жолугушуу",
                $"{m.City}: meeting on investment projects at home", $"{m.City}: встреча по инвестиционным проектам на родине",
                "Элчиликте мекендештер менен тематикалык жолугушуу: Кыргызстандагы инвестициялык мүмкүнчүлүктөр.", now);
            e.Sessions.Add(Session.Create(new SessionInput(null, new DateTime(year, m.Month, m.Day, 11, 0, 0), m.Zone, 120, SessionMode.Hybrid,
                "https://meet.example.kg/embassy-" + m.Code.ToLowerInvariant(), "Элчиликтин залы", m.Address, 80), now, organizer));
            Finish(e, now, null);
            db.Events.Add(e);
        }

        var contest = NewEvent(orgs["MFA"], EventKind.Contest, "«Мыкты Мекендеш» сыйлыгы", "Mykty Mekendesh award", "Премия «Мыкты Мекендеш»",
            "Мекендештердин мыкты инвестициялык долбооруна берилүүчү сыйлык. Арыздарды кабыл алуу жана жыйынтыктарды жарыялоо.", now);
        contest.Sessions.Add(Session.Create(new SessionInput("Жыйынтык", new DateTime(year + 1, 3, 20, 16, 0, 0), "Asia/Bishkek", 120, SessionMode.Hybrid,
            "https://meet.example.kg/mykty", "Бишкек, Мамлекеттик филармония", "Чүй пр., 253", 300), now, organizer));
        Finish(contest, now, null);
        db.Events.Add(contest);

        var course = NewEvent(orgs["MEC"], EventKind.Course, "Жеке финансыны башкаруу: онлайн курс", "Personal financial management: online course",
            "Управление личными финансами: онлайн-курс", "Төрт модуль: бюджет, топтоо, инвестиция, мекенге салым.", now);
        for (var w = 0; w < 4; w++)
            course.Sessions.Add(Session.Create(new SessionInput($"Модуль {w + 1}", new DateTime(year + 1, 1, 17, 18, 0, 0).AddDays(7 * w), "Asia/Bishkek", 90,
                SessionMode.Online, "https://teams.example.kg/course-finance", Capacity: 60), now, organizer));
        Finish(course, now, null);
        db.Events.Add(course);

        var webinar = NewEvent(orgs["MLSSM"], EventKind.Webinar, "«Чет өлкөдөгү мекендештер» вебинары: Чикагодон Баткенге", "Webinar “Compatriots Abroad”: from Chicago to Batken",
            "Вебинар «Соотечественники за рубежом»: из Чикаго в Баткен",
            "2021-жылы Чикагодогу диаспора Баткен үчүн 70 000 USD чогулткан. Уюштуруучулар тажрыйбасы менен бөлүшөт.", now);
        webinar.Sessions.Add(Session.Create(new SessionInput(null, new DateTime(year, 12, 10, 10, 0, 0), "America/Chicago", 60, SessionMode.Online,
            "https://zoom.us/j/3000000", Capacity: null), now, organizer));
        Finish(webinar, now, null);
        db.Events.Add(webinar);

        await db.SaveChangesAsync(ct);
    }

    private static Event NewEvent(int organizationId, EventKind kind, string titleKy, string titleEn, string titleRu, string description, DateTime now) =>
        new()
        {
            OrganizationId = organizationId, Kind = kind, Title = titleKy, TitleKy = titleKy, TitleEn = titleEn, TitleRu = titleRu,
            Description = description, Audience = EventAudience.Compatriots | EventAudience.Youth, CreatedUtc = now, UpdatedUtc = now,
            Topics = "инвестиция, диаспора",
        };

    /// <summary>Published; completed (with a recording) when every session has ended.</summary>
    private static void Finish(Event e, DateTime now, string? recording)
    {
        e.Publish(now);
        if (e.Sessions.All(s => s.EndUtc < now))
        {
            e.RecordingUrl = recording;
            e.Complete(now);
        }
    }
}
