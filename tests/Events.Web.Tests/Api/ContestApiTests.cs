using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Events.Core.Data;
using Events.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Events.Web.Tests.Api.ContestKit;

namespace Events.Web.Tests.Api;

/// <summary>
/// Contests and judging over HTTP, against the contract (api-v1.md, "Contests and judging"): the whole flow with results
/// computed by hand, sheet rules, the entry window, withdrawal, advancing, awards and the OpenAPI document.
/// A juror's total is T = 100 · Σ w·(s/max) / Σ w; numbers are compared unrounded (within 1e-9).
/// </summary>
public class ContestApiTests(EventsWebFactory app) : IClassFixture<EventsWebFactory>
{
    private const double Exact = 1e-9;
    private readonly ContestKit _kit = new(app);

    private static JsonElement Line(JsonElement results, int entryId) =>
        results.EnumerateArray().Single(r => r.GetProperty("entryId").GetInt32() == entryId);

    private static int[] Order(JsonElement results) => results.EnumerateArray().Select(r => r.GetProperty("entryId").GetInt32()).ToArray();

    [Fact]
    public async Task FullFlow_ContestRoundEntriesJuryScores_ResultsAsComputedByHand()
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var opens = DateTime.UtcNow.Date.AddDays(-1);
        var closes = DateTime.UtcNow.Date.AddDays(30);

        // The contest: 201, Draft, no rounds, enums as strings, ...Utc with Z.
        var createdResponse = await organizer.PostAsJsonAsync("/api/v1/contests", ContestBody(org, "Mykty Mekendesh 2027", opens: opens, closes: closes));
        var contest = await JsonAsync(createdResponse, HttpStatusCode.Created);
        var contestId = contest.GetProperty("id").GetInt32();
        Assert.Equal($"/api/v1/contests/{contestId}", createdResponse.Headers.Location?.OriginalString);
        Assert.Equal("Draft", contest.GetProperty("status").GetString());
        Assert.Equal("MyktyMekendesh", contest.GetProperty("kind").GetString());
        Assert.Equal("Mykty Mekendesh 2027", contest.GetProperty("title").GetString());
        Assert.Equal(org, contest.GetProperty("organizationId").GetInt32());
        Assert.False(contest.GetProperty("blind").GetBoolean());
        Assert.Equal(Utc(opens), contest.GetProperty("submissionOpensUtc").GetString());
        Assert.Equal(Utc(closes), contest.GetProperty("submissionClosesUtc").GetString());
        Assert.Equal(JsonValueKind.Array, contest.GetProperty("rounds").ValueKind);
        Assert.Equal(0, contest.GetProperty("rounds").GetArrayLength());

        // A round with two criteria: 201, Setup, criteria with ids in the order given.
        var roundResponse = await organizer.PostAsJsonAsync($"/api/v1/contests/{contestId}/rounds", new
        {
            name = "Shortlist", seeOtherScores = "Never",
            criteria = new object[] { new { name = "Impact", weight = 2, maxScore = 10 }, new { name = "Feasibility", weight = 1, maxScore = 5 } },
        });
        var round = await JsonAsync(roundResponse, HttpStatusCode.Created);
        var roundId = round.GetProperty("id").GetInt32();
        Assert.Equal("Shortlist", round.GetProperty("name").GetString());
        Assert.Equal("Setup", round.GetProperty("status").GetString());
        Assert.Equal("Mean", round.GetProperty("rankBy").GetString()); // the default
        var criteria = round.GetProperty("criteria").EnumerateArray().ToList();
        Assert.Equal(["Impact", "Feasibility"], criteria.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal([2.0, 1.0], criteria.Select(c => c.GetProperty("weight").GetDouble()));
        Assert.Equal([10.0, 5.0], criteria.Select(c => c.GetProperty("maxScore").GetDouble()));
        Assert.All(criteria, c => Assert.True(c.GetProperty("id").GetInt32() > 0));
        var rubric = new Rubric(roundId, criteria.Select(c => c.GetProperty("id").GetInt32()).ToArray());
        Assert.Equal(2, rubric.CriterionIds.Distinct().Count());

        // Not published yet: the public cannot submit.
        Assert.Equal(HttpStatusCode.NotFound,
            (await app.Anonymous().PostAsJsonAsync($"/api/v1/contests/{contestId}/entries", EntryBody("Early", "A", "early@example.kg"))).StatusCode);
        var published = await JsonAsync(await organizer.PostAsync($"/api/v1/contests/{contestId}/publish", null), HttpStatusCode.OK);
        Assert.Equal("Published", published.GetProperty("status").GetString());
        Assert.True(published.GetProperty("acceptsEntries").GetBoolean());

        // Two entries, submitted publicly without a token: 201 {id, status, manageToken}.
        var entryIds = new List<int>();
        foreach (var (title, email) in new[] { ("Solar dryers for Naryn", "aigul@example.kg"), ("Apricot cold storage", "bakyt@example.kg") })
        {
            var response = await app.Anonymous().PostAsJsonAsync($"/api/v1/contests/{contestId}/entries", EntryBody(title, "Entrant of " + title, email));
            var entry = await JsonAsync(response, HttpStatusCode.Created);
            Assert.Equal(["id", "status", "manageToken"], entry.EnumerateObject().Select(p => p.Name));
            Assert.Equal("Submitted", entry.GetProperty("status").GetString());
            Assert.True(entry.GetProperty("manageToken").GetString()!.Length >= 22); // ≥ 128 bits in Base64
            entryIds.Add(entry.GetProperty("id").GetInt32());
        }
        var (e1, e2) = (entryIds[0], entryIds[1]);

        // Two accounts with the Juror role join the jury: jurorId is the user id.
        var j1 = await _kit.UserAsync("Juror");
        var j2 = await _kit.UserAsync("Juror");
        foreach (var j in new[] { j1, j2 })
        {
            var added = await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/contests/{contestId}/jurors", new { userId = j.Id }), HttpStatusCode.Created);
            Assert.Equal(j.Id, added.GetProperty("jurorId").GetString());
        }

        // Auto-assignment, two jurors per entry: every (juror, entry) pair, once.
        var assigned = await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/rounds/{roundId}/assignments/auto", new { jurorsPerEntry = 2 }),
            HttpStatusCode.OK);
        var pairs = assigned.EnumerateArray().Select(a => (a.GetProperty("jurorId").GetString(), a.GetProperty("entryId").GetInt32())).ToHashSet();
        Assert.Equal(4, assigned.GetArrayLength());
        Assert.True(pairs.SetEquals([(j1.Id, e1), (j1.Id, e2), (j2.Id, e1), (j2.Id, e2)]), string.Join(", ", pairs));

