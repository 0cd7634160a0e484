using Events.Core.Scheduling;
using Events.Core.Organizations;
using Events.Core.Common;
using System.Text;
using System.Text.RegularExpressions;
using Events.Core.People;
using Events.Core.Registration;
using Events.Core.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using static Events.Core.Tests.Infrastructure.RegistrationScenario;

namespace Events.Core.Tests.Registration;

public class MyEventsTests
{
    [Fact]
    public async Task UnconfirmedAccountWithSomeoneElsesEmail_SeesNothing_UntilTheLinkFromTheOutboxConfirmsIt()
    {
        await using var db = await TestDatabase.CreateAsync(new() { ["App:PublicBaseUrl"] = "https://events.example.kg" });
        var e = await PublishedAsync(db, capacity: null, options: 1);
        await db.Get<RegistrationService>().RegisterAsync(e.Sessions[0].Id, Person(7), "ky");
        // Anyone could open an account with this address (self-registration): Identity leaves it unconfirmed.
        var users = db.Get<UserManager<EventsUser>>();
        var account = new EventsUser { UserName = "person7@example.kg", Email = "person7@example.kg", FullName = "Somebody", Language = "ky" };
        Assert.True((await users.CreateAsync(account, "Someone-2026")).Succeeded);
        var my = db.Get<MyEvents>();

        Assert.Empty(await my.ListAsync(account.Id, "ky"));
        Assert.Null(await my.FeedAsync(await my.FeedKeyAsync(account.Id), "https://events.example.kg"));
        Assert.False(await my.IsEmailConfirmedAsync(account.Id));

        // Sent from the page the person is reading, in Russian here (the account itself says Kyrgyz).
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("ru");
        try { await db.Get<EmailConfirmation>().SendConfirmationAsync(account.Id); }
        finally { System.Globalization.CultureInfo.CurrentUICulture = culture; }
        await using (var context = db.NewContext())
        {
            var message = await context.Outbox.SingleAsync(m => m.Kind == "ConfirmEmail");
            Assert.Equal("person7@example.kg", message.To);
            Assert.Contains("Подтвердите", (await MimeKit.MimeMessage.LoadAsync(new MemoryStream(message.MimeBytes()))).Subject);
            var text = (await MimeKit.MimeMessage.LoadAsync(new MemoryStream(message.MimeBytes()))).TextBody ?? "";
            var link = Regex.Match(text, @"https://events\.example\.kg/api/v1/identity/confirmEmail\?userId=(?<id>[^&\s]+)&code=(?<code>\S+)");
            Assert.True(link.Success, text);
            var code = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(Uri.UnescapeDataString(link.Groups["code"].Value)));
            Assert.True((await users.ConfirmEmailAsync((await users.FindByIdAsync(Uri.UnescapeDataString(link.Groups["id"].Value)))!, code)).Succeeded);
        }

        Assert.Single(await my.ListAsync(account.Id, "ky"));
        Assert.NotNull(await my.FeedAsync(await my.FeedKeyAsync(account.Id), "https://events.example.kg"));
    }

    [Fact]
    public async Task SignedInParticipant_SeesOwnRegistrationsAndPrivateFeedWithJoinLink()
    {
        await using var db = await TestDatabase.CreateAsync();
        var org = (await db.Get<OrganizationService>().ListAsync("en", "MLSSM")).Items.Single();
        var admin = new Actor("admin", true);
        var scheduling = db.Get<SchedulingService>();
        var e = await scheduling.CreateEventAsync(admin, new EventDraft(org.Id, EventKind.Webinar, "Вебинар",
            Sessions: [new SessionInput(null, new DateTime(2027, 2, 1, 10, 0, 0), "Asia/Bishkek", 60, SessionMode.Online, "https://zoom.us/j/77")]));
        await scheduling.PublishAsync(admin, e.Id);
        var userId = await db.Get<Events.Core.People.UserAdministration>().CreateAsync(TestActors.Admin, 
            new Events.Core.People.NewUser("Nurgul@Example.kg", "Нургүл", "Strong-2026", [Events.Core.People.Roles.Participant], []));
        await db.Get<RegistrationService>().RegisterAsync(e.Sessions[0].Id, new RegistrationInput("Нургүл", " nurgul@example.KG ", "KR", Consent: true), "ky");
        await db.Get<RegistrationService>().RegisterAsync(e.Sessions[0].Id, new RegistrationInput("Other", "other@example.kg", "KR", Consent: true), "ky");
        var my = db.Get<MyEvents>();

        var mine = Assert.Single(await my.ListAsync(userId, "ky"));
        Assert.Equal(RegistrationStatus.Confirmed, mine.Status);
        Assert.NotNull(mine.ManageToken);
        var key = await my.FeedKeyAsync(userId);
        Assert.Equal(key, await my.FeedKeyAsync(userId));
        var ics = await my.FeedAsync(key, "https://events.example.kg");
        var calendar = Ical.Net.Calendar.Load(ics!)!;
        Assert.Equal("https://zoom.us/j/77", Assert.Single(calendar.Events).Location);
        Assert.Null(await my.FeedAsync("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "https://x"));
    }
}
