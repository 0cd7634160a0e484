using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Events.Core.Training;

namespace Events.Core.Tests.Training;

/// <summary>
/// The shortcuts taken for speed (benchmark of issue 10) give what the general code gives: times of Zoom's shape without
/// <see cref="DateTime.TryParseExact(string, string[], IFormatProvider, DateTimeStyles, out DateTime)"/>, names without
/// regular expressions or ICU when already NFC, intervals without LINQ, UTF-8 read without decoding it to a string first.
/// </summary>
public class AttendanceFastPathTests
{
    [Fact]
    public void Times_OfZoomsShape_ReadAsTheGeneralParserReadsThem()
    {
        string[] years = ["2024", "2026", "2100", "0000"];
        string[] suffixes = [" AM", " PM", "", " am", " P", "PM"];
        var checkedCount = 0;
        foreach (var month in new[] { 0, 1, 2, 9, 12, 13 })
        foreach (var day in new[] { 0, 1, 28, 29, 30, 31, 32 })
        foreach (var year in years)
        foreach (var hour in new[] { 0, 1, 11, 12, 13, 23, 24 })
        foreach (var (minute, second) in new[] { ("00", "00"), ("59", "59"), ("60", "00"), ("00", "60"), ("5", "05") })
        foreach (var suffix in suffixes)
        foreach (var padded in new[] { false, true })
        {
            var d2 = padded ? "D2" : "D";
            var text = $"{month.ToString(d2, CultureInfo.InvariantCulture)}/{day.ToString(d2, CultureInfo.InvariantCulture)}/{year} " +
                       $"{hour.ToString(d2, CultureInfo.InvariantCulture)}:{minute}:{second}{suffix}";
            var expectedOk = DateTime.TryParseExact(text, AttendanceReports.TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var expected);
            var ok = AttendanceReports.TryParseLocalTime(text, out var value);
            Assert.True(expectedOk == ok, $"{text}: {ok}, the general parser {expectedOk}");
            if (ok) Assert.True(expected == value && value.Kind == DateTimeKind.Unspecified, $"{text}: {value:O}, the general parser {expected:O}");
            checkedCount++;
        }
        Assert.True(checkedCount > 10_000);
    }

    [Theory]
    [InlineData("Айгүл Асанова")]
    [InlineData("  Айгүл   Асанова (Aigul) ")]
    [InlineData("А\u0438\u0306гүл\tАсанова")]
    [InlineData("Bakyt\u00A0Osmonov\u2003(Room 2)")]
    [InlineData("Bakyt (Room 2) Osmonov")]
    [InlineData("a (b) (c)")]
    [InlineData("a (b)c)")]
    [InlineData("a ((b))")]
    [InlineData("a (b")]
    [InlineData("a)")]
    [InlineData("()")]
    [InlineData("(Guest)")]
    [InlineData(" (x) ")]
    [InlineData("Ölçüm Çağrı\r\nYılmaz")]
    [InlineData("Cafe\u0301 Ni\u0303o")]
    [InlineData("Дмитрий\u0483 Иванов")]
    [InlineData("Ångström \u212B")]
    [InlineData("\u1100\u1161 Kim")]
    [InlineData("ΆΈΉ \u0387 Νίκος")]
    [InlineData("x\u0085y\u2028z")]
    [InlineData("ТИМУР  ИВАНОВ (Тимур)")]
    public void Names_NormalizedAsByTheRegularExpressions(string name) =>
        Assert.Equal(NormalizeNameByRegex(name), AttendanceImport.NormalizeName(name));

    [Fact]
    public void Intervals_MergedAndCountedAsByLinq()
    {
        var random = new Random(10);
        var t = new DateTime(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);
        for (var n = 0; n < 500; n++)
        {
            var intervals = Enumerable.Range(0, random.Next(0, 8))
                .Select(_ => { var a = t.AddSeconds(random.Next(-1800, 7200)); return (Start: a, End: a.AddSeconds(random.Next(-300, 3600))); })
                .ToList();
            var (start, end) = (t, t.AddMinutes(random.Next(1, 120)));
            Assert.Equal(MergeByLinq(intervals), AttendanceImport.Merge(intervals));
            Assert.Equal(MinutesByLinq(intervals, start, end), AttendanceImport.MinutesWithin(intervals, start, end));
        }
    }

    [Fact]
    public void Utf8_ReadAsTheSameTextInUtf16()
    {
        const string text =
            "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\r\n" +
            "812 3456 7890,\"Тренинг: Excel, \"\"негиздер\"\"\",12/01/2026 05:55:02 PM,12/01/2026 07:41:10 PM,host@events.kg,107,3\r\n" +
            "\r\n" +
            "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,Recording Consent\r\n" +
            "\"Асанова, Айгүл\",,12/01/2026 05:50:00 PM,12/01/2026 06:40:00 PM,50,Yes,Y\r\n" +
            "\"Bakyt \"\"Baha\"\" Osmonov\", BAKYT@example.kg ,12/01/2026 06:00:00 PM,12/01/2026 06:30:00 PM,30,No,\r\n" +
            "\"Two\r\nLines\",x@example.kg,2026-12-01 18:20:00,12/01/2026 6:50:00 PM,30,No,Y\n" +
            "Ыйман Токтогулова,--,12/1/2026 6:00:00 PM,12/01/2026 07:30:00 PM,90,No,Y";
        var utf8 = AttendanceReports.Parse([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)]);
        var utf16 = AttendanceReports.Parse([0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)]);
        Assert.Empty(utf8.Problems);
        Assert.Equal(4, utf8.Rows.Count);
        Assert.Equal(utf16.Format, utf8.Format);
        Assert.Equal(utf16.Rows, utf8.Rows);
        Assert.Equal(AttendanceReports.Parse(Encoding.UTF8.GetBytes(text)).Rows, utf8.Rows);
    }

    // ---- the general code these shortcuts replace, as it was ----

    private static string NormalizeNameByRegex(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var text = Regex.Replace(name.Normalize(NormalizationForm.FormC), @"\s+", " ").Trim();
        var stripped = Regex.Replace(text, @"\s*\([^()]*\)$", "").Trim();
        if (stripped.Length > 0) text = stripped;
        return text.ToLowerInvariant();
    }

    private static List<(DateTime Start, DateTime End)> MergeByLinq(IEnumerable<(DateTime Start, DateTime End)> intervals)
    {
        var merged = new List<(DateTime Start, DateTime End)>();
        foreach (var (start, end) in intervals.Where(i => i.End > i.Start).OrderBy(i => i.Start).ThenBy(i => i.End))
        {
            if (merged.Count > 0 && start <= merged[^1].End)
                merged[^1] = (merged[^1].Start, end > merged[^1].End ? end : merged[^1].End);
            else
                merged.Add((start, end));
        }
        return merged;
    }

    private static int MinutesByLinq(IEnumerable<(DateTime Start, DateTime End)> intervals, DateTime start, DateTime end)
    {
        var clipped = intervals.Select(i => (Start: i.Start < start ? start : i.Start, End: i.End > end ? end : i.End));
        var total = MergeByLinq(clipped).Aggregate(TimeSpan.Zero, (sum, i) => sum + (i.End - i.Start));
        return (int)Math.Round(total.TotalMinutes, MidpointRounding.AwayFromZero);
    }
}
