using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Events.Core.Data;
using Events.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Events.Web.Tests.Api.ContestKit;

namespace Events.Web.Tests.Api;

/// <summary>
/// Every trainer and organizer endpoint of trainings, called by someone who may not use it on this program: 403 for an
/// organizer of another organization, a trainer of another program and a participant, 401 anonymously; nothing in the
/// database changes.
/// </summary>
public class TrainingAuthorizationTests(TrainingAuthorizationTests.Arranged arranged) : IClassFixture<TrainingAuthorizationTests.Arranged>
{
    public sealed class Arranged : EventsWebFactory, IAsyncLifetime
    {
        internal TrainingKit.ProgramData Program = null!;
        public string OtherOrganizerEmail = "", OtherTrainerEmail = "", ParticipantEmail = "", CandidateId = "", Code = "";

        public async Task InitializeAsync()
        {
            var kit = new TrainingKit(this);
            Program = await kit.ProgramAsync();
            var other = await kit.ProgramAsync(); // the same organization: its trainer still sees nothing of this program
            OtherTrainerEmail = other.Trainer.Email;
            OtherOrganizerEmail = (await kit.Users.OrganizerAsync(await kit.Users.OrganizationAsync("Istanbul"))).Email;
            ParticipantEmail = (await kit.Users.UserAsync("Participant")).Email;
            CandidateId = (await kit.Users.UserAsync("Trainer")).Id;
            var organizer = Program.Organizer.Client;
            await JsonAsync(await TrainingKit.MarkAsync(organizer, Program.RunningSessionId, Program.People["aigul"].Id, "Present"), HttpStatusCode.OK);
            await JsonAsync(await organizer.PutAsJsonAsync($"/api/v1/events/{Program.EventId}/training-rules", new
            {
                presentThresholdPercent = 75, completionPercent = 50, checkInMinutesBefore = 15, checkInMinutesAfter = 15, lateAfterMinutes = 10,
            }), HttpStatusCode.OK);
            var issued = await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/events/{Program.EventId}/certificates", new { }), HttpStatusCode.OK);
            Code = issued[0].GetProperty("code").GetString()!;
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    private const string Rules = """{"presentThresholdPercent":1,"completionPercent":1,"checkInMinutesBefore":0,"checkInMinutesAfter":0,"lateAfterMinutes":0}""";

    private static readonly (string Method, string Path, string Body)[] StaffCalls =
    [
        ("GET", "/api/v1/events/{event}/trainers", ""),
        ("GET", "/api/v1/events/{event}/completion", ""),
        ("GET", "/api/v1/events/{event}/attendance/export", ""),
        ("GET", "/api/v1/events/{event}/attendance/export?format=xlsx", ""),
        ("POST", "/api/v1/events/{event}/certificates", "{}"),
        ("GET", "/api/v1/events/{event}/certificates", ""),
        ("GET", "/api/v1/sessions/{session}/attendance", ""),
        ("PUT", "/api/v1/sessions/{session}/attendance/{registration}", """{"status":"Absent","remark":"hijacked"}"""),
        ("POST", "/api/v1/sessions/{session}/attendance/all-present", ""),
        ("GET", "/api/v1/sessions/{session}/attendance/{registration}/history", ""),
        ("POST", "/api/v1/sessions/{session}/attendance/import", "file"),
        ("POST", "/api/v1/sessions/{session}/attendance/import?preview=true", "file"),
        ("GET", "/api/v1/sessions/{session}/check-in-code", ""),
        ("POST", "/api/v1/certificates/{code}/revoke", """{"reason":"hijacked"}"""),
        ("POST", "/api/v1/certificates/{code}/reissue", ""),
    ];

    private static readonly (string Method, string Path, string Body)[] OrganizerCalls =
    [
        ("POST", "/api/v1/events/{event}/trainers", """{"userId":"{candidate}"}"""),
        ("DELETE", "/api/v1/events/{event}/trainers/{trainer}", ""),
        ("PUT", "/api/v1/events/{event}/training-rules", Rules),
    ];

    public static TheoryData<string, string, string> Calls()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var caller in new[] { "other-organizer", "other-trainer", "participant", "anonymous" })
        foreach (var (method, path, body) in StaffCalls.Concat(OrganizerCalls))
            data.Add(caller, $"{method} {path}", body);
        // The program's own trainer: not the organizer's calls.
        foreach (var (method, path, body) in OrganizerCalls) data.Add("trainer", $"{method} {path}", body);
        return data;
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task TrainingEndpoint_CallerWithoutRights_403Or401_NothingChanged(string caller, string call, string body)
    {
        var p = arranged.Program;
        var client = caller switch
        {
            "other-organizer" => await arranged.SignedInAsync(arranged.OtherOrganizerEmail, Password),
            "other-trainer" => await arranged.SignedInAsync(arranged.OtherTrainerEmail, Password),
            "participant" => await arranged.SignedInAsync(arranged.ParticipantEmail, Password),
            "trainer" => await arranged.SignedInAsync(p.Trainer.Email, Password),
            _ => arranged.Anonymous(),
        };
        string Fill(string s) => s.Replace("{event}", p.EventId.ToString()).Replace("{session}", p.RunningSessionId.ToString())
            .Replace("{registration}", p.People["bakyt"].Id.ToString()).Replace("{code}", arranged.Code).Replace("{candidate}", arranged.CandidateId)
            .Replace("{trainer}", p.Trainer.Id);
        var (method, path) = (call.Split(' ')[0], Fill(call.Split(' ')[1]));
        var before = await SnapshotAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body == "file") request.Content = TrainingKit.FileForm(TrainingKit.Report(p));
        else if (body.Length > 0) request.Content = new StringContent(Fill(body), Encoding.UTF8, "application/json");
        var response = await client.SendAsync(request);

