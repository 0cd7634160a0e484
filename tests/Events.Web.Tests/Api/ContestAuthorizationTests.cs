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
/// Every organizer endpoint of contests and judging, called by someone who may not use it on this contest:
/// 403 for an organizer of another organization and for a juror of the contest, 401 anonymously; nothing in the
/// database changes. Jury calls (sheets, conflicts, entries) are refused the same way to those they do not concern.
/// </summary>
public class ContestAuthorizationTests(ContestAuthorizationTests.Arranged arranged) : IClassFixture<ContestAuthorizationTests.Arranged>
{
    public sealed class Arranged : EventsWebFactory, IAsyncLifetime
    {
        public int OrganizationId, ContestId, RoundId, NextRoundId, Entry1, Entry2, ConflictId, AwardId;
        public string JurorId = "", PeerId = "", CandidateId = "", JurorEmail = "", OtherOrganizerEmail = "", OutsideJurorEmail = "";

        public async Task InitializeAsync()
        {
            var kit = new ContestKit(this);
            OrganizationId = await kit.OrganizationAsync("Labor");
            var organizer = (await kit.OrganizerAsync(OrganizationId)).Client;
            OtherOrganizerEmail = (await kit.OrganizerAsync(await kit.OrganizationAsync("Istanbul"))).Email;
            ContestId = await kit.ContestAsync(organizer, OrganizationId, blind: true, grantBudget: 1000, currency: "USD");
            RoundId = (await RoundAsync(organizer, ContestId, "Mean", (1, 10))).RoundId;
            NextRoundId = (await RoundAsync(organizer, ContestId, "Mean", (1, 10))).RoundId;
            Entry1 = (await kit.EntryAsync(ContestId, "One")).Id;
            Entry2 = (await kit.EntryAsync(ContestId, "Two")).Id;
            var juror = await kit.JurorAsync(organizer, ContestId);
            (JurorId, JurorEmail) = (juror.Id, juror.Email);
            PeerId = (await kit.JurorAsync(organizer, ContestId)).Id;
            CandidateId = (await kit.UserAsync("Juror")).Id; // a juror account not in this jury
            OutsideJurorEmail = (await kit.UserAsync("Juror")).Email;
            await AssignAsync(organizer, RoundId, juror, Entry1);
            ConflictId = (await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/contests/{ContestId}/conflicts",
                new { jurorId = PeerId, entryId = Entry2, reason = "Neighbour" }), HttpStatusCode.Created)).GetProperty("id").GetInt32();
            AwardId = (await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/contests/{ContestId}/awards", new { entryId = Entry2, place = 2 }),
                HttpStatusCode.Created)).GetProperty("id").GetInt32();
            await JsonAsync(await organizer.PostAsync($"/api/v1/rounds/{RoundId}/open", null), HttpStatusCode.OK);
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    private const string NewContest =
        """{"organizationId":{org},"kind":"Other","title":"Not mine","submissionOpensUtc":"2027-01-01T00:00:00Z","submissionClosesUtc":"2027-02-01T00:00:00Z","blind":false}""";

    private const string Rubric = """{"name":"Extra","criteria":[{"name":"X","weight":1,"maxScore":10}]}""";

    /// <summary>Organizer-only calls: 403 for the other organizer and the juror, 401 anonymously.</summary>
    private static readonly (string Method, string Path, string Body)[] OrganizerCalls =
    [
        ("POST", "/api/v1/contests", NewContest),
        ("PUT", "/api/v1/contests/{contest}", NewContest.Replace("Not mine", "Hijacked")),
        ("POST", "/api/v1/contests/{contest}/publish", ""),
        ("POST", "/api/v1/contests/{contest}/rounds", Rubric),
        ("PUT", "/api/v1/rounds/{next}", Rubric),
        ("POST", "/api/v1/rounds/{next}/open", ""),
        ("POST", "/api/v1/rounds/{round}/close", ""),
        ("GET", "/api/v1/rounds/{round}/results", ""),
        ("GET", "/api/v1/rounds/{round}/results?method=Normalized", ""),
        ("POST", "/api/v1/rounds/{round}/advance", """{"top":1}"""),
        ("GET", "/api/v1/rounds/{round}/assignments", ""),
        ("POST", "/api/v1/rounds/{round}/assignments", """{"jurorId":"{juror}","entryId":{e2}}"""),
        ("DELETE", "/api/v1/rounds/{round}/assignments/{juror}/{e1}", ""),
        ("POST", "/api/v1/rounds/{round}/assignments/auto", """{"jurorsPerEntry":1}"""),
        ("GET", "/api/v1/rounds/{round}/progress", ""),
        ("POST", "/api/v1/rounds/{round}/reminders", ""),
        ("GET", "/api/v1/contests/{contest}/jurors", ""),
        ("POST", "/api/v1/contests/{contest}/jurors", """{"userId":"{candidate}"}"""),
        ("POST", "/api/v1/contests/{contest}/jurors/invite", """{"email":"invited@jury.test","fullName":"Invited"}"""),
        ("DELETE", "/api/v1/contests/{contest}/jurors/{juror}", ""),
        ("GET", "/api/v1/contests/{contest}/conflicts", ""),
        ("DELETE", "/api/v1/conflicts/{conflict}", ""),
        ("POST", "/api/v1/contests/{contest}/awards", """{"entryId":{e1},"place":1,"grantAmount":100}"""),
        ("GET", "/api/v1/contests/{contest}/awards", ""),
        ("DELETE", "/api/v1/awards/{award}", ""),
        ("POST", "/api/v1/contests/{contest}/results/publish", ""),
    ];

    /// <summary>Staff calls that concern only some people: refused to the other organizer and the juror they do not concern, 401 anonymously.</summary>
    private static readonly (string Method, string Path, string Body)[] JuryCalls =
    [
        ("POST", "/api/v1/contests/{contest}/conflicts", """{"jurorId":"{peer}","entryId":{e1},"reason":"Someone else's"}"""),
        ("PUT", "/api/v1/rounds/{round}/entries/{e2}/scoresheet", """{"scores":[],"final":false}"""),
        ("GET", "/api/v1/rounds/{round}/entries/{e2}/scoresheet", ""),
    ];

    public static TheoryData<string, string, string> Calls()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var caller in new[] { "other-organizer", "juror", "anonymous" })
        foreach (var (method, path, body) in OrganizerCalls.Concat(JuryCalls))
            data.Add(caller, $"{method} {path}", body);
        // The entries of the contest: neither an organizer of another organization nor a juror of another jury.
        data.Add("other-organizer", "GET /api/v1/contests/{contest}/entries", "");
        data.Add("outside-juror", "GET /api/v1/contests/{contest}/entries", "");
        data.Add("anonymous", "GET /api/v1/contests/{contest}/entries", "");
        // Withdrawing without a token: only an organizer of the contest.
        data.Add("other-organizer", "POST /api/v1/entries/{e1}/withdraw", "");
        data.Add("juror", "POST /api/v1/entries/{e1}/withdraw", "");
        return data;
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task ContestEndpoint_CallerWithoutRights_403Or401_NothingChanged(string caller, string call, string body)
    {
        var client = caller switch
        {
            "other-organizer" => await arranged.SignedInAsync(arranged.OtherOrganizerEmail, Password),
            "juror" => await arranged.SignedInAsync(arranged.JurorEmail, Password),
            "outside-juror" => await arranged.SignedInAsync(arranged.OutsideJurorEmail, Password),
            _ => arranged.Anonymous(),
        };
        string Fill(string s) => s.Replace("{contest}", arranged.ContestId.ToString()).Replace("{round}", arranged.RoundId.ToString())
            .Replace("{next}", arranged.NextRoundId.ToString()).Replace("{e1}", arranged.Entry1.ToString()).Replace("{e2}", arranged.Entry2.ToString())
            .Replace("{juror}", arranged.JurorId).Replace("{peer}", arranged.PeerId).Replace("{candidate}", arranged.CandidateId)
            .Replace("{conflict}", arranged.ConflictId.ToString()).Replace("{award}", arranged.AwardId.ToString())
            .Replace("{org}", arranged.OrganizationId.ToString());
        var (method, path) = (call.Split(' ')[0], Fill(call.Split(' ')[1]));
        var before = await SnapshotAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body.Length > 0) request.Content = new StringContent(Fill(body), Encoding.UTF8, "application/json");
        var response = await client.SendAsync(request);

        Assert.Equal(caller == "anonymous" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await SnapshotAsync());
    }

    /// <summary>Everything these calls could change, as one comparable text.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = arranged.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();
        var contests = await db.Contests.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.Status, c.Title, c.UpdatedUtc, c.ResultsPublishedUtc }).ToListAsync();
        var rounds = await db.Rounds.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.Status, r.Name, r.OpenedUtc, r.ClosedUtc }).ToListAsync();
        var criteria = await db.Criteria.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.RoundId, c.Name }).ToListAsync();
        var entries = await db.ContestEntries.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Id, e.Status, e.UpdatedUtc }).ToListAsync();
        var jurors = await db.ContestJurors.AsNoTracking().OrderBy(j => j.UserId).Select(j => new { j.ContestId, j.UserId, j.LastReminderUtc }).ToListAsync();
        var assignments = await db.Assignments.AsNoTracking().OrderBy(a => a.RoundId).ThenBy(a => a.JurorId).ThenBy(a => a.EntryId)
            .Select(a => new { a.RoundId, a.JurorId, a.EntryId }).ToListAsync();
        var conflicts = await db.Conflicts.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.JurorId, c.EntryId, c.Source }).ToListAsync();
        var awards = await db.Awards.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.Id, a.EntryId, a.Place, a.GrantAmount }).ToListAsync();
        var counts = new
        {
            Sheets = await db.ScoreSheets.CountAsync(), RoundEntries = await db.RoundEntries.CountAsync(), Outbox = await db.Outbox.CountAsync(),
            Users = await db.Users.CountAsync(), UserRoles = await db.UserRoles.CountAsync(),
        };
        return JsonSerializer.Serialize(new { contests, rounds, criteria, entries, jurors, assignments, conflicts, awards, counts });
    }
}

