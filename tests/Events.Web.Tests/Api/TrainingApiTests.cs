using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Events.Core.Data;
using Events.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Events.Web.Tests.Api.ContestKit;
using static Events.Web.Tests.Api.TrainingKit;

namespace Events.Web.Tests.Api;

/// <summary>The trainings and attendance part of the API contract, over HTTP with bearer tokens (the server on real time).</summary>
public class TrainingApiTests(EventsWebFactory app) : IClassFixture<EventsWebFactory>
{
    private readonly TrainingKit _kit = new(app);

    private async Task<int> StoredMarksAsync(int sessionId)
    {
        await using var db = app.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();
        return await db.Attendance.CountAsync(a => a.SessionId == sessionId) + await db.AttendanceChanges.CountAsync(a => a.SessionId == sessionId);
    }

    [Fact]
    public async Task PostTrainers_201_TwiceConflict_UnknownUser400_OtherOrganization403()
    {
        var p = await _kit.ProgramAsync();
        var candidate = await _kit.Users.UserAsync("Trainer");
        var path = $"/api/v1/events/{p.EventId}/trainers";

        var created = await p.Organizer.Client.PostAsJsonAsync(path, new { userId = candidate.Id });
        var body = await JsonAsync(created, HttpStatusCode.Created);
        Assert.Equal((p.EventId, candidate.Id), (body.GetProperty("eventId").GetInt32(), body.GetProperty("userId").GetString()));
        Assert.Equal($"/api/v1/events/{p.EventId}/trainers", created.Headers.Location?.OriginalString);

        await ProblemAsync(await p.Organizer.Client.PostAsJsonAsync(path, new { userId = candidate.Id }), HttpStatusCode.Conflict);
        var unknown = await ProblemAsync(await p.Organizer.Client.PostAsJsonAsync(path, new { userId = "no-such-user" }), HttpStatusCode.BadRequest);
        Assert.True(unknown.GetProperty("errors").TryGetProperty("userId", out _));
        var otherOrganizer = await _kit.Users.OrganizerAsync(await _kit.Users.OrganizationAsync("Istanbul"));
        await ProblemAsync(await otherOrganizer.Client.PostAsJsonAsync(path, new { userId = (await _kit.Users.UserAsync("Trainer")).Id }), HttpStatusCode.Forbidden);
        // A trainer does not choose trainers.
        await ProblemAsync(await p.Trainer.Client.PostAsJsonAsync(path, new { userId = (await _kit.Users.UserAsync("Trainer")).Id }), HttpStatusCode.Forbidden);

        var trainers = await JsonAsync(await p.Trainer.Client.GetAsync(path), HttpStatusCode.OK);
        Assert.Equal(new[] { p.Trainer.Id, candidate.Id }.Order(), trainers.EnumerateArray().Select(t => t.GetProperty("userId").GetString()).Order());
        Assert.All(trainers.EnumerateArray(), t => Assert.EndsWith("@org.test", t.GetProperty("email").GetString()));
    }

