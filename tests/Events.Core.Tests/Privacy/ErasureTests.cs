using System.Text;
using Events.Core.Notifications;
using Events.Core.Organizations;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Core.Tests.Privacy;

/// <summary>"Delete my data" leaves no copy of the person on disk: not in the database file, its WAL, or any file under the content root.</summary>
public class ErasureTests
{
    private const string Name = "Зарина Жапарова-Эрасова";
    private const string Answer = "Визалык кат керек, Zarina-answer-7781";

    private static async Task<Event> OfflineEventWithQuestionAsync(TestDatabase db)
    {
        var org = (await db.Get<OrganizationService>().ListAsync("en", "Istanbul")).Items.First();
        var scheduling = db.Get<SchedulingService>();
        var e = await scheduling.CreateEventAsync(TestActors.Admin, new EventDraft(org.Id, EventKind.EmbassyMeeting, "Жолугушуу",
            Sessions: [new SessionInput(null, new DateTime(2027, 4, 4, 18, 0, 0), "Europe/Istanbul", 120, SessionMode.Offline, null, "Элчилик", "Ankara", 2)],
            Questions: [new RegistrationQuestion { Kind = QuestionKind.LongText, Prompt = "Эмне керек?" }]));
        return await scheduling.PublishAsync(TestActors.Admin, e.Id);
    }

    /// <summary>Every file under the content root, and every stored email decompressed, searched for the text.</summary>
    private static async Task<List<string>> WhereFoundAsync(TestDatabase db, params string[] needles)
    {
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(db.Folder, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[stream.Length];
                await stream.ReadExactlyAsync(bytes);
            }
            foreach (var needle in needles)
                if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0) found.Add($"{Path.GetRelativePath(db.Folder, file)}: {needle}");
        }
        await using var context = db.NewContext();
        foreach (var m in await context.Outbox.AsNoTracking().ToListAsync())
        {
            var text = Encoding.UTF8.GetString(m.MimeBytes());
            foreach (var needle in needles)
                if (text.Contains(needle, StringComparison.OrdinalIgnoreCase) || m.To.Contains(needle, StringComparison.OrdinalIgnoreCase))
                    found.Add($"outbox {m.Id} ({m.Kind}): {needle}");
        }
        return found;
    }

    [Fact]
    public async Task Forget_ThenCancelSent_NameEmailAnswersAndLinkFoundNowhere()
    {
        await using var db = await TestDatabase.CreateAsync();
        var e = await OfflineEventWithQuestionAsync(db);
        var email = $"zarina.erase.{Guid.NewGuid():N}@example.kg";
        var service = db.Get<RegistrationService>();
        var mine = await service.RegisterAsync(e.Sessions[0].Id, new RegistrationInput(Name, email, "TR", "Стамбул", Consent: true,
            Answers: new Dictionary<string, string?> { [e.Questions[0].Id] = Answer }), "ky");
        await service.RegisterAsync(e.Sessions[0].Id, new RegistrationInput("Башка Адам", "other@example.kg", "TR", Consent: true), "ky");
        await service.ResendManageLinkAsync(e.Id, email);
        var dispatcher = db.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.RunOnceAsync() > 0) { }
        var code = mine.Registration.CheckInCode;
        // The scan can see the person before erasure (so its "nothing found" below means something).
        Assert.NotEmpty(await WhereFoundAsync(db, email, Name, Answer, mine.ManageToken));

        await db.Get<Events.Core.Privacy.PersonalData>().ForgetAsync(mine.ManageToken);
        while (await dispatcher.RunOnceAsync() > 0) { }

        await using (var context = db.NewContext())
        {
            var r = await context.Registrations.SingleAsync(x => x.Id == mine.Registration.Id);
            Assert.Empty(r.Answers);
            Assert.NotEqual(code, r.CheckInCode);
            Assert.Equal(("TR", RegistrationStatus.Cancelled), (r.CountryCode, r.Status)); // the figures still count the participation
            var cancel = await context.Outbox.SingleAsync(m => m.RegistrationId == r.Id && m.Kind == "Cancellation");
            Assert.Equal(OutboxStatus.Sent, cancel.Status); // the calendar entry was still removed
            Assert.All(await context.Outbox.Where(m => m.RegistrationId == r.Id).ToListAsync(), m => Assert.Equal((0, ""), (m.Mime.Length, m.To)));
            Assert.NotEmpty(await context.Outbox.Where(m => m.To == "other@example.kg").ToListAsync()); // nobody else's mail
        }
        SqliteConnection.ClearAllPools();
        Assert.Empty(await WhereFoundAsync(db, email, Name, Answer, mine.ManageToken, code));
        Assert.Null(await service.FindByTokenAsync(mine.ManageToken));
    }
}