/// <summary>What a juror sees: only assigned entries without a conflict; in blind judging nothing of the entrant, not even a file's name.</summary>
public class ContestVisibilityTests(EventsWebFactory app) : IClassFixture<EventsWebFactory>
{
    private readonly ContestKit _kit = new(app);

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");

    private static MultipartFormDataContent FileForm(byte[] bytes, string fileName, string contentType = "application/pdf")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static int[] Ids(JsonElement entries) => entries.EnumerateArray().Select(e => e.GetProperty("id").GetInt32()).ToArray();

    [Fact]
    public async Task BlindContest_JurorSeesOnlyAssignedUnconflictedEntries_WithoutTheEntrantAnywhere_FilesRenamed()
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var contestId = await _kit.ContestAsync(organizer, org, blind: true);
        var round = await RoundAsync(organizer, contestId, "Mean", (1, 10));
        var aibek = await _kit.EntryAsync(contestId, "Cold storage for apricots", "Aibek Toktogulov", "aibek.toktogulov@example.kg", "Toktogulov Farms");
        var other = await _kit.EntryAsync(contestId, "Felt workshop", "Nurila Sadykova", "nurila.sadykova@example.kg");
        var third = await _kit.EntryAsync(contestId, "Honey cooperative", "Cholpon Ryskulova", "cholpon@example.kg");

