using Events.Core.Common;
using Events.Core.Notifications;
using Events.Core.Organizations;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Events.Core.Tests.Infrastructure;

/// <summary>Test-data builder for registration scenarios: a database sending by SMTP to a loopback port, a published edition, people.</summary>
public static class RegistrationScenario
{
    public static readonly Actor Admin = new("admin", IsAdministrator: true);
    public const string Title = "Онлайн-Мекендеш ң ө ү 🇰🇬";

    public static async Task<TestDatabase> DatabaseAsync(int smtpPort) => await TestDatabase.CreateAsync(new()
    {
        ["Email:Delivery"] = "Smtp", ["Email:Smtp:Host"] = "127.0.0.1", ["Email:Smtp:Port"] = smtpPort.ToString(),
        ["Email:Smtp:Security"] = "None", ["App:PublicBaseUrl"] = "https://events.example.kg",
    });

    public static async Task<Event> PublishedAsync(TestDatabase db, int? capacity, bool approval = false, int options = 2)
    {
        var org = (await db.Get<OrganizationService>().ListAsync("en", "Moscow")).Items.Single();
        await db.Get<OrganizationService>().UpdateAsync(Admin, org.Id, new OrganizationInput(org.Name, org.Kind, org.CountryCode, org.TimeZone, "moscow@mfa.example.kg"));
        var sessions = new List<SessionInput>
        {
            new("1", new DateTime(2027, 3, 27, 18, 0, 0), "America/New_York", 90, SessionMode.Online, "https://zoom.us/j/111", Capacity: capacity),
        };
        if (options > 1) sessions.Add(new("2", new DateTime(2027, 3, 28, 13, 0, 0), "Asia/Bishkek", 90, SessionMode.Offline, null, "Элчилик", "Москва, Б. Ордынка, 64", capacity));
        var service = db.Get<SchedulingService>();
        var e = await service.CreateEventAsync(Admin, new EventDraft(org.Id, EventKind.OnlineMekendesh, Title, "Сүрөттөмө", RequiresApproval: approval, Sessions: sessions));
        return await service.PublishAsync(Admin, e.Id);
    }

    public static RegistrationInput Person(int i, string language = "ky", string? zone = "Europe/Moscow") =>
        new($"Айгүл Асанова {i}", $"person{i}@example.kg", "RU", "Москва", Events.Core.People.HomeRegion.Osh, Events.Core.People.Gender.Female, 1990, language, zone, true);

    public static async Task DispatchAllAsync(TestDatabase db)
    {
        var dispatcher = db.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.RunOnceAsync() > 0) { }
    }

    public static (MimePart Inline, MimePart Attachment, Ical.Net.Calendar Calendar, byte[] Bytes) Invitation(MimeMessage message, string method)
    {
        var mixed = Assert.IsType<Multipart>(message.Body);
        Assert.Equal("multipart/mixed", mixed.ContentType.MimeType);
        var alternative = Assert.IsType<MultipartAlternative>(mixed[0]);
        Assert.Equal(["text/plain", "text/html", "text/calendar"], alternative.Select(p => p.ContentType.MimeType));
        var inline = Assert.IsAssignableFrom<MimePart>(alternative[2]);
        Assert.Equal(method, inline.ContentType.Parameters["method"]);
        Assert.Equal("utf-8", inline.ContentType.Charset);
        var attachment = Assert.IsAssignableFrom<MimePart>(mixed[1]);
        Assert.Equal("application/ics", attachment.ContentType.MimeType);
        Assert.Equal("invite.ics", attachment.FileName);
        Assert.True(attachment.IsAttachment);
        byte[] Decode(MimePart p) { using var s = new MemoryStream(); p.Content!.DecodeTo(s); return s.ToArray(); }
        var bytes = Decode(inline);
        Assert.Equal(bytes, Decode(attachment));
        var calendar = Ical.Net.Calendar.Load(System.Text.Encoding.UTF8.GetString(bytes))!;
        Assert.Equal(method, calendar.Method);
        return (inline, attachment, calendar, bytes);
    }

}
