using Events.Core.Common;
using Events.Core.Organizations;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;

namespace Events.Core.Tests.Registration;

public class RegistrationDeskTests
{
    private static readonly Actor Admin = new("admin", IsAdministrator: true);

    private static async Task<(TestDatabase, Session)> OfflineSessionAsync()
    {
        var db = await TestDatabase.CreateAsync();
        var org = (await db.Get<OrganizationService>().ListAsync("en", "Berlin")).Items.Single();
        var scheduling = db.Get<SchedulingService>();
        var e = await scheduling.CreateEventAsync(Admin, new EventDraft(org.Id, EventKind.EmbassyMeeting, "Жолугушуу",
            Sessions: [new SessionInput(null, new DateTime(2026, 12, 12, 11, 0, 0), "Europe/Berlin", 120, SessionMode.Offline, null, "Элчилик", "Otto-Suhr-Allee 146", 80)]));
        await scheduling.PublishAsync(Admin, e.Id);
        return (db, e.Sessions[0]);
    }

    [Fact]
    public async Task CheckInByCode_InsideWindowOnce_OutsideRefused()
    {
        var (db, session) = await OfflineSessionAsync();
        await using var _ = db;
        var r = await db.Get<RegistrationService>().RegisterAsync(session.Id, new RegistrationInput("Бакыт", "b@example.kg", "DE", Consent: true), "ky");
        var desk = db.Get<RegistrationDesk>();

        Assert.Equal("Rule_CheckInWindow", (await Assert.ThrowsAsync<RuleViolationException>(() =>
            desk.CheckInByCodeAsync(Admin, session.Id, r.Registration.CheckInCode))).Key);
        db.Clock.SetUtcNow(session.StartUtc.AddMinutes(-30));
        var checkedIn = await desk.CheckInByCodeAsync(Admin, session.Id, $"https://events.example.kg/c/{r.Registration.CheckInCode.ToLowerInvariant()}");
        Assert.Equal(session.StartUtc.AddMinutes(-30), checkedIn.CheckedInUtc);
        db.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(session.StartUtc.AddMinutes(-30), (await desk.CheckInByCodeAsync(Admin, session.Id, r.Registration.CheckInCode)).CheckedInUtc);
        Assert.Equal(1, (await desk.CountsAsync(Admin, session.Id)).CheckedIn);
        await Assert.ThrowsAsync<ValidationFailedException>(() => desk.CheckInByCodeAsync(Admin, session.Id, "NOSUCHCODE"));
    }

    [Fact]
    public async Task Export_FormulaCellsNeutralized_HeadersInLanguage()
    {
        var (db, session) = await OfflineSessionAsync();
        await using var _ = db;
        await db.Get<RegistrationService>().RegisterAsync(session.Id, new RegistrationInput("=HYPERLINK(\"http://evil\")", "e@example.kg", "DE",
            City: "+49 Berlin", Consent: true), "ky");

        var rows = await db.Get<RegistrationDesk>().ExportAsync(Admin, session.Id, "ru");

        var row = Assert.Single(rows);
        Assert.Equal("'=HYPERLINK(\"http://evil\")", row["ФИО"]);
        Assert.Equal("'+49 Berlin", row["Город"]);
        Assert.Equal("Подтверждено", row["Статус"]);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("Айгүл", "Айгүл")]
    [InlineData(null, null)]
    public void SpreadsheetText_Safe(string? input, string? expected) => Assert.Equal(expected, SpreadsheetText.Safe(input));

    [Fact]
    public async Task Desk_OtherOrganizationsOrganizer_Forbidden()
    {
        var (db, session) = await OfflineSessionAsync();
        await using var _ = db;
        await Assert.ThrowsAsync<ForbiddenException>(() => db.Get<RegistrationDesk>().CountsAsync(new Actor("someone", false), session.Id));
    }
}

public class PrivacyTests
{
    [Fact]
    public async Task Forget_ErasesPersonKeepsCountsAndFreesSeat()
    {
        await using var db = await TestDatabase.CreateAsync();
        var org = (await db.Get<OrganizationService>().ListAsync("en", "MLSSM")).Items.Single();
        var admin = new Actor("admin", true);
        var scheduling = db.Get<SchedulingService>();
        var e = await scheduling.CreateEventAsync(admin, new EventDraft(org.Id, EventKind.Webinar, "W",
            Sessions: [new SessionInput(null, new DateTime(2027, 2, 1, 10, 0, 0), "Asia/Bishkek", 60, Capacity: 1)]));
        await scheduling.PublishAsync(admin, e.Id);
        var service = db.Get<RegistrationService>();
        var a = await service.RegisterAsync(e.Sessions[0].Id, new RegistrationInput("Айгүл", "a@example.kg", "TR", "Istanbul",
            Events.Core.People.HomeRegion.Naryn, Events.Core.People.Gender.Female, 1988, Consent: true), "ky");
        var b = await service.RegisterAsync(e.Sessions[0].Id, new RegistrationInput("Бакыт", "b@example.kg", "TR", Consent: true), "ky");

        var data = await service.ExportPersonalDataAsync(a.ManageToken);
        Assert.Equal("a@example.kg", data["email"]);
        await service.ForgetAsync(a.ManageToken);

        Assert.Null(await service.FindByTokenAsync(a.ManageToken));
        Assert.Equal(RegistrationStatus.Confirmed, (await service.FindByTokenAsync(b.ManageToken))!.Registration.Status);
        await using var context = db.NewContext();
        var erased = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(context.Registrations, r => r.Id == a.Registration.Id);
        Assert.Equal("—", erased.FullName);
        Assert.DoesNotContain("a@example.kg", erased.Email);
        Assert.Null(erased.City);
        Assert.Equal(("TR", Events.Core.People.HomeRegion.Naryn, Events.Core.People.Gender.Female, 1988),
            (erased.CountryCode, erased.HomeRegion, erased.Gender, erased.BirthYear));
    }
}