        // A small PDF named after the entrant, uploaded with the manage token: 201.
        var uploadResponse = await app.Anonymous().PostAsync($"/api/v1/entries/by-token/{aibek.ManageToken}/attachments", FileForm(Pdf, "Aibek-CV.pdf"));
        var upload = await JsonAsync(uploadResponse, HttpStatusCode.Created);
        var attachmentId = upload.GetProperty("id").GetInt32();
        Assert.Equal("Aibek-CV.pdf", upload.GetProperty("name").GetString());
        Assert.Equal("application/pdf", upload.GetProperty("contentType").GetString());
        Assert.Equal(Pdf.Length, upload.GetProperty("size").GetInt64());

        var j1 = await _kit.JurorAsync(organizer, contestId); // Aibek's and the second entry
        var j2 = await _kit.JurorAsync(organizer, contestId); // the third only
        var j3 = await _kit.JurorAsync(organizer, contestId); // Aibek's, then declares a conflict; and the second
        await AssignAsync(organizer, round.RoundId, j1, aibek.Id);
        await AssignAsync(organizer, round.RoundId, j1, other.Id);
        await AssignAsync(organizer, round.RoundId, j2, third.Id);
        await AssignAsync(organizer, round.RoundId, j3, aibek.Id);
        await AssignAsync(organizer, round.RoundId, j3, other.Id);
        await JsonAsync(await j3.Client.PostAsJsonAsync($"/api/v1/contests/{contestId}/conflicts",
            new { jurorId = j3.Id, entryId = aibek.Id, reason = "We studied together" }), HttpStatusCode.Created);