        var opened = await JsonAsync(await organizer.PostAsync($"/api/v1/rounds/{roundId}/open", null), HttpStatusCode.OK);
        Assert.Equal("Open", opened.GetProperty("status").GetString());
        Assert.EndsWith("Z", opened.GetProperty("openedUtc").GetString());

        // Final sheets. Impact: weight 2, max 10; Feasibility: weight 1, max 5; T = 100·(2·i/10 + 1·f/5)/3.
        //   j1·e1 (8, 4):  2·0.8 + 0.8 = 2.4 → T = 80
        //   j1·e2 (5, 5):  2·0.5 + 1.0 = 2.0 → T = 200/3 ≈ 66.667
        //   j2·e1 (6, 3):  2·0.6 + 0.6 = 1.8 → T = 60
        //   j2·e2 (10, 2): 2·1.0 + 0.4 = 2.4 → T = 80
        var sheet = await SheetAsync(j1.Client, rubric, e1, [8, 4]);
        Assert.True(sheet.GetProperty("final").GetBoolean());
        Assert.Equal(80, sheet.GetProperty("total").GetDouble(), Exact);
        Assert.Equal(j1.Id, sheet.GetProperty("jurorId").GetString());
        Assert.Equal(200.0 / 3, (await SheetAsync(j1.Client, rubric, e2, [5, 5])).GetProperty("total").GetDouble(), Exact);
        Assert.Equal(60, (await SheetAsync(j2.Client, rubric, e1, [6, 3])).GetProperty("total").GetDouble(), Exact);
        Assert.Equal(80, (await SheetAsync(j2.Client, rubric, e2, [10, 2])).GetProperty("total").GetDouble(), Exact);

        var closed = await JsonAsync(await organizer.PostAsync($"/api/v1/rounds/{roundId}/close", null), HttpStatusCode.OK);
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.EndsWith("Z", closed.GetProperty("closedUtc").GetString());

