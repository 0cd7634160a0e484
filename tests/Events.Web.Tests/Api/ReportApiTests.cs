using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Events.Core.Data;
using Events.Core.Engagement;
using Events.Core.Indicators;
using Events.Core.Organizations;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Web.Api;
using Events.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace Events.Web.Tests.Api;

/// <summary>
/// The M&amp;E report over HTTP: the workbook opened with MiniExcel against GET /api/v1/indicators, what an organizer's workbook holds, the
/// recommendations round trip and their neutralized formulas, who may read and write. Each test seeds its own past year through the database.
/// </summary>
public class ReportApiTests(EventsWebFactory app) : IClassFixture<EventsWebFactory>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly ContestKit _kit = new(app);

    private EventsDbContext Db()
    {
        _ = app.Server;
        return app.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();
    }

    private async Task<int> OrganizationAsync(string name)
    {
        await using var db = Db();
        var o = new Organization { Name = $"{name} {Guid.NewGuid():N}", Kind = OrganizationKind.Embassy, CountryCode = "TR", TimeZone = "Europe/Istanbul" };
        db.Organizations.Add(o);
        await db.SaveChangesAsync();
        return o.Id;
    }

    /// <summary>A published event with one held session, people checked in, and coverage records (channel, reposts, views, url).</summary>
    private async Task EventAsync(int organizationId, EventKind kind, DateTime start, string title, string[] people,
        params (CoverageChannel Channel, int Reposts, long? Views, string? Url)[] coverage)
    {
        await using var db = Db();
        var now = DateTime.UtcNow;
        var e = new Event { OrganizationId = organizationId, Kind = kind, Title = title, CreatedUtc = now, UpdatedUtc = now };
        e.Sessions.Add(Session.Create(new SessionInput(null, start, "Asia/Bishkek", 90, SessionMode.Online, "https://zoom.us/j/1"), now, "test"));
        e.Publish(now);
        db.Events.Add(e);
        await db.SaveChangesAsync();
        foreach (var email in people)
            db.Registrations.Add(new Events.Core.Registration.Registration
            {
                EventId = e.Id, SessionId = e.Sessions[0].Id, FullName = email, Email = email, NormalizedEmail = email, ActiveEmailKey = email, CountryCode = "RU",
                Status = RegistrationStatus.Confirmed, CreatedUtc = now, UpdatedUtc = now, ConsentUtc = now, CheckedInUtc = e.Sessions[0].StartUtc,
                ManageTokenHash = ManageTokens.Hash(ManageTokens.New()), ManageTokenSealed = "",
            });
        foreach (var (channel, reposts, views, url) in coverage)
            db.Coverage.Add(new CoverageRecord { EventId = e.Id, Channel = channel, Reposts = reposts, Views = views, Url = url, RecordedBy = "test" });
        await db.SaveChangesAsync();
    }

    /// <summary>Two organizations' work in one year: A's Online-Mekendesh (three people, two channels), B's embassy meeting (one person, one channel).</summary>
    private async Task<(int A, int B)> YearAsync(int year)
    {
        var (a, b) = (await OrganizationAsync("Ministry A"), await OrganizationAsync("Embassy B"));
        await EventAsync(a, EventKind.OnlineMekendesh, new DateTime(year, 3, 10, 18, 0, 0), "Mekendesh edition", ["a@x.kg", "b@x.kg", "c@x.kg"],
            (CoverageChannel.Telegram, 12, 340, "https://t.me/mekendesh/1"), (CoverageChannel.Facebook, 4, null, null));
        await EventAsync(b, EventKind.EmbassyMeeting, new DateTime(year, 6, 1, 11, 0, 0), "Embassy meeting", ["d@x.kg"],
            (CoverageChannel.Instagram, 7, 90, "https://instagram.com/p/emb"));
        return (a, b);
    }

    private sealed record Workbook(IReadOnlyList<string> SheetNames, IReadOnlyList<IReadOnlyList<IDictionary<string, object?>>> Sheets);

    private static async Task<Workbook> WorkbookAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/indicators/report/export?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var names = MiniExcel.GetSheetNames(stream);
        var sheets = names.Select(name => (IReadOnlyList<IDictionary<string, object?>>)stream.Query(useHeaderRow: true, sheetName: name)
            .Cast<IDictionary<string, object?>>().ToList()).ToList();
        return new Workbook(names, sheets);
    }

    private static async Task<(JsonElement Json, IndicatorDocument Document)> IndicatorsAsync(HttpClient client, string query)
    {
        var text = await (await client.GetAsync("/api/v1/indicators?" + query)).Content.ReadAsStringAsync();
        return (JsonDocument.Parse(text).RootElement.Clone(), JsonSerializer.Deserialize<IndicatorDocument>(text, Json)!);
    }

    private static object? Cell(IReadOnlyList<IDictionary<string, object?>> sheet, string column, string keyColumn, string key, string? section = null) =>
        sheet.Single(r => Equals(r[keyColumn], key) && (section is null || Equals(r["Section"], section)))[column];

    private static double Number(object? value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Workbook_FourSheets_FiguresEqualTheIndicatorsOfTheSameYear()
    {
        await YearAsync(2019);
        var analyst = await _kit.UserAsync("Analyst");

        var (json, document) = await IndicatorsAsync(analyst.Client, "year=2019");
        var book = await WorkbookAsync(analyst.Client, "year=2019");

        Assert.Equal(["1. Quantitative indicators", "2. Internet statistics", "3. Survey results", "4. Recommendations"], book.SheetNames);
        // Sheet 1 is the indicators export's rows of the very document the API returns, cell for cell.
        var expected = IndicatorRows.Of(document, "en");
        Assert.Equal(expected.Count, book.Sheets[0].Count);
        for (var i = 0; i < expected.Count; i++)
            foreach (var (column, value) in expected[i])
                Assert.Equal(value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture),
                    book.Sheets[0][i][column] is { } cell ? Convert.ToString(cell is double d ? (object)(decimal)d : cell, CultureInfo.InvariantCulture) : null);
        var totals = json.GetProperty("totals");
        Assert.Equal(4, totals.GetProperty("participants").GetInt32());
        Assert.Equal(4.0, Number(Cell(book.Sheets[0], "Value", "Indicator", "Participants", "Totals")));
        Assert.Equal(2.0, Number(Cell(book.Sheets[0], "Value", "Indicator", "Meetings held", "Totals")));

        // Sheet 2: coverage by channel, its total equal to the document's reposts and views, and the links.
        var internet = book.Sheets[1];
        Assert.Equal(totals.GetProperty("reposts").GetInt32(), Number(Cell(internet, "Reposts", "Channel", "Totals")));
        Assert.Equal(23.0, Number(Cell(internet, "Reposts", "Channel", "Totals")));
        Assert.Equal(totals.GetProperty("views").GetInt64(), Number(Cell(internet, "Views", "Channel", "Totals")));
        Assert.Equal(12.0, Number(Cell(internet, "Reposts", "Channel", "Telegram", "Coverage by channel")));
        Assert.Equal(["https://t.me/mekendesh/1", "https://instagram.com/p/emb"],
            internet.Where(r => Equals(r["Section"], "Links to posts and articles")).Select(r => r["Link"]));

        // Sheet 3: both waves side by side (no responses this year); sheet 4: nothing written yet.
        Assert.Equal(["Baseline", "Baseline, %", "Follow-up", "Follow-up, %"], book.Sheets[2][0].Keys.Skip(3));
        Assert.Equal(0.0, Number(Cell(book.Sheets[2], "Baseline", "Indicator", "Responses")));
        Assert.Equal("No recommendations have been written yet.", book.Sheets[3].Single()["Recommendations"]);
    }

    [Fact]
    public async Task Workbook_Organizer_HoldsOnlyTheirOrganizationsFigures()
    {
        var (a, b) = await YearAsync(2018);
        var organizer = await _kit.OrganizerAsync(b);

        var (json, _) = await IndicatorsAsync(organizer.Client, "year=2018");
        var book = await WorkbookAsync(organizer.Client, "year=2018");

        Assert.Equal(1, json.GetProperty("totals").GetProperty("participants").GetInt32());
        Assert.Equal(1.0, Number(Cell(book.Sheets[0], "Value", "Indicator", "Participants", "Totals")));
        Assert.Equal(0.0, Number(Cell(book.Sheets[0], "Value", "Indicator", "Participants", "Online-Mekendesh")));
        Assert.Equal(7.0, Number(Cell(book.Sheets[1], "Reposts", "Channel", "Totals")));
        Assert.Equal(["https://instagram.com/p/emb"], book.Sheets[1].Where(r => r["Link"] is not null).Select(r => r["Link"]));
        Assert.DoesNotContain(book.Sheets.SelectMany(s => s).SelectMany(r => r.Values), v => Equals(v, "Mekendesh edition") || Equals(v, "https://t.me/mekendesh/1"));
        Assert.Equal(HttpStatusCode.Forbidden, (await organizer.Client.GetAsync($"/api/v1/indicators/report/export?year=2018&organizationId={a}")).StatusCode);
    }

    [Fact]
    public async Task Recommendations_PutRoundTrip_FormulaNeutralizedInTheWorkbook()
    {
        await YearAsync(2017);
        var analyst = await _kit.UserAsync("Analyst");
        const string text = "=HYPERLINK(\"https://evil.example\",\"Open\")\n- Answer questions within a day\n@SUM(A1)";

        var saved = await ContestKit.JsonAsync(await analyst.Client.PutAsJsonAsync("/api/v1/indicators/report/recommendations",
            new { year = 2017, organizationId = (int?)null, text }), HttpStatusCode.OK);
        Assert.Equal(text, saved.GetProperty("text").GetString());
        Assert.True(saved.GetProperty("canEdit").GetBoolean());

        var report = await ContestKit.JsonAsync(await analyst.Client.GetAsync("/api/v1/indicators/report?year=2017"), HttpStatusCode.OK);
        Assert.Equal(text, report.GetProperty("recommendations").GetProperty("text").GetString());
        Assert.Equal(analyst.Id, report.GetProperty("recommendations").GetProperty("updatedBy").GetString());
        foreach (var part in new[] { "indicators", "internet", "survey", "recommendations" }) Assert.True(report.TryGetProperty(part, out _), part);
        Assert.Equal(23, report.GetProperty("internet").GetProperty("reposts").GetInt32());

        var book = await WorkbookAsync(analyst.Client, "year=2017");
        Assert.Equal(["'=HYPERLINK(\"https://evil.example\",\"Open\")", "• Answer questions within a day", "'@SUM(A1)"],
            book.Sheets[3].Select(r => r["Recommendations"]));
    }

    [Fact]
    public async Task Access_Anonymous401_PlainUser403_OrganizerNotForTheWholePlan_TooLong400()
    {
        var (_, b) = await YearAsync(2016);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous("en").GetAsync("/api/v1/indicators/report?year=2016")).StatusCode);
        var participant = await _kit.UserAsync("Participant");
        Assert.Equal(HttpStatusCode.Forbidden, (await participant.Client.GetAsync("/api/v1/indicators/report?year=2016")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await participant.Client.GetAsync("/api/v1/indicators/report/export?year=2016")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await participant.Client.PutAsJsonAsync("/api/v1/indicators/report/recommendations", new { year = 2016, text = "x" })).StatusCode);
        var juror = await _kit.UserAsync("Juror");
        await ContestKit.ProblemAsync(await juror.Client.GetAsync("/api/v1/indicators/report/export?year=2016"), HttpStatusCode.Forbidden);

        var organizer = await _kit.OrganizerAsync(b, language: "ru");
        await ContestKit.ProblemAsync(await organizer.Client.PutAsJsonAsync("/api/v1/indicators/report/recommendations", new { year = 2016, text = "x" }),
            HttpStatusCode.Forbidden);
        var own = await ContestKit.JsonAsync(await organizer.Client.PutAsJsonAsync("/api/v1/indicators/report/recommendations",
            new { year = 2016, organizationId = b, text = "Пригласить ассоциации." }), HttpStatusCode.OK);
        Assert.Equal("Пригласить ассоциации.", own.GetProperty("text").GetString());
        var tooLong = await ContestKit.ProblemAsync(await organizer.Client.PutAsJsonAsync("/api/v1/indicators/report/recommendations",
            new { year = 2016, organizationId = b, text = new string('x', 20_001) }), HttpStatusCode.BadRequest);
        Assert.Equal("Не более 20000 символов.", tooLong.GetProperty("errors").GetProperty("text")[0].GetString());
        await ContestKit.ProblemAsync(await organizer.Client.GetAsync($"/api/v1/indicators/report/export?year=2016&organizationId={b}&format=csv"),
            HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AYearWithNothing_TheReportAndItsWorkbookStillWork()
    {
        var analyst = await _kit.UserAsync("Analyst", language: "ky");

        var report = await ContestKit.JsonAsync(await analyst.Client.GetAsync("/api/v1/indicators/report?year=2004"), HttpStatusCode.OK);
        Assert.Equal(0, report.GetProperty("internet").GetProperty("records").GetInt32());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("recommendations").GetProperty("text").ValueKind);
        var book = await WorkbookAsync(analyst.Client, "year=2004");
        Assert.Equal(["1. Сандык көрсөткүчтөр", "2. Интернет статистикасы", "3. Сурамжылоонун жыйынтыктары", "4. Сунуштар"], book.SheetNames);
        Assert.Equal("Сунуштар азырынча жазыла элек.", book.Sheets[3].Single()["Сунуштар"]);
    }
}