        // j1: both assigned entries, the entrant hidden, the file as attachment-1.pdf, and no trace of Aibek in the whole document.
        var response = await j1.Client.GetAsync($"/api/v1/contests/{contestId}/entries");
        var raw = await response.Content.ReadAsStringAsync();
        var list = await JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal([aibek.Id, other.Id], Ids(list));
        foreach (var entry in list.EnumerateArray())
        {
            Assert.True(entry.GetProperty("entrantHidden").GetBoolean());
            foreach (var field in new[] { "entrantName", "entrantEmail", "organizationName", "countryCode", "homeRegion", "gender", "birthYear" })
                Assert.Equal(JsonValueKind.Null, entry.GetProperty(field).ValueKind);
        }
        var shown = list[0].GetProperty("attachments").EnumerateArray().Single();
        Assert.Equal("attachment-1.pdf", shown.GetProperty("name").GetString());
        Assert.Equal("Cold storage for apricots", list[0].GetProperty("title").GetString());
        foreach (var secret in new[] { "Aibek", "Toktogulov", "aibek.toktogulov@example.kg", "Nurila", "nurila.sadykova", "Sadykova" })
            Assert.DoesNotContain(secret, raw, StringComparison.OrdinalIgnoreCase);

        // j2 sees only the third entry; j3 only the second (the conflict hides Aibek's).
        Assert.Equal([third.Id], Ids(await JsonAsync(await j2.Client.GetAsync($"/api/v1/contests/{contestId}/entries"), HttpStatusCode.OK)));
        Assert.Equal([other.Id], Ids(await JsonAsync(await j3.Client.GetAsync($"/api/v1/contests/{contestId}/entries"), HttpStatusCode.OK)));

        // The organizer sees everything and everyone.
        var all = await JsonAsync(await organizer.GetAsync($"/api/v1/contests/{contestId}/entries"), HttpStatusCode.OK);
        Assert.Equal([aibek.Id, other.Id, third.Id], Ids(all));
        Assert.False(all[0].GetProperty("entrantHidden").GetBoolean());
        Assert.Equal("Aibek Toktogulov", all[0].GetProperty("entrantName").GetString());
        Assert.Equal("aibek.toktogulov@example.kg", all[0].GetProperty("entrantEmail").GetString());
        Assert.Equal("Toktogulov Farms", all[0].GetProperty("organizationName").GetString());
        Assert.Equal("Aibek-CV.pdf", all[0].GetProperty("attachments")[0].GetProperty("name").GetString());

