using Events.Core.Calendar;
using Events.Core.Common;
using Events.Core.Scheduling;

namespace Events.Core.Tests.Calendar;

public class CalendarFeedTests
{
    private static readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    private static FeedEntry Entry(string uid, string zone, DateTime startUtc, string summary = "Онлайн-Мекендеш ң ө ү 🇰🇬") =>
        new(uid, 3, startUtc, startUtc.AddMinutes(90), zone, false, summary, "Сүрөттөмө\nhttps://events.kg/events/1", "Online",
            "https://events.kg/events/1", "MLSSM", new DateTime(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Publish_ParsesBackWithEveryZoneUidSequenceAndUnicode()
    {
        var start = new DateTime(2027, 3, 27, 22, 0, 0, DateTimeKind.Utc);
        var ics = CalendarFeed.Publish([Entry("a@events.kg", "America/New_York", start), Entry("b@events.kg", "Asia/Bishkek", start.AddHours(9))], "Иш-чаралар", Clock);

        var calendar = Ical.Net.Calendar.Load(ics)!;
        Assert.Equal("PUBLISH", calendar.Method);
        Assert.Equal(["America/New_York", "Asia/Bishkek"], calendar.TimeZones.Select(z => z.TzId).Order());
        var first = calendar.Events.Single(e => e.Uid == "a@events.kg");
        Assert.Equal(3, first.Sequence);
        Assert.Equal("America/New_York", first.DtStart!.TzId);
        Assert.Equal(new DateTime(2027, 3, 27, 18, 0, 0), first.DtStart.Value);
        Assert.Equal(start, first.DtStart.AsUtc);
        Assert.Equal("Онлайн-Мекендеш ң ө ү 🇰🇬", first.Summary);
        Assert.Contains("TZID=Asia/Bishkek", ics);
        Assert.Contains("\r\n", ics);
    }

    [Fact]
    public void Publish_LongUnicodeLines_FoldedAt75Octets()
    {
        var ics = CalendarFeed.Publish([Entry("c@events.kg", "Europe/Moscow", Clock.GetUtcNow().UtcDateTime, new string('ө', 120))], "x", Clock);
        Assert.All(ics.Split("\r\n"), line => Assert.True(System.Text.Encoding.UTF8.GetByteCount(line) <= 75, line));
        Assert.Equal(new string('ө', 120), Ical.Net.Calendar.Load(ics)!.Events.Single().Summary);
    }

    [Fact]
    public void SafeMarkdown_ScriptsAndHandlersRemoved()
    {
        var html = SafeMarkdown.ToHtml("**Калың** <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>");
        Assert.Contains("<strong>Калың</strong>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("<img", html); // raw HTML is shown as text, never as markup
        Assert.Contains("&lt;img", html);
    }
}
