using Events.Core.Common;
using Events.Core.Organizations;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;

namespace Events.Core.Tests.Privacy;

public class PersonalDataTests
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

        var data = await db.Get<Events.Core.Privacy.PersonalData>().ExportAsync(a.ManageToken);
        Assert.Equal("a@example.kg", data["email"]);
        await db.Get<Events.Core.Privacy.PersonalData>().ForgetAsync(a.ManageToken);

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
