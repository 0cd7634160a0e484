using Events.Core.Scheduling;
using Events.Core.People;
using Events.Core.Reference;
using Events.Core.Seeding;
using Events.Core.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Tests.Seeding;

public class SeedingTests
{
    [Fact]
    public async Task ReferenceData_SeededTwice_SameRows()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<ReferenceDataSeeder>().SeedAsync();

        await using var context = db.NewContext();
        Assert.Equal(CountryCatalog.All.Count, await context.Countries.CountAsync());
        Assert.Equal(ReferenceOrganizations.All.Count, await context.Organizations.CountAsync());
        Assert.Equal(Roles.All.Order(), (await context.Roles.Select(r => r.Name!).ToListAsync()).Order());
    }

    [Fact]
    public async Task ReferenceData_HasTheAudiencesMissions()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = db.NewContext();
        var codes = await context.Organizations.Select(o => o.Code).ToListAsync();

        foreach (var code in new[] { "MLSSM", "MFA", "EMB-RU", "CON-RU-NOVOSIBIRSK", "CON-RU-YEKATERINBURG", "EMB-TR", "EMB-KZ", "EMB-DE",
                     "EMB-IT", "EMB-KR", "EMB-US", "EMB-AE", "EMB-GB" })
            Assert.Contains(code, codes);
        var novosibirsk = await context.Organizations.SingleAsync(o => o.Code == "CON-RU-NOVOSIBIRSK");
        Assert.Equal("Asia/Novosibirsk", novosibirsk.TimeZone);
        Assert.All(await context.Organizations.ToListAsync(), o => Assert.True(Events.Core.Common.TimeZones.IsValidIana(o.TimeZone), o.TimeZone));
    }

    [Fact]
    public void Countries_AllIsoCodesWithThreeNamesAndRealZones()
    {
        Assert.Equal(249, CountryCatalog.All.Count);
        Assert.Equal(CountryCatalog.All.Count, CountryCatalog.All.Select(c => c.Code).Distinct().Count());
        Assert.All(CountryCatalog.All, c =>
        {
            Assert.Matches("^[A-Z]{2}$", c.Code);
            Assert.False(string.IsNullOrWhiteSpace(c.NameKy + c.NameRu + c.NameEn));
            Assert.True(Events.Core.Common.TimeZones.IsValidIana(c.TimeZone), $"{c.Code}: {c.TimeZone}");
        });
        var kg = CountryCatalog.All.Single(c => c.Code == "KG");
        Assert.Equal(("Кыргызстан", "Кыргызстан", "Kyrgyzstan"), (kg.NameKy, kg.NameRu, kg.NameEn));
        Assert.Equal("Түркия", CountryCatalog.All.Single(c => c.Code == "TR").NameKy);
    }

    [Fact]
    public async Task Administrator_FirstRunWithoutPassword_GeneratesStrongOneOnce()
    {
        await using var db = await TestDatabase.CreateAsync(new() { ["Seed:AdminPassword"] = "", ["Seed:AdminEmail"] = "root@events.kg" });
        await db.Get<AdministratorSeeder>().SeedAsync();
        await db.Get<AdministratorSeeder>().SeedAsync();

        var users = db.Get<UserManager<EventsUser>>();
        var admins = await users.GetUsersInRoleAsync(Roles.Administrator);
        var admin = Assert.Single(admins);
        Assert.Equal("root@events.kg", admin.Email);
        Assert.NotNull(admin.PasswordHash);
    }

    [Fact]
    public async Task Administrator_ConfiguredPassword_SignsIn()
    {
        await using var db = await TestDatabase.CreateAsync(new() { ["Seed:AdminPassword"] = "Configured-2026" });
        await db.Get<AdministratorSeeder>().SeedAsync();

        var users = db.Get<UserManager<EventsUser>>();
        var admin = await users.FindByEmailAsync("admin@events.local");
        Assert.True(await users.CheckPasswordAsync(admin!, "Configured-2026"));
    }

    [Fact]
    public void PasswordGenerator_Strong_HasEveryClassAndDiffers()
    {
        var a = PasswordGenerator.Strong();
        var b = PasswordGenerator.Strong();
        Assert.Equal(20, a.Length);
        Assert.NotEqual(a, b);
        Assert.Contains(a, char.IsDigit);
        Assert.Contains(a, char.IsUpper);
        Assert.Contains(a, char.IsLower);
        Assert.Contains(a, c => !char.IsLetterOrDigit(c));
    }

    [Fact]
    public async Task Demo_SeededTwice_PeopleOnceSpreadLikeTheAudience()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoSeeder>().SeedAsync("Demo-Test-2026");
        await db.Get<DemoSeeder>().SeedAsync("Demo-Test-2026");

        await using var context = db.NewContext();
        var compatriots = await context.Users.Where(u => u.Email!.StartsWith("compatriot")).ToListAsync();
        Assert.Equal(DemoPeople.CompatriotCount, compatriots.Count);
        var inRussia = compatriots.Count(u => u.CountryCode == "RU") / (double)compatriots.Count;
        Assert.InRange(inRussia, 0.45, 0.68);
        Assert.True(compatriots.Select(u => u.CountryCode).Distinct().Count() >= 10);
        Assert.Contains(compatriots, u => u.Gender == Gender.Female);
        Assert.Contains(compatriots, u => u.Gender == Gender.Male);

        var users = db.Get<UserManager<EventsUser>>();
        var organizer = await users.FindByEmailAsync($"organizer@{DemoPeople.EmailDomain}");
        Assert.True(await users.CheckPasswordAsync(organizer!, "Demo-Test-2026"));
        Assert.True(await users.IsInRoleAsync(organizer!, Roles.Organizer));
    }

    [Fact]
    public async Task Demo_Contests_ClosedShortlist_OpenFinalOfItsBest_PublishedStories()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoSeeder>().SeedAsync("Demo-Test-2026");
        var admin = TestActors.Admin;
        var contests = db.Get<Events.Core.Contests.ContestService>();

        await using var context = db.NewContext();
        var mykty = await context.Contests.Include(c => c.Rounds).SingleAsync(c => c.Kind == Events.Core.Contests.ContestKind.MyktyMekendesh);
        var rounds = mykty.Rounds.OrderBy(r => r.Number).ToList();
        Assert.Equal([Events.Core.Contests.RoundStatus.Closed, Events.Core.Contests.RoundStatus.Open], rounds.Select(r => r.Status));
        var shortlist = await contests.ResultsAsync(admin, rounds[0].Id, null);
        Assert.Equal(8, shortlist.Count);
        Assert.All(shortlist, r => Assert.Equal(3, r.JurorCount)); // every sheet of the shortlist is final
        // The final judges the shortlist's four best, and one juror is not done yet.
        var final = await contests.ResultsAsync(admin, rounds[1].Id, null);
        Assert.Equal(shortlist.Take(4).Select(r => r.EntryId).Order(), final.Select(r => r.EntryId).Order());
        Assert.Contains(final, r => r.JurorCount == 2);
        Assert.Equal(2, (await contests.SuccessStoriesAsync("ky")).Count);
        // The jury can sign in with the demo password.
        var users = db.Get<UserManager<EventsUser>>();
        var juror = await users.FindByEmailAsync($"juror3@{DemoPeople.EmailDomain}");
        Assert.True(await users.CheckPasswordAsync(juror!, "Demo-Test-2026"));
    }

    [Fact]
    public async Task Demo_Training_HeldSessionsImportedAndMarked_CertificatesToThoseWhoCompleted_InnolabTeams()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoSeeder>().SeedAsync("Demo-Test-2026");
        var programs = db.Get<Events.Core.Training.ProgramService>();
        await using var context = db.NewContext();
        var training = await context.Events.SingleAsync(e => e.Kind == EventKind.Training);
        var trainer = await context.Users.SingleAsync(u => u.Email == $"trainer@{DemoPeople.EmailDomain}");
        var asTrainer = new Events.Core.Common.Actor(trainer.Id, false, trainer.FullName);

        // The trainer sees the training and the innolab they are assigned to, and opens the dashboard.
        var mine = await programs.MyEventsAsync(asTrainer, "ky");
        Assert.Equal(2, mine.Count(e => e.IsTrainer));
        var dashboard = await programs.DashboardAsync(asTrainer, training.Id);
        Assert.Equal(4, dashboard.Sessions.Count(s => s.Held));
        Assert.Equal(3, dashboard.HeldOnline);
        Assert.Equal(1, dashboard.HeldOffline);
        Assert.Equal(18, dashboard.Sessions[0].Enrolled);
        Assert.All(dashboard.Sessions.Where(s => s.Held), s => Assert.Equal(0, s.Unmarked));
        // Online sessions came from reports (with minutes), the offline one from the roster; every mark has its history line.
        Assert.True(await context.Attendance.CountAsync(a => a.EventId == training.Id && a.Source == Events.Core.Training.AttendanceSource.Import && a.MinutesAttended != null) >= 3 * 18);
        Assert.Equal(await context.Attendance.CountAsync(), await context.AttendanceChanges.CountAsync());
        // Certificates exactly for those who completed by the rule.
        var completion = await programs.CompletionAsync(asTrainer, training.Id);
        Assert.Contains(completion, c => c.Completed);
        Assert.All(completion, c => Assert.Equal(c.Completed, c.CertificateCode is not null));
        // The innolab: three teams, two final projects (the plan's "developed start-ups").
        var innolab = await context.Events.SingleAsync(e => e.Kind == EventKind.Innolab);
        Assert.Equal(3, await context.InnolabTeams.CountAsync(t => t.EventId == innolab.Id));
        Assert.Equal(2, await context.StartupProjects.CountAsync(p => p.EventId == innolab.Id && p.Status == Events.Core.Training.ProjectStatus.Final));
        // Programs count people once per event on every session.
        var course = await context.Events.Include(e => e.Sessions).SingleAsync(e => e.Kind == EventKind.Course);
        var enrolled = await context.Registrations.CountAsync(r => r.EventId == course.Id && r.Status == Events.Core.Registration.RegistrationStatus.Confirmed);
        Assert.All(course.Sessions, s => Assert.Equal(enrolled, s.ConfirmedCount));
    }

    [Fact]
    public async Task Demo_Engagement_QuestionsSurveysCoverageAndRecommendations_FillTheYearsIndicators()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoSeeder>().SeedAsync("Demo-Test-2026");
        await db.Get<DemoSeeder>().SeedAsync("Demo-Test-2026");
        await using var context = db.NewContext();

        // Questions: answered and published, answered only, still open; answered after various delays.
        var questions = await context.Questions.ToListAsync();
        Assert.Contains(questions, q => q.IsAnswered && q.IsPublished);
        Assert.Contains(questions, q => q.IsAnswered && !q.IsPublished);
        Assert.Contains(questions, q => !q.IsAnswered);
        Assert.True(questions.Where(q => q.IsAnswered).Select(q => (int)(q.AnsweredUtc!.Value - q.AskedUtc).TotalHours).Distinct().Count() >= 4);
        Assert.All(questions.Where(q => q.IsAnswered), q => Assert.True(q.AnsweredUtc > q.AskedUtc));
        // Survey: both waves from registrations, at most one per registration and wave; some events ask their own questions too.
        var responses = await context.SurveyResponses.ToListAsync();
        Assert.Contains(responses, r => r.Wave == Events.Core.Engagement.SurveyWave.Baseline);
        Assert.Contains(responses, r => r.Wave == Events.Core.Engagement.SurveyWave.FollowUp);
        Assert.Equal(responses.Count, responses.Select(r => (r.RegistrationId, r.Wave)).Distinct().Count());
        Assert.True(await context.Surveys.AnyAsync());
        Assert.Contains(responses, r => r.Answers.Count > 0);
        // Coverage on several channels, with links; the year's recommendations by the analyst.
        var coverage = await context.Coverage.ToListAsync();
        Assert.True(coverage.Select(c => c.Channel).Distinct().Count() >= 4);
        Assert.Contains(coverage, c => c.Url is not null);
        var analyst = await context.Users.SingleAsync(u => u.Email == $"analyst@{DemoPeople.EmailDomain}");
        var recommendation = await context.ReportRecommendations.SingleAsync();
        Assert.Equal((2026, (int?)null, analyst.Id), (recommendation.Year, recommendation.OrganizationId, recommendation.UpdatedBy));

        // The dashboard's year shows them, and the audience is plausibly better informed after the events than before.
        var d = await db.Get<Events.Core.Indicators.IndicatorService>().ComputeAsync(TestActors.Admin, 2026, null);
        Assert.True(d.Totals.Reposts > 0 && d.Totals.Views > 0);
        Assert.True(d.Questions.Received > 0 && d.Questions.Answered > 0 && d.Questions.Answered < d.Questions.Received);
        Assert.NotNull(d.Questions.MedianHoursToAnswer);
        var (before, after) = (d.Survey["Baseline"], d.Survey["FollowUp"]);
        Assert.True(before.Responses > 0 && after.Responses > 0);
        Assert.True(after.SatisfiedAverage > before.SatisfiedAverage);
        Assert.True((double)after.AwareOfOpportunities / after.Responses > (double)before.AwareOfOpportunities / before.Responses);
        var report = await db.Get<Events.Core.Indicators.MonitoringReportService>().ReportAsync(new Events.Core.Common.Actor(analyst.Id, false), 2026, null, "ky");
        Assert.Equal(d.Totals.Reposts, report.Internet.Reposts);
        Assert.NotEmpty(report.Internet.LinkList);
        Assert.NotEmpty(report.Survey.Questions);
        Assert.NotNull(report.Recommendations.Text);
    }

    [Fact]
    public async Task Demo_Engagement_OnADemoSeededBeforeIt_KeepsWhatPeopleAlreadyEntered()
    {
        await using var db = await TestDatabase.CreateAsync();
        await db.Get<DemoSeeder>().SeedAsync("Demo-Test-2026");
        // As a demo seeded before the engagement part existed, where people had since tried the survey pages.
        int surveyed;
        List<(int, Events.Core.Engagement.SurveyWave)> kept;
        await using (var context = db.NewContext())
        {
            surveyed = await context.Surveys.Select(x => x.EventId).FirstAsync();
            kept = (await context.SurveyResponses.Select(r => new { r.RegistrationId, r.Wave }).Take(5).ToListAsync()).Select(r => (r.RegistrationId, r.Wave)).ToList();
            await context.SeedRuns.Where(r => r.Name == "demo:engagement").ExecuteDeleteAsync();
            await context.Questions.ExecuteDeleteAsync();
            await context.Coverage.ExecuteDeleteAsync();
            await context.SurveyResponses.Where(r => !kept.Select(k => k.Item1).Contains(r.RegistrationId)).ExecuteDeleteAsync();
        }

        await db.Get<DemoSeeder>().SeedAsync("Demo-Test-2026");

        await using var after = db.NewContext();
        Assert.True(await after.SeedRuns.AnyAsync(r => r.Name == "demo:engagement"));
        Assert.Equal(1, await after.Surveys.CountAsync(x => x.EventId == surveyed));
        var responses = await after.SurveyResponses.Select(r => new { r.RegistrationId, r.Wave }).ToListAsync();
        Assert.Equal(responses.Count, responses.Distinct().Count());
        Assert.All(kept, k => Assert.Contains(responses, r => r.RegistrationId == k.Item1 && r.Wave == k.Item2));
        Assert.Equal(1, await after.ReportRecommendations.CountAsync());
        Assert.True(await after.Questions.AnyAsync());
    }
}