    [Fact]
    public async Task Trainer_SeesOnlyTheirEvents()
    {
        var mine = await _kit.ProgramAsync();
        var other = await _kit.ProgramAsync();
        var trainer = mine.Trainer.Client;

        var roster = await RosterAsync(trainer, mine.RunningSessionId);
        Assert.Equal(mine.People.Values.Select(x => x.Id).Order(), roster.Keys.Order());

        await ProblemAsync(await trainer.GetAsync($"/api/v1/sessions/{other.RunningSessionId}/attendance"), HttpStatusCode.Forbidden);
        await ProblemAsync(await MarkAsync(trainer, other.RunningSessionId, other.People["aigul"].Id, "Present"), HttpStatusCode.Forbidden);
        await ProblemAsync(await trainer.GetAsync($"/api/v1/events/{other.EventId}/completion"), HttpStatusCode.Forbidden);
        await ProblemAsync(await ImportAsync(trainer, other.RunningSessionId, Report(other), preview: false), HttpStatusCode.Forbidden);
        Assert.Equal(0, await StoredMarksAsync(other.RunningSessionId));
        await ProblemAsync(await trainer.GetAsync("/api/v1/sessions/999999/attendance"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PutAttendance_EnumStrings_Record_422BeforeStart_400UnknownStatus()
    {
        var p = await _kit.ProgramAsync();
        var aigul = p.People["aigul"].Id;

        var record = await JsonAsync(await MarkAsync(p.Trainer.Client, p.RunningSessionId, aigul, "Late", "Кечикти"), HttpStatusCode.OK);

        Assert.Equal(("Late", "Кечикти", "Roster", p.RunningSessionId, aigul), (record.GetProperty("status").GetString(), record.GetProperty("remark").GetString(),
            record.GetProperty("source").GetString(), record.GetProperty("sessionId").GetInt32(), record.GetProperty("registrationId").GetInt32()));
        Assert.EndsWith("Z", record.GetProperty("updatedUtc").GetString());
        var row = (await RosterAsync(p.Organizer.Client, p.RunningSessionId))[aigul];
        Assert.Equal(("Late", JsonValueKind.Null), (row.GetProperty("status").GetString(), row.GetProperty("minutesAttended").ValueKind));
        Assert.Equal(JsonValueKind.Null, (await RosterAsync(p.Organizer.Client, p.RunningSessionId))[p.People["bakyt"].Id].GetProperty("status").ValueKind);

        var early = await ProblemAsync(await MarkAsync(WithLanguage(p.Trainer.Client, "ru"), p.TomorrowSessionId, aigul, "Present"), (HttpStatusCode)422);
        Assert.False(string.IsNullOrWhiteSpace(early.GetProperty("detail").GetString()));
        await ProblemAsync(await MarkAsync(p.Trainer.Client, p.RunningSessionId, aigul, "Maybe"), HttpStatusCode.BadRequest);
        await ProblemAsync(await MarkAsync(p.Trainer.Client, p.RunningSessionId, 999_999, "Present"), HttpStatusCode.NotFound);
        Assert.Equal(0, await StoredMarksAsync(p.TomorrowSessionId));

        var history = await JsonAsync(await p.Trainer.Client.GetAsync($"/api/v1/sessions/{p.RunningSessionId}/attendance/{aigul}/history"), HttpStatusCode.OK);
        var line = Assert.Single(history.EnumerateArray());
        Assert.Equal((p.Trainer.Id, JsonValueKind.Null, "Late"), (line.GetProperty("changedBy").GetString(), line.GetProperty("oldStatus").ValueKind,
            line.GetProperty("newStatus").GetString()));

        var all = await JsonAsync(await p.Trainer.Client.PostAsync($"/api/v1/sessions/{p.RunningSessionId}/attendance/all-present", null), HttpStatusCode.OK);
        Assert.Equal(3, all.GetProperty("marked").GetInt32());
        Assert.Equal("Late", (await RosterAsync(p.Trainer.Client, p.RunningSessionId))[aigul].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Import_PreviewStoresNothing_ThenApplied_Figures()
    {
        var p = await _kit.ProgramAsync();

        var preview = await JsonAsync(await ImportAsync(p.Trainer.Client, p.RunningSessionId, Report(p), preview: true), HttpStatusCode.OK);

        Assert.Equal(("ZoomParticipants", 5, 2, 1, 1, 2, false), (preview.GetProperty("format").GetString(), preview.GetProperty("rows").GetInt32(),
            preview.GetProperty("matched").GetInt32(), preview.GetProperty("present").GetInt32(), preview.GetProperty("partial").GetInt32(),
            preview.GetProperty("absent").GetInt32(), preview.GetProperty("applied").GetBoolean()));
        var unmatched = Assert.Single(preview.GetProperty("unmatched").EnumerateArray());
        Assert.Equal(("iPhone of Guest", JsonValueKind.Null), (unmatched.GetProperty("name").GetString(), unmatched.GetProperty("email").ValueKind));
        Assert.Equal([$"azamat1.{p.Unique}@gmail.com", $"azamat2.{p.Unique}@mail.ru"],
            preview.GetProperty("ambiguous").EnumerateArray().Select(a => a.GetProperty("email").GetString()).Order());
        Assert.Equal(4, preview.GetProperty("changes").GetArrayLength());
        Assert.All((await RosterAsync(p.Trainer.Client, p.RunningSessionId)).Values, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("status").ValueKind));
        Assert.Equal(0, await StoredMarksAsync(p.RunningSessionId));

        var applied = await JsonAsync(await ImportAsync(p.Organizer.Client, p.RunningSessionId, Report(p), preview: false), HttpStatusCode.OK);

        Assert.True(applied.GetProperty("applied").GetBoolean());
        var roster = await RosterAsync(p.Trainer.Client, p.RunningSessionId);
        (string?, int, string?) Row(string who) => (roster[p.People[who].Id].GetProperty("status").GetString(),
            roster[p.People[who].Id].GetProperty("minutesAttended").GetInt32(), roster[p.People[who].Id].GetProperty("source").GetString());
        Assert.Equal(("Present", 60, "Import"), Row("aigul"));
        Assert.Equal(("Late", 30, "Import"), Row("bakyt"));
        Assert.Equal(("Absent", 0, "Import"), Row("azamat"));
        Assert.Equal(("Absent", 0, "Import"), Row("nobody"));
        var stored = await StoredMarksAsync(p.RunningSessionId);

        var again = await JsonAsync(await ImportAsync(p.Trainer.Client, p.RunningSessionId, Report(p), preview: false), HttpStatusCode.OK);
        Assert.Equal(0, again.GetProperty("changes").GetArrayLength());
        Assert.Equal(stored, await StoredMarksAsync(p.RunningSessionId));
    }

    [Theory]
    [InlineData("en", "Line 3: The time \"13/45/2026 06:00:00 PM\" cannot be read.")]
    [InlineData("ru", "Строка 3: Не удалось прочитать время: «13/45/2026 06:00:00 PM».")]
    [InlineData("ky", "3-сап: Убакытты окуу мүмкүн эмес: «13/45/2026 06:00:00 PM».")]
    public async Task Import_BadFile_400_ProblemsByLineInTheLanguage_NothingStored(string language, string message)
    {
        var p = await _kit.ProgramAsync();
        var client = WithLanguage(p.Trainer.Client, language);

        foreach (var preview in new[] { true, false })
        {
            var problem = await ProblemAsync(await ImportAsync(client, p.RunningSessionId, BadReport(), preview), HttpStatusCode.BadRequest);
            Assert.Equal([message], problem.GetProperty("errors").GetProperty("file").EnumerateArray().Select(m => m.GetString()));
        }
        // A form without the file.
        var none = await ProblemAsync(await client.PostAsync($"/api/v1/sessions/{p.RunningSessionId}/attendance/import",
            new MultipartFormDataContent { { new StringContent("x"), "note" } }), HttpStatusCode.BadRequest);
        Assert.True(none.GetProperty("errors").TryGetProperty("file", out _), none.ToString());
        Assert.Equal(0, await StoredMarksAsync(p.RunningSessionId));
    }

    [Fact]
    public async Task Completion_Fields()
    {
        var p = await _kit.ProgramAsync();
        await JsonAsync(await MarkAsync(p.Trainer.Client, p.RunningSessionId, p.People["aigul"].Id, "Present"), HttpStatusCode.OK);
        await JsonAsync(await MarkAsync(p.Trainer.Client, p.RunningSessionId, p.People["bakyt"].Id, "Absent"), HttpStatusCode.OK);
        await JsonAsync(await MarkAsync(p.Trainer.Client, p.RunningSessionId, p.People["nobody"].Id, "Excused"), HttpStatusCode.OK);

        var rows = (await JsonAsync(await p.Trainer.Client.GetAsync($"/api/v1/events/{p.EventId}/completion"), HttpStatusCode.OK)).EnumerateArray()
            .ToDictionary(r => r.GetProperty("registrationId").GetInt32());

        Assert.Equal(4, rows.Count);
        var aigul = rows[p.People["aigul"].Id];
        Assert.Equal(("Айгүл Асанова", 1, 2, 0, 50.0, false, false, JsonValueKind.Null), (aigul.GetProperty("fullName").GetString(),
            aigul.GetProperty("attendedSessions").GetInt32(), aigul.GetProperty("totalSessions").GetInt32(), aigul.GetProperty("excusedSessions").GetInt32(),
            aigul.GetProperty("percent").GetDouble(), aigul.GetProperty("completed").GetBoolean(), aigul.GetProperty("atRisk").GetBoolean(),
            aigul.GetProperty("certificateCode").ValueKind));
        var bakyt = rows[p.People["bakyt"].Id];
        Assert.Equal((0, 2, 0.0, true), (bakyt.GetProperty("attendedSessions").GetInt32(), bakyt.GetProperty("totalSessions").GetInt32(),
            bakyt.GetProperty("percent").GetDouble(), bakyt.GetProperty("atRisk").GetBoolean()));
        var nobody = rows[p.People["nobody"].Id];
        Assert.Equal((1, 1, false), (nobody.GetProperty("totalSessions").GetInt32(), nobody.GetProperty("excusedSessions").GetInt32(),
            nobody.GetProperty("atRisk").GetBoolean()));
    }

    [Fact]
    public async Task Certificates_IssuedToTheCompleted_PublicVerification_ValidRevoked404()
    {
        var p = await _kit.ProgramAsync();
        await JsonAsync(await MarkAsync(p.Trainer.Client, p.RunningSessionId, p.People["aigul"].Id, "Present"), HttpStatusCode.OK);
        // One of two sessions is enough at 50 %.
        await JsonAsync(await p.Organizer.Client.PutAsJsonAsync($"/api/v1/events/{p.EventId}/training-rules", new
        {
            presentThresholdPercent = 75, completionPercent = 50, checkInMinutesBefore = 15, checkInMinutesAfter = 15, lateAfterMinutes = 10,
        }), HttpStatusCode.OK);

        var issued = await JsonAsync(await p.Trainer.Client.PostAsJsonAsync($"/api/v1/events/{p.EventId}/certificates", new { }), HttpStatusCode.OK);

        var certificate = Assert.Single(issued.EnumerateArray());
        var code = certificate.GetProperty("code").GetString()!;
        var anonymous = app.Anonymous("en");
        var check = await JsonAsync(await anonymous.GetAsync($"/api/v1/certificates/{code}"), HttpStatusCode.OK);
        Assert.Equal((code, "Айгүл Асанова", $"Excel basics {p.Unique}", true), (check.GetProperty("code").GetString(), check.GetProperty("fullName").GetString(),
            check.GetProperty("eventTitle").GetString(), check.GetProperty("valid").GetBoolean()));
        Assert.EndsWith("Z", check.GetProperty("issuedUtc").GetString());
        Assert.Equal(code, (await JsonAsync(await p.Trainer.Client.GetAsync($"/api/v1/events/{p.EventId}/completion"), HttpStatusCode.OK)).EnumerateArray()
            .Single(r => r.GetProperty("registrationId").GetInt32() == p.People["aigul"].Id).GetProperty("certificateCode").GetString());
        var pdf = await anonymous.GetAsync($"/api/v1/certificates/{code}/pdf");
        Assert.Equal((HttpStatusCode.OK, "application/pdf"), (pdf.StatusCode, pdf.Content.Headers.ContentType?.MediaType));
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..5]));

        await JsonAsync(await p.Trainer.Client.PostAsJsonAsync($"/api/v1/certificates/{code}/revoke", new { reason = "Wrong name" }), HttpStatusCode.OK);

        var revoked = await JsonAsync(await anonymous.GetAsync($"/api/v1/certificates/{code.ToLowerInvariant()}"), HttpStatusCode.OK);
        Assert.False(revoked.GetProperty("valid").GetBoolean());
        await ProblemAsync(await anonymous.GetAsync($"/api/v1/certificates/{code}/pdf"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/certificates/ABCDEFGHJKLM")).StatusCode);
    }

    [Fact]
    public async Task SelfCheckIn_WithTheCodeOnTheScreen_LateAfterTheGraceMinutes_Strangers403_OldCodes400()
    {
        var p = await _kit.ProgramAsync();
        var screen = await JsonAsync(await p.Trainer.Client.GetAsync($"/api/v1/sessions/{p.RunningSessionId}/check-in-code"), HttpStatusCode.OK);
        var code = screen.GetProperty("code").GetString()!;
        Assert.True(screen.GetProperty("open").GetBoolean());
        Assert.EndsWith($"/checkin/{p.RunningSessionId}?code={code}", screen.GetProperty("url").GetString());
        var anonymous = app.Anonymous("en");
        var path = $"/api/v1/sessions/{p.RunningSessionId}/self-check-in";

        var record = await JsonAsync(await anonymous.PostAsJsonAsync(path, new { code, manageToken = p.People["bakyt"].ManageToken }), HttpStatusCode.OK);

        // The session started 30 minutes ago: past the 10 grace minutes.
        Assert.Equal(("Late", "SelfCheckIn", p.People["bakyt"].Id), (record.GetProperty("status").GetString(), record.GetProperty("source").GetString(),
            record.GetProperty("registrationId").GetInt32()));
        // Signed in with the confirmed email of a registration, no manage token needed.
        var aigul = await _kit.Users.UserAsync("Participant", email: p.People["aigul"].Email.ToUpperInvariant());
        var signedIn = await JsonAsync(await aigul.Client.PostAsJsonAsync(path, new { code }), HttpStatusCode.OK);
        Assert.Equal(p.People["aigul"].Id, signedIn.GetProperty("registrationId").GetInt32());
        var stranger = await _kit.Users.UserAsync("Participant");
        await ProblemAsync(await stranger.Client.PostAsJsonAsync(path, new { code }), HttpStatusCode.Forbidden);
        await ProblemAsync(await anonymous.PostAsJsonAsync(path, new { code }), HttpStatusCode.Forbidden);
        var other = await _kit.ProgramAsync();
        await ProblemAsync(await anonymous.PostAsJsonAsync(path, new { code, manageToken = other.People["bakyt"].ManageToken }), HttpStatusCode.Forbidden);
        var wrong = await ProblemAsync(await anonymous.PostAsJsonAsync(path, new { code = "AAAAAAAA", manageToken = p.People["azamat"].ManageToken }), HttpStatusCode.BadRequest);
        Assert.True(wrong.GetProperty("errors").TryGetProperty("code", out _));
        await ProblemAsync(await anonymous.PostAsJsonAsync($"/api/v1/sessions/{p.TomorrowSessionId}/self-check-in", new { code, manageToken = p.People["aigul"].ManageToken }),
            (HttpStatusCode)422);
        Assert.Equal(new string?[] { "Late", "Late", null, null }, (await RosterAsync(p.Trainer.Client, p.RunningSessionId)).Values
            .Select(r => r.GetProperty("status").GetString()).OrderBy(s => s is null));
    }
}