        Assert.Equal(caller == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>The public verification tells only the certificate, and self check-in needs the code on the trainer's screen.</summary>
    [Fact]
    public async Task PublicCalls_NoStaffRights_NothingChanged()
    {
        var before = await SnapshotAsync();
        var anonymous = arranged.Anonymous();
        var check = await JsonAsync(await anonymous.GetAsync($"/api/v1/certificates/{arranged.Code}"), HttpStatusCode.OK);
        Assert.Equal(["code", "eventTitle", "fullName", "issuedUtc", "revokedUtc", "valid"], check.EnumerateObject().Select(p => p.Name).Order());
        await ProblemAsync(await anonymous.PostAsJsonAsync($"/api/v1/sessions/{arranged.Program.RunningSessionId}/self-check-in",
            new { code = "", manageToken = arranged.Program.People["nobody"].ManageToken }), HttpStatusCode.BadRequest);
        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>Everything these calls could change, as one comparable text.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = arranged.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();
        var trainers = await db.EventTrainers.AsNoTracking().OrderBy(t => t.EventId).ThenBy(t => t.UserId).Select(t => new { t.EventId, t.UserId }).ToListAsync();
        var marks = await db.Attendance.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.SessionId, a.RegistrationId, a.Status, a.Remark, a.MinutesAttended, a.UpdatedUtc }).ToListAsync();
        var certificates = await db.Certificates.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Code, c.RevokedUtc, c.FullName }).ToListAsync();
        var events = await db.Events.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Id, e.UpdatedUtc, e.Training.CompletionPercent, e.Training.LateAfterMinutes })
            .ToListAsync();
        var secrets = await db.Sessions.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, HasSecret = s.CheckInSecret != null }).ToListAsync();
        var counts = new { Changes = await db.AttendanceChanges.CountAsync(), Outbox = await db.Outbox.CountAsync() };
        return JsonSerializer.Serialize(new { trainers, marks, certificates, events, secrets, counts });
    }
}
