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
