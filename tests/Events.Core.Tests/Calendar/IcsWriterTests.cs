using System.Text;
using Events.Core.Calendar;

namespace Events.Core.Tests.Calendar;

public class IcsWriterTests
{
    private static readonly DateTime Start = new(2027, 3, 27, 22, 0, 0, DateTimeKind.Utc);
    private static readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    private static IcsEvent Event(string summary, string? description = null, string attendee = "Айгүл") => new(
        "uid-1@events.kg", 3, new DateTime(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc), Start, Start.AddMinutes(90), "America/New_York", false,
        summary, description, "Элчилик; 2-кабат, Москва", "https://events.example.kg/events/1",
        new IcsPerson("Эмгек министрлиги", "mlssm@example.kg"), new IcsPerson(attendee, "a@example.kg"));

    [Theory]
    [InlineData("Онлайн-Мекендеш ң ө ү 🇰🇬 👩🏽‍💻 — ата-мекендештер менен жолугушуу, суроолор жана жооптор, ийгилик тарыхтары")]
    [InlineData("ңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңңң")]
    [InlineData("🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬🇰🇬")]
    public void LongUnicodeText_FoldedAt75Octets_NeverInsideACharacter_ParsesBackExactly(string summary)
    {
        var description = "Биринчи сап; экинчи, үчүнчү\\\r\nЖаңы сап 🎉\nакыркы";
        var ics = IcsWriter.Write("REQUEST", [Event(summary, description)], Clock);

        foreach (var line in ics.Split("\r\n"))
        {
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, line);
            Assert.DoesNotContain('\uFFFD', line);
            Assert.False(line.Length > 0 && char.IsHighSurrogate(line[^1]), "a line ends inside a surrogate pair");
        }
        var parsed = Assert.Single(Ical.Net.Calendar.Load(ics)!.Events);
        Assert.Equal(summary, parsed.Summary);
        Assert.Equal("Биринчи сап; экинчи, үчүнчү\\\nЖаңы сап 🎉\nакыркы", parsed.Description);
        Assert.Equal("Элчилик; 2-кабат, Москва", parsed.Location);
        Assert.Equal(3, parsed.Sequence);
        Assert.Equal(Start, parsed.DtStart!.AsUtc);
        Assert.Equal("America/New_York", parsed.DtStart.TzId);
        Assert.Equal(Start.AddMinutes(90), parsed.DtEnd!.AsUtc);
    }

    [Fact]
    public void PeopleNames_QuotedWhenNeeded_QuotesDropped()
    {
        var ics = IcsWriter.Write("REQUEST", [Event("S", attendee: "Асанов \"Ака\", Бишкек: ОЖ")], Clock);
        var parsed = Assert.Single(Ical.Net.Calendar.Load(ics)!.Events);
        Assert.Equal("Асанов Ака, Бишкек: ОЖ", Assert.Single(parsed.Attendees).CommonName);
        Assert.Equal("mailto:a@example.kg", parsed.Attendees[0].Value!.ToString());
        Assert.Equal("Эмгек министрлиги", parsed.Organizer!.CommonName);
        Assert.Contains("ATTENDEE;CN=\"Асанов Ака, Бишкек: ОЖ\";", ics.Replace("\r\n ", ""), StringComparison.Ordinal);
    }

    [Fact]
    public void OneVTimeZonePerZone_MatchingEveryTzid()
    {
        var moscow = Event("M") with { Uid = "m", TimeZone = "Europe/Moscow" };
        var ics = IcsWriter.Write("PUBLISH", [Event("A"), moscow, Event("B") with { Uid = "b" }], Clock, "Feed");
        var calendar = Ical.Net.Calendar.Load(ics)!;
        Assert.Equal(["America/New_York", "Europe/Moscow"], calendar.TimeZones.Select(z => z.TzId));
        Assert.Equal(3, calendar.Events.Count);
        Assert.Equal("PUBLISH", calendar.Method);
        Assert.All(calendar.Events, e => Assert.Contains(calendar.TimeZones, z => z.TzId == e.DtStart!.TzId));
        Assert.EndsWith("END:VCALENDAR\r\n", ics, StringComparison.Ordinal);
    }

    public static TheoryData<string, IcsEvent> Unsafe => new()
    {
        { "UID with a line break", Event("S") with { Uid = "x\r\nATTENDEE:mailto:evil@example.kg" } },
        { "empty UID", Event("S") with { Uid = " " } },
        { "unknown TZID", Event("S") with { TimeZone = "Mars/Olympus" } },
        { "Windows zone id", Event("S") with { TimeZone = "Central Asia Standard Time" } },
        { "URL that is not http", Event("S") with { Url = "javascript:alert(1)" } },
        { "URL with a line break", Event("S") with { Url = "https://events.kg/\r\nX-EVIL:1" } },
        { "attendee address with a line break", Event("S") with { Attendee = new IcsPerson("A", "a@example.kg\r\nX-EVIL:1") } },
        { "end before start", Event("S") with { EndUtc = Start.AddMinutes(-1) } },
    };

    [Theory]
    [MemberData(nameof(Unsafe))]
    public void Write_UnsafeValue_Refused(string what, IcsEvent e)
    {
        var error = Assert.Throws<ArgumentException>(() => IcsWriter.Write("REQUEST", [e], Clock));
        Assert.False(string.IsNullOrEmpty(error.Message), what);
    }

    [Fact]
    public void Write_UnknownMethod_Refused() => Assert.Throws<ArgumentException>(() => IcsWriter.Write("REPLY", [Event("S")], Clock));
}