        // e1: {80, 60}       → mean 70, median 70, σ = 10, spread 20
        // e2: {200/3, 80}    → mean 220/3 ≈ 73.333, median 220/3, σ = 80 − 220/3 = 20/3, spread 40/3
        // By mean e2 (73.3) ranks before e1 (70), although it came in later.
        var results = await ResultsAsync(organizer, roundId);
        Assert.Equal([e2, e1], Order(results));
        Assert.Equal([1, 2], results.EnumerateArray().Select(r => r.GetProperty("rank").GetInt32()));
        var r1 = Line(results, e1);
        Assert.Equal(70, r1.GetProperty("mean").GetDouble(), Exact);
        Assert.Equal(70, r1.GetProperty("median").GetDouble(), Exact);
        Assert.Equal(10, r1.GetProperty("stdDev").GetDouble(), Exact);
        Assert.Equal(20, r1.GetProperty("spread").GetDouble(), Exact);
        Assert.Equal(2, r1.GetProperty("jurorCount").GetInt32());
        Assert.Equal("Solar dryers for Naryn", r1.GetProperty("title").GetString());
        var r2 = Line(results, e2);
        Assert.Equal(220.0 / 3, r2.GetProperty("mean").GetDouble(), Exact);
        Assert.Equal(220.0 / 3, r2.GetProperty("median").GetDouble(), Exact);
        Assert.Equal(20.0 / 3, r2.GetProperty("stdDev").GetDouble(), Exact);
        Assert.Equal(40.0 / 3, r2.GetProperty("spread").GetDouble(), Exact);
        Assert.Equal(2, r2.GetProperty("jurorCount").GetInt32());
        // Each juror has only 2 final sheets (< 3): no one's scale is known, so normalized is null.
        Assert.All(results.EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("normalized").ValueKind));
        Assert.All(results.EnumerateArray(), r => Assert.False(r.GetProperty("spreadWarning").GetBoolean())); // 20 and 13.3 ≤ 30

        // Normalized: no values at all, so the tie-break (higher median: 73.3 > 70) decides, still e2 first; numbers the same.
        var normalized = await ResultsAsync(organizer, roundId, "Normalized");
        Assert.Equal([e2, e1], Order(normalized));
        Assert.All(normalized.EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("normalized").ValueKind));
        Assert.Equal(70, Line(normalized, e1).GetProperty("mean").GetDouble(), Exact);
    }

    [Fact]
    public async Task Results_Normalized_JurorScalesFromThreeSheets_RanksDifferentlyFromMean()
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var contestId = await _kit.ContestAsync(organizer, org);
        // One criterion, weight 3, max 10: T = 100·3·(s/10)/3 = 10·s. The round ranks by Normalized by default.
        var round = await RoundAsync(organizer, contestId, "Normalized", (3, 10));
        var e1 = (await _kit.EntryAsync(contestId, "One")).Id;
        var e2 = (await _kit.EntryAsync(contestId, "Two")).Id;
        var e3 = (await _kit.EntryAsync(contestId, "Three")).Id;
        var j1 = await _kit.JurorAsync(organizer, contestId);
        var j2 = await _kit.JurorAsync(organizer, contestId);
        var j3 = await _kit.JurorAsync(organizer, contestId);
        Assert.Equal(9, (await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/rounds/{round.RoundId}/assignments/auto", new { jurorsPerEntry = 3 }),
            HttpStatusCode.OK)).GetArrayLength());
        await JsonAsync(await organizer.PostAsync($"/api/v1/rounds/{round.RoundId}/open", null), HttpStatusCode.OK);

        //        e1   e2   e3    μ_j   σ_j
        //   j1  100   60   20    60    √(3200/3)   (deviations 40, 0, −40)
        //   j2   40   60   50    50    √(200/3)    (deviations −10, 10, 0)
        //   j3   90   90   90    90    0           → no scale: j3 takes no part in normalized values
        // z: j1 → e1 +√1.5, e2 0, e3 −√1.5   (40/√(3200/3) = √(1600·3/3200) = √1.5)
        //    j2 → e1 −√1.5, e2 +√1.5, e3 0   (10/√(200/3) = √(100·3/200) = √1.5)
        // normalized: e1 (√1.5 − √1.5)/2 = 0, e2 (0 + √1.5)/2, e3 (−√1.5 + 0)/2
        foreach (var (juror, scores) in new (Person Juror, double[] Scores)[] { (j1, [10, 6, 2]), (j2, [4, 6, 5]), (j3, [9, 9, 9]) })
            for (var i = 0; i < 3; i++)
                await SheetAsync(juror.Client, round, new[] { e1, e2, e3 }[i], [scores[i]]);
        await JsonAsync(await organizer.PostAsync($"/api/v1/rounds/{round.RoundId}/close", null), HttpStatusCode.OK);

        var byDefault = await ResultsAsync(organizer, round.RoundId);
        Assert.Equal([e2, e1, e3], Order(byDefault)); // 0.612 > 0 > −0.612
        Assert.Equal(Math.Sqrt(1.5) / 2, Line(byDefault, e2).GetProperty("normalized").GetDouble(), Exact);
        Assert.Equal(0, Line(byDefault, e1).GetProperty("normalized").GetDouble(), Exact);
        Assert.Equal(-Math.Sqrt(1.5) / 2, Line(byDefault, e3).GetProperty("normalized").GetDouble(), Exact);
        Assert.Equal(Order(byDefault), Order(await ResultsAsync(organizer, round.RoundId, "Normalized")));

        // By mean: e1 {100, 40, 90} mean 230/3 ≈ 76.7 > e2 {60, 60, 90} mean 70 > e3 {20, 50, 90} mean 160/3 ≈ 53.3.
        var byMean = await ResultsAsync(organizer, round.RoundId, "Mean");
        Assert.Equal([e1, e2, e3], Order(byMean));
        Assert.Equal([1, 2, 3], byMean.EnumerateArray().Select(r => r.GetProperty("rank").GetInt32()));
        var l1 = Line(byMean, e1);
        Assert.Equal(230.0 / 3, l1.GetProperty("mean").GetDouble(), Exact);
        Assert.Equal(90, l1.GetProperty("median").GetDouble(), Exact);
        // deviations from 230/3: 70/3, −110/3, 40/3 → σ² = (4900 + 12100 + 1600)/9/3 = 18600/27
        Assert.Equal(Math.Sqrt(18600.0 / 27), l1.GetProperty("stdDev").GetDouble(), Exact);
        Assert.Equal(60, l1.GetProperty("spread").GetDouble(), Exact);
        Assert.True(l1.GetProperty("spreadWarning").GetBoolean()); // 60 > 30
        Assert.Equal(3, l1.GetProperty("jurorCount").GetInt32());
        var l2 = Line(byMean, e2);
        Assert.Equal(70, l2.GetProperty("mean").GetDouble(), Exact);
        Assert.Equal(60, l2.GetProperty("median").GetDouble(), Exact);
        Assert.Equal(Math.Sqrt(200), l2.GetProperty("stdDev").GetDouble(), Exact); // (100 + 100 + 400)/3 = 200
        Assert.Equal(30, l2.GetProperty("spread").GetDouble(), Exact);
        Assert.False(l2.GetProperty("spreadWarning").GetBoolean()); // exactly 30 is not over 30
        var l3 = Line(byMean, e3);
        Assert.Equal(160.0 / 3, l3.GetProperty("mean").GetDouble(), Exact);
        Assert.Equal(50, l3.GetProperty("median").GetDouble(), Exact);
        // deviations from 160/3: −100/3, −10/3, 110/3 → σ² = (10000 + 100 + 12100)/9/3 = 22200/27
        Assert.Equal(Math.Sqrt(22200.0 / 27), l3.GetProperty("stdDev").GetDouble(), Exact);
        Assert.Equal(70, l3.GetProperty("spread").GetDouble(), Exact);
        Assert.True(l3.GetProperty("spreadWarning").GetBoolean());
        // The method changes the order, not the numbers.
        Assert.Equal(Math.Sqrt(1.5) / 2, Line(byMean, e2).GetProperty("normalized").GetDouble(), Exact);
    }

    [Fact]
    public async Task Scoresheet_Unassigned403_Conflicted403_NotOpen422_OutOfRange400_MissingCriterion400_NothingStored()
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var contestId = await _kit.ContestAsync(organizer, org);
        // Two criteria, weight 1, max 10 each: T = 100·(a/10 + b/10)/2.
        var round = await RoundAsync(organizer, contestId, "Mean", (1, 10), (1, 10));
        var (a, b) = (round.CriterionIds[0], round.CriterionIds[1]);
        var e1 = (await _kit.EntryAsync(contestId, "First")).Id;
        var e2 = (await _kit.EntryAsync(contestId, "Second")).Id;
        var assigned = await _kit.JurorAsync(organizer, contestId);
        var conflicted = await _kit.JurorAsync(organizer, contestId);
        var unassigned = await _kit.JurorAsync(organizer, contestId);
        await AssignAsync(organizer, round.RoundId, assigned, e1);
        await AssignAsync(organizer, round.RoundId, conflicted, e1);
        var sheetUrl = $"/api/v1/rounds/{round.RoundId}/entries/{e1}/scoresheet";

        // Setup: assigned, but the round is not open.
        var setup = await ProblemAsync(await PutSheetAsync(assigned.Client, round, e1, [7, 9]), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("This round is not open: scores cannot be saved.", setup.GetProperty("detail").GetString());
        await JsonAsync(await organizer.PostAsync($"/api/v1/rounds/{round.RoundId}/open", null), HttpStatusCode.OK);

        // Not assigned: to this entry, or to anything.
        await ProblemAsync(await PutSheetAsync(unassigned.Client, round, e1, [7, 9]), HttpStatusCode.Forbidden);
        await ProblemAsync(await PutSheetAsync(assigned.Client, round, e2, [7, 9]), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await unassigned.Client.GetAsync(sheetUrl)).StatusCode);

        // The juror declares their own conflict: 201; from then on 403 for their sheet, read or written.
        var conflict = await JsonAsync(await conflicted.Client.PostAsJsonAsync($"/api/v1/contests/{contestId}/conflicts",
            new { jurorId = conflicted.Id, entryId = e1, reason = "My cousin's project" }), HttpStatusCode.Created);
        Assert.Equal("Juror", conflict.GetProperty("source").GetString());
        Assert.Equal(conflicted.Id, conflict.GetProperty("jurorId").GetString());
        Assert.Equal(e1, conflict.GetProperty("entryId").GetInt32());
        Assert.EndsWith("Z", conflict.GetProperty("declaredUtc").GetString());
        await ProblemAsync(await PutSheetAsync(conflicted.Client, round, e1, [7, 9]), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await conflicted.Client.GetAsync(sheetUrl)).StatusCode);
        // A juror cannot declare a conflict for someone else.
        await ProblemAsync(await conflicted.Client.PostAsJsonAsync($"/api/v1/contests/{contestId}/conflicts",
            new { jurorId = assigned.Id, entryId = e1, reason = "Not mine to say" }), HttpStatusCode.Forbidden);

        // Out of range (above max, below 0) and a final sheet without every criterion: 400 per field, nothing stored.
        Assert.Equal(HttpStatusCode.NoContent, (await assigned.Client.GetAsync(sheetUrl)).StatusCode);
        var above = await ProblemAsync(await PutSheetAsync(assigned.Client, round, e1, [11, 9]), HttpStatusCode.BadRequest);
        Assert.Equal("The score for \"C1\" must be from 0 to 10.", above.GetProperty("errors").GetProperty($"scores.{a}")[0].GetString());
        var below = await ProblemAsync(await PutSheetAsync(assigned.Client, round, e1, [7, -0.5]), HttpStatusCode.BadRequest);
        Assert.True(below.GetProperty("errors").TryGetProperty($"scores.{b}", out _));
        var missing = await ProblemAsync(await PutSheetAsync(assigned.Client, round, e1, [7, null]), HttpStatusCode.BadRequest);
        Assert.Equal("To mark the sheet final, score \"C2\".", missing.GetProperty("errors").GetProperty($"scores.{b}")[0].GetString());
        var unknown = await assigned.Client.PutAsJsonAsync(sheetUrl, new { scores = new[] { new { criterionId = 987654, score = 1 } }, final = false });
        await ProblemAsync(unknown, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await assigned.Client.GetAsync(sheetUrl)).StatusCode);

        // A draft may leave a criterion out; it is stored but does not count in the results.
        var draft = await SheetAsync(assigned.Client, round, e1, [7, null], final: false);
        Assert.False(draft.GetProperty("final").GetBoolean());
        Assert.Equal(35, draft.GetProperty("total").GetDouble(), Exact); // 100·(7/10 + 0)/2
        Assert.Equal(0, Line(await ResultsAsync(organizer, round.RoundId), e1).GetProperty("jurorCount").GetInt32());
        // A bad change leaves the draft as it was.
        await ProblemAsync(await PutSheetAsync(assigned.Client, round, e1, [12, 9]), HttpStatusCode.BadRequest);
        var kept = await JsonAsync(await assigned.Client.GetAsync(sheetUrl), HttpStatusCode.OK);
        Assert.False(kept.GetProperty("final").GetBoolean());
        Assert.Equal(7, kept.GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("criterionId").GetInt32() == a).GetProperty("score").GetDouble());

        // Final: 100·(7/10 + 9/10)/2 = 80.
        Assert.Equal(80, (await SheetAsync(assigned.Client, round, e1, [7, 9])).GetProperty("total").GetDouble(), Exact);
        var counted = Line(await ResultsAsync(organizer, round.RoundId), e1);
        Assert.Equal(80, counted.GetProperty("mean").GetDouble(), Exact);
        Assert.Equal(1, counted.GetProperty("jurorCount").GetInt32());

        // Closed: locked; the stored sheet stays.
        await JsonAsync(await organizer.PostAsync($"/api/v1/rounds/{round.RoundId}/close", null), HttpStatusCode.OK);
        var locked = await ProblemAsync(await PutSheetAsync(assigned.Client, round, e1, [1, 1]), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("The round is closed: scores are locked.", locked.GetProperty("detail").GetString());
        var after = await JsonAsync(await assigned.Client.GetAsync(sheetUrl), HttpStatusCode.OK);
        Assert.Equal(80, after.GetProperty("total").GetDouble(), Exact);
        Assert.Equal(80, Line(await ResultsAsync(organizer, round.RoundId), e1).GetProperty("mean").GetDouble(), Exact);
    }

    [Fact]
    public async Task Conflict_DeclaredAfterScoring_SheetStopsCountingAndEntryLeavesTheJurorsList()
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var contestId = await _kit.ContestAsync(organizer, org);
        var round = await RoundAsync(organizer, contestId, "Mean", (1, 10)); // T = 10·s
        var e1 = (await _kit.EntryAsync(contestId, "Scored")).Id;
        var j1 = await _kit.JurorAsync(organizer, contestId);
        var j2 = await _kit.JurorAsync(organizer, contestId);
        await AssignAsync(organizer, round.RoundId, j1, e1);
        await AssignAsync(organizer, round.RoundId, j2, e1);
        await JsonAsync(await organizer.PostAsync($"/api/v1/rounds/{round.RoundId}/open", null), HttpStatusCode.OK);
        await SheetAsync(j1.Client, round, e1, [8]); // 80
        await SheetAsync(j2.Client, round, e1, [4]); // 40
        var before = Line(await ResultsAsync(organizer, round.RoundId), e1);
        Assert.Equal(60, before.GetProperty("mean").GetDouble(), Exact); // (80 + 40)/2
        Assert.Equal(2, before.GetProperty("jurorCount").GetInt32());

        var declared = await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/contests/{contestId}/conflicts",
            new { jurorId = j2.Id, entryId = e1, reason = "Former colleague" }), HttpStatusCode.Created);
        Assert.Equal("Organizer", declared.GetProperty("source").GetString());

        var after = Line(await ResultsAsync(organizer, round.RoundId), e1);
        Assert.Equal(80, after.GetProperty("mean").GetDouble(), Exact); // j1's 80 alone
        Assert.Equal(1, after.GetProperty("jurorCount").GetInt32());
        Assert.Equal(0, (await JsonAsync(await j2.Client.GetAsync($"/api/v1/contests/{contestId}/entries"), HttpStatusCode.OK)).GetArrayLength());
        var assignments = await JsonAsync(await organizer.GetAsync($"/api/v1/rounds/{round.RoundId}/assignments"), HttpStatusCode.OK);
        Assert.Equal([j1.Id], assignments.EnumerateArray().Select(x => x.GetProperty("jurorId").GetString()));
        var conflicts = await JsonAsync(await organizer.GetAsync($"/api/v1/contests/{contestId}/conflicts"), HttpStatusCode.OK);
        Assert.Equal("Former colleague", Assert.Single(conflicts.EnumerateArray()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task SheetHistory_AppendOnly_OwnJurorAndOrganizerRead_OtherJurorAndConflictedJurorRefused()
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var contestId = await _kit.ContestAsync(organizer, org);
        var round = await RoundAsync(organizer, contestId, "Mean", (1, 10));
        var e1 = (await _kit.EntryAsync(contestId, "History")).Id;
        var j1 = await _kit.JurorAsync(organizer, contestId);
        var j2 = await _kit.JurorAsync(organizer, contestId);
        await AssignAsync(organizer, round.RoundId, j1, e1);
        await AssignAsync(organizer, round.RoundId, j2, e1);
        await JsonAsync(await organizer.PostAsync($"/api/v1/rounds/{round.RoundId}/open", null), HttpStatusCode.OK);
        await SheetAsync(j1.Client, round, e1, [3], final: false);
        var sheet = await SheetAsync(j1.Client, round, e1, [7], final: true);
        var sheetId = sheet.GetProperty("id").GetInt32();

        var history = await JsonAsync(await j1.Client.GetAsync($"/api/v1/sheets/{sheetId}/history"), HttpStatusCode.OK);
        Assert.Equal(2, history.GetArrayLength());
        var second = history[1];
        Assert.Equal(3, second.GetProperty("oldScores")[0].GetProperty("score").GetDouble());
        Assert.Equal(7, second.GetProperty("newScores")[0].GetProperty("score").GetDouble());
        Assert.False(second.GetProperty("oldFinal").GetBoolean());
        Assert.True(second.GetProperty("newFinal").GetBoolean());
        Assert.Equal(j1.Id, second.GetProperty("changedBy").GetString());
        Assert.Equal(2, (await JsonAsync(await organizer.GetAsync($"/api/v1/sheets/{sheetId}/history"), HttpStatusCode.OK)).GetArrayLength());
        await ProblemAsync(await j2.Client.GetAsync($"/api/v1/sheets/{sheetId}/history"), HttpStatusCode.Forbidden);

        // Once in conflict with the entry, even the sheet's own juror reads nothing of it.
        await JsonAsync(await j1.Client.PostAsJsonAsync($"/api/v1/contests/{contestId}/conflicts", new { jurorId = j1.Id, entryId = e1, reason = "My cousin" }),
            HttpStatusCode.Created);
        await ProblemAsync(await j1.Client.GetAsync($"/api/v1/sheets/{sheetId}/history"), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("ky", "Арыз кабыл алуу мөөнөтү бүттү.", "Арыз кабыл алуу али башталган жок.")]
    [InlineData("ru", "Срок приёма заявок истёк.", "Приём заявок ещё не начался.")]
    [InlineData("en", "The submission deadline has passed.", "Submissions have not opened yet.")]
    public async Task Entry_AfterDeadline422_BeforeOpening422_InTheCallersLanguage(string language, string closedText, string notOpenText)
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        // The server runs on real time (the factory does not replace TimeProvider): windows are set around now.
        var past = await _kit.ContestAsync(organizer, org, opens: DateTime.UtcNow.AddDays(-30), closes: DateTime.UtcNow.AddDays(-1));
        var future = await _kit.ContestAsync(organizer, org, opens: DateTime.UtcNow.AddDays(10), closes: DateTime.UtcNow.AddDays(40));
        var client = app.Anonymous(language);

        var late = await ProblemAsync(await client.PostAsJsonAsync($"/api/v1/contests/{past}/entries", EntryBody("Late", "Late Entrant", "late@example.kg")),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal(closedText, late.GetProperty("detail").GetString());
        var early = await ProblemAsync(await client.PostAsJsonAsync($"/api/v1/contests/{future}/entries", EntryBody("Early", "Early Entrant", "early@example.kg")),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal(notOpenText, early.GetProperty("detail").GetString());

        foreach (var id in new[] { past, future })
            Assert.Equal(0, (await JsonAsync(await organizer.GetAsync($"/api/v1/contests/{id}/entries"), HttpStatusCode.OK)).GetArrayLength());
    }

    [Theory]
    [InlineData("ky", "Туура электрондук почта дарегин киргизиңиз.", "Бул талааны толтуруңуз.")]
    [InlineData("ru", "Введите правильный адрес электронной почты.", "Заполните это поле.")]
    [InlineData("en", "Enter a valid email address.", "This field is required.")]
    public async Task Entry_InvalidEmailAndMissingTitle_400WithFieldNames_InTheCallersLanguage(string language, string emailText, string requiredText)
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var contestId = await _kit.ContestAsync(organizer, org);

        var response = await app.Anonymous(language).PostAsJsonAsync($"/api/v1/contests/{contestId}/entries", EntryBody("   ", "Someone", "not-an-email"));

        var errors = (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(emailText, errors.GetProperty("entrantEmail")[0].GetString());
        Assert.Equal(requiredText, errors.GetProperty("title")[0].GetString());
        Assert.False(errors.TryGetProperty("entrantName", out _));
        Assert.Equal(0, (await JsonAsync(await organizer.GetAsync($"/api/v1/contests/{contestId}/entries"), HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Contest_WindowClosingBeforeItOpens_400()
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var response = await organizer.PostAsJsonAsync("/api/v1/contests",
            ContestBody(org, opens: DateTime.UtcNow.AddDays(5), closes: DateTime.UtcNow.AddDays(1)));
        Assert.True((await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("submissionClosesUtc", out _));
    }

    [Fact]
    public async Task Withdraw_ByTokenOrOrganizer_WrongToken404_WithdrawnEntriesLeaveResults()
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var contestId = await _kit.ContestAsync(organizer, org);
        var round = await RoundAsync(organizer, contestId, "Mean", (1, 10)); // T = 10·s
        var e1 = await _kit.EntryAsync(contestId, "One");
        var e2 = await _kit.EntryAsync(contestId, "Two");
        var e3 = await _kit.EntryAsync(contestId, "Three");
        var juror = await _kit.JurorAsync(organizer, contestId);
        await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/rounds/{round.RoundId}/assignments/auto", new { jurorsPerEntry = 1 }), HttpStatusCode.OK);
        await JsonAsync(await organizer.PostAsync($"/api/v1/rounds/{round.RoundId}/open", null), HttpStatusCode.OK);
        await SheetAsync(juror.Client, round, e1.Id, [9]);
        await SheetAsync(juror.Client, round, e2.Id, [8]);
        await SheetAsync(juror.Client, round, e3.Id, [7]);
        Assert.Equal([e1.Id, e2.Id, e3.Id], Order(await ResultsAsync(organizer, round.RoundId))); // 90 > 80 > 70

        // Another entry's token, or a made-up one: 404, and neither entry changes.
        Assert.Equal(HttpStatusCode.NotFound,
            (await app.Anonymous().PostAsJsonAsync($"/api/v1/entries/{e1.Id}/withdraw", new { manageToken = e2.ManageToken })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await app.Anonymous().PostAsJsonAsync($"/api/v1/entries/{e1.Id}/withdraw", new { manageToken = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })).StatusCode);
        // Without a token: anonymous learns nothing (404), a juror may not (403).
        Assert.Equal(HttpStatusCode.NotFound, (await app.Anonymous().PostAsync($"/api/v1/entries/{e3.Id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await juror.Client.PostAsync($"/api/v1/entries/{e3.Id}/withdraw", null)).StatusCode);
        foreach (var e in new[] { e1, e2 })
            Assert.Equal("Submitted", (await app.Anonymous().GetFromJsonAsync<JsonElement>($"/api/v1/entries/by-token/{e.ManageToken}")).GetProperty("status").GetString());
        Assert.Equal(3, (await ResultsAsync(organizer, round.RoundId)).GetArrayLength());

        // The entrant with their token.
        var byEntrant = await JsonAsync(await app.Anonymous().PostAsJsonAsync($"/api/v1/entries/{e1.Id}/withdraw", new { manageToken = e1.ManageToken }),
            HttpStatusCode.OK);
        Assert.Equal("Withdrawn", byEntrant.GetProperty("status").GetString());
        // The organizer, without a body.
        var byOrganizer = await JsonAsync(await organizer.PostAsync($"/api/v1/entries/{e2.Id}/withdraw", null), HttpStatusCode.OK);
        Assert.Equal("Withdrawn", byOrganizer.GetProperty("status").GetString());

        var results = await ResultsAsync(organizer, round.RoundId);
        var only = Assert.Single(results.EnumerateArray());
        Assert.Equal((e3.Id, 1), (only.GetProperty("entryId").GetInt32(), only.GetProperty("rank").GetInt32()));
        Assert.Equal(70, only.GetProperty("mean").GetDouble(), Exact);
        var jurorsView = await JsonAsync(await juror.Client.GetAsync($"/api/v1/contests/{contestId}/entries"), HttpStatusCode.OK);
        Assert.Equal([e3.Id], jurorsView.EnumerateArray().Select(e => e.GetProperty("id").GetInt32()));
        var organizersView = await JsonAsync(await organizer.GetAsync($"/api/v1/contests/{contestId}/entries"), HttpStatusCode.OK);
        Assert.Equal(["Withdrawn", "Withdrawn", "Submitted"], organizersView.EnumerateArray().Select(e => e.GetProperty("status").GetString()));
        Assert.All(organizersView.EnumerateArray(), e => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", e.GetProperty("submittedUtc").GetString()));
        // A withdrawn entry's sheet can no longer be saved.
        await ProblemAsync(await PutSheetAsync(juror.Client, round, e1.Id, [1]), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Advance_TopOne_NextRoundOpensWithExactlyThatEntry_WithoutNextRound422()
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var contestId = await _kit.ContestAsync(organizer, org);
        var first = await RoundAsync(organizer, contestId, "Mean", (1, 10)); // T = 10·s
        var e1 = (await _kit.EntryAsync(contestId, "One")).Id;
        var e2 = (await _kit.EntryAsync(contestId, "Two")).Id;
        var e3 = (await _kit.EntryAsync(contestId, "Three")).Id;
        var j1 = await _kit.JurorAsync(organizer, contestId);
        var j2 = await _kit.JurorAsync(organizer, contestId);
        await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/rounds/{first.RoundId}/assignments/auto", new { jurorsPerEntry = 2 }), HttpStatusCode.OK);
        await JsonAsync(await organizer.PostAsync($"/api/v1/rounds/{first.RoundId}/open", null), HttpStatusCode.OK);
        // means: e1 (50 + 70)/2 = 60, e2 (90 + 80)/2 = 85, e3 (40 + 100)/2 = 70 → top 1 is e2.
        foreach (var (juror, scores) in new (Person Juror, double[] Scores)[] { (j1, [5, 9, 4]), (j2, [7, 8, 10]) })
            for (var i = 0; i < 3; i++)
                await SheetAsync(juror.Client, first, new[] { e1, e2, e3 }[i], [scores[i]]);

        var notClosed = await ProblemAsync(await organizer.PostAsJsonAsync($"/api/v1/rounds/{first.RoundId}/advance", new { top = 1 }),
            HttpStatusCode.UnprocessableEntity);
        Assert.False(string.IsNullOrEmpty(notClosed.GetProperty("detail").GetString()));
        await JsonAsync(await organizer.PostAsync($"/api/v1/rounds/{first.RoundId}/close", null), HttpStatusCode.OK);
        Assert.Equal([e2, e3, e1], Order(await ResultsAsync(organizer, first.RoundId)));

        var noNext = await ProblemAsync(await organizer.PostAsJsonAsync($"/api/v1/rounds/{first.RoundId}/advance", new { top = 1 }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("There is no next round: create it with its rubric first.", noNext.GetProperty("detail").GetString());

        var final = await RoundAsync(organizer, contestId, "Mean", (1, 10));
        var outOfRange = await ProblemAsync(await organizer.PostAsJsonAsync($"/api/v1/rounds/{first.RoundId}/advance", new { top = 4 }),
            HttpStatusCode.BadRequest);
        Assert.True(outOfRange.GetProperty("errors").TryGetProperty("top", out _)); // only 3 entries in the round

        var advanced = await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/rounds/{first.RoundId}/advance", new { top = 1 }), HttpStatusCode.OK);
        // The contract: "→ next round's entries".
        Assert.Equal([e2], advanced.EnumerateArray().Select(x => x.GetProperty("id").GetInt32()));
        var contest = await JsonAsync(await organizer.GetAsync($"/api/v1/contests/{contestId}"), HttpStatusCode.OK);
        Assert.Equal(["Closed", "Open"], contest.GetProperty("rounds").EnumerateArray().Select(r => r.GetProperty("status").GetString()));

        // The next round judges exactly e2: its results list only e2 (unscored), and auto-assignment only pairs e2.
        var next = await ResultsAsync(organizer, final.RoundId);
        var line = Assert.Single(next.EnumerateArray());
        Assert.Equal((e2, 0), (line.GetProperty("entryId").GetInt32(), line.GetProperty("jurorCount").GetInt32()));
        Assert.Equal(JsonValueKind.Null, line.GetProperty("mean").ValueKind);
        var assigned = await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/rounds/{final.RoundId}/assignments/auto", new { jurorsPerEntry = 2 }),
            HttpStatusCode.OK);
        Assert.Equal([e2, e2], assigned.EnumerateArray().Select(a => a.GetProperty("entryId").GetInt32()));
        await ProblemAsync(await PutSheetAsync(j1.Client, final, e1, [5]), HttpStatusCode.Forbidden);
        Assert.Equal(100, (await SheetAsync(j1.Client, final, e2, [10])).GetProperty("total").GetDouble(), Exact);

        // Advancing again: the next round is no longer in Setup.
        await ProblemAsync(await organizer.PostAsJsonAsync($"/api/v1/rounds/{first.RoundId}/advance", new { top = 1 }), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Awards_Created201_OverBudget422_SamePlace409_ResultsPublicOnlyAfterPublishing_LettersInTheOutbox()
    {
        var org = await _kit.OrganizationAsync();
        var organizer = (await _kit.OrganizerAsync(org)).Client;
        var contestId = await _kit.ContestAsync(organizer, org, grantBudget: 1000, currency: "USD");
        var winner = await _kit.EntryAsync(contestId, "Greenhouses in Batken", "Айгүл Асанова", language: "ru");
        var second = await _kit.EntryAsync(contestId, "Felt workshop", "Bakyt Osmonov", language: "en");
        var third = await _kit.EntryAsync(contestId, "Honey cooperative", "Cholpon Ryskulova", language: "ky");
        var anonymous = app.Anonymous("en");

        await ProblemAsync(await anonymous.GetAsync($"/api/v1/contests/{contestId}/results"), HttpStatusCode.NotFound);

        var createdResponse = await organizer.PostAsJsonAsync($"/api/v1/contests/{contestId}/awards",
            new { entryId = winner.Id, place = 1, title = "Grand prize", grantAmount = 600 });
        var award = await JsonAsync(createdResponse, HttpStatusCode.Created);
        Assert.Equal((winner.Id, 1, 600m), (award.GetProperty("entryId").GetInt32(), award.GetProperty("place").GetInt32(), award.GetProperty("grantAmount").GetDecimal()));
        Assert.Equal("Greenhouses in Batken", award.GetProperty("entryTitle").GetString());
        Assert.Equal(contestId, award.GetProperty("contestId").GetInt32());

        // 600 given + 500 > 1000: 422 with what is left (400).
        var over = await ProblemAsync(await organizer.PostAsJsonAsync($"/api/v1/contests/{contestId}/awards",
            new { entryId = second.Id, place = 2, grantAmount = 500 }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("400", over.GetProperty("detail").GetString());
        Assert.Contains("USD", over.GetProperty("detail").GetString());
        // Place 1 is taken: 409.
        await ProblemAsync(await organizer.PostAsJsonAsync($"/api/v1/contests/{contestId}/awards", new { entryId = second.Id, place = 1 }),
            HttpStatusCode.Conflict);
        // 600 + 400 = 1000: exactly the budget is allowed; then nothing is left for a grant of 1.
        await JsonAsync(await organizer.PostAsJsonAsync($"/api/v1/contests/{contestId}/awards", new { entryId = second.Id, place = 2, grantAmount = 400 }),
            HttpStatusCode.Created);
        await ProblemAsync(await organizer.PostAsJsonAsync($"/api/v1/contests/{contestId}/awards", new { entryId = third.Id, place = 3, grantAmount = 1 }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal(2, (await JsonAsync(await organizer.GetAsync($"/api/v1/contests/{contestId}/awards"), HttpStatusCode.OK)).GetArrayLength());

        // Still not public before publishing.
        await ProblemAsync(await anonymous.GetAsync($"/api/v1/contests/{contestId}/results"), HttpStatusCode.NotFound);
        var published = await JsonAsync(await organizer.PostAsync($"/api/v1/contests/{contestId}/results/publish", null), HttpStatusCode.OK);
        Assert.EndsWith("Z", published.GetProperty("resultsPublishedUtc").GetString());

        var results = await JsonAsync(await anonymous.GetAsync($"/api/v1/contests/{contestId}/results"), HttpStatusCode.OK);
        Assert.Equal([1, 2], results.EnumerateArray().Select(r => r.GetProperty("place").GetInt32()));
        var first = results[0];
        Assert.Equal(winner.Id, first.GetProperty("entryId").GetInt32());
        Assert.Equal("Айгүл Асанова", first.GetProperty("entrantName").GetString());
        Assert.Equal("Grand prize", first.GetProperty("title").GetString());
        Assert.Equal(600m, first.GetProperty("grantAmount").GetDecimal());

        // One award letter per winner, in the entrant's language; publishing again sends none twice.
        await JsonAsync(await organizer.PostAsync($"/api/v1/contests/{contestId}/results/publish", null), HttpStatusCode.OK);
        await using (var db = app.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext())
        {
            var letters = await db.Outbox.AsNoTracking().Where(m => m.Kind == "AwardLetter" && (m.To == winner.Email || m.To == second.Email || m.To == third.Email))
                .Select(m => new { m.To, m.Subject }).ToListAsync();
            Assert.Equal(2, letters.Count);
            Assert.StartsWith("Поздравляем!", letters.Single(l => l.To == winner.Email).Subject);
            Assert.StartsWith("Congratulations!", letters.Single(l => l.To == second.Email).Subject);
        }
        // And the dispatcher delivers it (the pickup folder, as for registrations).
        var deadline = DateTime.UtcNow.AddSeconds(20);
        string? delivered = null;
        while (delivered is null && DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(app.PickupFolder))
                delivered = Directory.EnumerateFiles(app.PickupFolder, "*.eml")
                    .FirstOrDefault(f => File.ReadAllText(f) is var text && text.Contains(second.Email) && text.Contains("Congratulations!"));
            await Task.Delay(100);
        }
        Assert.NotNull(delivered);
    }

    [Fact]
    public async Task OpenApi_DescribesTheContestEndpoints()
    {
        var paths = JsonDocument.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");
        foreach (var path in new[]
                 {
                     "/api/v1/contests", "/api/v1/contests/{id}/rounds", "/api/v1/rounds/{id}/open", "/api/v1/contests/{id}/publish",
                     "/api/v1/contests/{id}/entries", "/api/v1/entries/{id}/withdraw", "/api/v1/contests/{id}/jurors", "/api/v1/rounds/{id}/assignments",
                     "/api/v1/rounds/{id}/assignments/auto", "/api/v1/contests/{id}/conflicts", "/api/v1/rounds/{id}/entries/{entryId}/scoresheet",
                     "/api/v1/rounds/{id}/close", "/api/v1/rounds/{id}/results", "/api/v1/rounds/{id}/advance", "/api/v1/contests/{id}/awards",
                     "/api/v1/contests/{id}/results", "/api/v1/contests/{id}/results/publish", "/api/v1/entries/by-token/{token}/attachments",
                     "/api/v1/attachments/{id}",
                 })
            Assert.True(paths.TryGetProperty(path, out _), path);
        Assert.True(paths.GetProperty("/api/v1/rounds/{id}/entries/{entryId}/scoresheet").TryGetProperty("put", out _));
        Assert.True(paths.GetProperty("/api/v1/contests/{id}/entries").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/contests/{id}/entries").TryGetProperty("get", out _));
    }
}