        // The file: the blind juror gets it as attachment-1.pdf, the same bytes, never Aibek's name.
        var url = $"/api/v1/attachments/{attachmentId}";
        var download = await j1.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        var disposition = string.Join(";", download.Content.Headers.GetValues("Content-Disposition"));
        Assert.Contains("attachment-1.pdf", disposition);
        Assert.DoesNotContain("Aibek", disposition, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Contains("no-store", download.Headers.CacheControl?.ToString());
        // The organizer, and the entrant with the token, get the real name.
        var organizersCopy = await organizer.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, organizersCopy.StatusCode);
        Assert.Equal("Aibek-CV.pdf", organizersCopy.Content.Headers.ContentDisposition?.FileNameStar ?? organizersCopy.Content.Headers.ContentDisposition?.FileName);
        var entrantsCopy = await app.Anonymous().GetAsync($"{url}?token={Uri.EscapeDataString(aibek.ManageToken)}");
        Assert.Equal(HttpStatusCode.OK, entrantsCopy.StatusCode);
        Assert.Contains("Aibek-CV.pdf", string.Join(";", entrantsCopy.Content.Headers.GetValues("Content-Disposition")));
        // Anyone else: 404, which reveals nothing — a juror not assigned, a conflicted juror, anonymous, another entrant's token.
        Assert.Equal(HttpStatusCode.NotFound, (await j2.Client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await j3.Client.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().GetAsync($"{url}?token={Uri.EscapeDataString(other.ManageToken)}")).StatusCode);
        var otherOrganizer = (await _kit.OrganizerAsync(await _kit.OrganizationAsync("Istanbul"))).Client;
        Assert.Equal(HttpStatusCode.NotFound, (await otherOrganizer.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Attachment_ExecutableRenamedPdf_400OnFile_NothingStored()
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var contestId = await _kit.ContestAsync(organizer, org);
        var entry = await _kit.EntryAsync(contestId, "Tools");
        byte[] exe = [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0x40];

        var response = await app.Anonymous("en").PostAsync($"/api/v1/entries/by-token/{entry.ManageToken}/attachments", FileForm(exe, "Aibek-CV.pdf"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("This type of file is not accepted. Upload a PDF, PNG, JPEG, DOCX, XLSX or PPTX file.",
            problem.GetProperty("errors").GetProperty("file")[0].GetString());
        var mine = await JsonAsync(await app.Anonymous().GetAsync($"/api/v1/entries/by-token/{entry.ManageToken}"), HttpStatusCode.OK);
        Assert.Equal(0, mine.GetProperty("attachments").GetArrayLength());
        // Without a token that exists: 404.
        Assert.Equal(HttpStatusCode.NotFound,
            (await app.Anonymous().PostAsync("/api/v1/entries/by-token/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/attachments", FileForm(Pdf, "cv.pdf"))).StatusCode);
    }

    [Fact]
    public async Task OpenContest_JurorSeesTheEntrant()
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var contestId = await _kit.ContestAsync(organizer, org, blind: false);
        var round = await RoundAsync(organizer, contestId, "Mean", (1, 10));
        var entry = await _kit.EntryAsync(contestId, "Open work", "Aibek Toktogulov", "aibek.open@example.kg");
        await app.Anonymous().PostAsync($"/api/v1/entries/by-token/{entry.ManageToken}/attachments", FileForm(Pdf, "Aibek-CV.pdf"));
        var juror = await _kit.JurorAsync(organizer, contestId);
        await AssignAsync(organizer, round.RoundId, juror, entry.Id);

        var seen = (await JsonAsync(await juror.Client.GetAsync($"/api/v1/contests/{contestId}/entries"), HttpStatusCode.OK)).EnumerateArray().Single();

        Assert.False(seen.GetProperty("entrantHidden").GetBoolean());
        Assert.Equal("Aibek Toktogulov", seen.GetProperty("entrantName").GetString());
        var attachment = seen.GetProperty("attachments")[0];
        Assert.Equal("Aibek-CV.pdf", attachment.GetProperty("name").GetString());
        var download = await juror.Client.GetAsync($"/api/v1/attachments/{attachment.GetProperty("id").GetInt32()}");
        Assert.Contains("Aibek-CV.pdf", string.Join(";", download.Content.Headers.GetValues("Content-Disposition")));
    }

    [Fact]
    public async Task SameEmailDomain_ConflictSuggested_JurorNeitherAssignedNorShown()
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var contestId = await _kit.ContestAsync(organizer, org, blind: true);
        var round = await RoundAsync(organizer, contestId, "Mean", (1, 10));
        var colleague = await _kit.EntryAsync(contestId, "Union project", "Member", "member@diaspora-union.kg");
        var stranger = await _kit.EntryAsync(contestId, "Other project", "Stranger", "stranger@example.kg");
        var juror = await _kit.JurorAsync(organizer, contestId, email: $"expert-{Guid.NewGuid():N}@diaspora-union.kg");

        var conflicts = await JsonAsync(await organizer.GetAsync($"/api/v1/contests/{contestId}/conflicts"), HttpStatusCode.OK);
        var suggested = Assert.Single(conflicts.EnumerateArray());
        Assert.Equal("Suggested", suggested.GetProperty("source").GetString());
        Assert.Equal((juror.Id, colleague.Id), (suggested.GetProperty("jurorId").GetString(), suggested.GetProperty("entryId").GetInt32()));

        var made = await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/rounds/{round.RoundId}/assignments/auto", new { jurorsPerEntry = 1 }), HttpStatusCode.OK);
        Assert.Equal([stranger.Id], made.EnumerateArray().Select(a => a.GetProperty("entryId").GetInt32()));
        await ProblemAsync(await organizer.PostAsJsonAsync($"/api/v1/rounds/{round.RoundId}/assignments", new { jurorId = juror.Id, entryId = colleague.Id }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal([stranger.Id], Ids(await JsonAsync(await juror.Client.GetAsync($"/api/v1/contests/{contestId}/entries"), HttpStatusCode.OK)));
    }

    [Fact]
    public async Task JurorWhoIsAMemberOfTheOrganization_StillGetsTheJurysBlindView()
    {
        // Jurors may belong to organizations (their memberships feed conflict suggestions): a ministry's staff member
        // judging the ministry's blind contest is still a juror, not an organizer of it.
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var contestId = await _kit.ContestAsync(organizer, org, blind: true);
        var round = await RoundAsync(organizer, contestId, "Mean", (1, 10));
        var assigned = await _kit.EntryAsync(contestId, "Assigned", "Aibek Toktogulov", "aibek.member@example.kg");
        var notAssigned = await _kit.EntryAsync(contestId, "Not assigned", "Nurila Sadykova", "nurila.member@example.kg");
        await app.Anonymous().PostAsync($"/api/v1/entries/by-token/{assigned.ManageToken}/attachments", FileForm(Pdf, "Aibek-CV.pdf"));
        var juror = await _kit.JurorAsync(organizer, contestId, organizationIds: [org]);
        await AssignAsync(organizer, round.RoundId, juror, assigned.Id);

        var response = await juror.Client.GetAsync($"/api/v1/contests/{contestId}/entries");
        var raw = await response.Content.ReadAsStringAsync();
        var list = await JsonAsync(response, HttpStatusCode.OK);

        Assert.Equal([assigned.Id], Ids(list));
        Assert.True(list[0].GetProperty("entrantHidden").GetBoolean());
        Assert.DoesNotContain("Aibek", raw, StringComparison.OrdinalIgnoreCase);
        var download = await juror.Client.GetAsync($"/api/v1/attachments/{list[0].GetProperty("attachments")[0].GetProperty("id").GetInt32()}");
        Assert.DoesNotContain("Aibek", string.Join(";", download.Content.Headers.GetValues("Content-Disposition")), StringComparison.OrdinalIgnoreCase);
        // Nor may such a juror act as an organizer through the jury endpoints: no conflicts for others, no withdrawing.
        await ProblemAsync(await juror.Client.PostAsync($"/api/v1/entries/{notAssigned.Id}/withdraw", null), HttpStatusCode.Forbidden);
    }
}
