using Events.Core.Common;
using Events.Core.Notifications;
using Events.Core.Organizations;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

using static Events.Core.Tests.Infrastructure.RegistrationScenario;

namespace Events.Core.Tests.Notifications;

/// <summary>The invitations as calendar apps receive them, through a real SMTP server.</summary>
public class InvitationComposerTests
{
    [Fact]
    public async Task Register_Confirmed_InvitationThatCalendarsAccept()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var db = await DatabaseAsync(smtp.Port);
        var e = await PublishedAsync(db, capacity: 10);
        var session = e.Sessions.OrderBy(s => s.StartUtc).First();

        var result = await db.Get<RegistrationService>().RegisterAsync(session.Id, Person(1, "ky", "Europe/Moscow"), "ru");
        await DispatchAllAsync(db);

        Assert.Equal(RegistrationStatus.Confirmed, result.Registration.Status);
        Assert.Equal(32, result.ManageToken.Length);
        var message = Assert.Single(await smtp.WaitForAsync(1));
        Assert.Equal("person1@example.kg", message.To.Mailboxes.Single().Address);
        Assert.Contains(Title, message.Subject);
        var (_, _, calendar, _) = Invitation(message, "REQUEST");
        var vevent = Assert.Single(calendar.Events);
        Assert.Equal(session.Uid, vevent.Uid);
        Assert.Equal(0, vevent.Sequence);
        Assert.Equal("America/New_York", vevent.DtStart!.TzId);
        Assert.Equal(session.StartUtc, vevent.DtStart.AsUtc);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "America/New_York");
        Assert.Equal(Title, vevent.Summary);
        Assert.Equal("https://zoom.us/j/111", vevent.Location);
        Assert.Equal("mailto:moscow@mfa.example.kg", vevent.Organizer!.Value!.ToString());
        Assert.Contains(vevent.Attendees, a => a.Value!.ToString() == "mailto:person1@example.kg");
        Assert.NotNull(vevent.DtStamp);
        var text = message.TextBody;
        Assert.Contains($"https://events.example.kg/r/{result.ManageToken}", text);
        Assert.Contains("America/New_York", text);
        Assert.Contains("Europe/Moscow", text);   // the registrant's own zone
        Assert.Contains("Саламатсызбы", text);    // in the registrant's language (ky), not the request's (ru)
        Assert.Contains($"https://events.example.kg/r/{result.ManageToken}", message.HtmlBody);
    }

    [Fact]
    public async Task Register_OfflineSession_InvitationCarriesCheckInQrAfterTheCalendar_OnlineDoesNot()
    {
        await using var smtp = await LoopbackSmtpServer.StartAsync();
        await using var db = await DatabaseAsync(smtp.Port);
        var e = await PublishedAsync(db, capacity: 10);
        var (online, offline) = (e.Sessions.Single(s => s.Mode == SessionMode.Online), e.Sessions.Single(s => s.Mode == SessionMode.Offline));

        var atTheDoor = await db.Get<RegistrationService>().RegisterAsync(offline.Id, Person(1, "ru"), "ky");
        await db.Get<RegistrationService>().RegisterAsync(online.Id, Person(2, "ru"), "ky");
        await DispatchAllAsync(db);

        var messages = await smtp.WaitForAsync(2);
        var offlineMail = messages.Single(m => m.To.Mailboxes.Single().Address == "person1@example.kg");
        Invitation(offlineMail, "REQUEST"); // the iTIP structure stays as calendars expect
        var mixed = Assert.IsType<Multipart>(offlineMail.Body);
        Assert.Equal(3, mixed.Count);
        var qr = Assert.IsAssignableFrom<MimePart>(mixed[2]);
        Assert.Equal("image/png", qr.ContentType.MimeType);
        Assert.Equal("checkin-qr.png", qr.FileName);
        using var png = new MemoryStream();
        qr.Content!.DecodeTo(png);
        Assert.Equal(CheckInQr.Png(atTheDoor.Registration.CheckInCode, 6), png.ToArray());
        Assert.Contains($"cid:{qr.ContentId}", offlineMail.HtmlBody);
        Assert.Contains(atTheDoor.Registration.CheckInCode, offlineMail.TextBody);

        var onlineMail = messages.Single(m => m.To.Mailboxes.Single().Address == "person2@example.kg");
        Assert.Equal(2, Assert.IsType<Multipart>(onlineMail.Body).Count);
        Assert.DoesNotContain("cid:", onlineMail.HtmlBody);
    }
}
