using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Notifications;
using Events.Core.Organizations;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Core.Tests.Registration;

public class RegistrationWriterTests
{
    private static readonly Actor Admin = new("admin", IsAdministrator: true);

    private static async Task<(TestDatabase Db, Session Session)> SessionAsync(int? capacity, Dictionary<string, string?>? settings = null)
    {
        var db = await TestDatabase.CreateAsync(settings);
        var org = (await db.Get<OrganizationService>().ListAsync("en", "Berlin")).Items.Single();
        var scheduling = db.Get<SchedulingService>();
        var e = await scheduling.CreateEventAsync(Admin, new EventDraft(org.Id, EventKind.Webinar, "Вебинар",
            Sessions: [new SessionInput(null, new DateTime(2026, 12, 12, 11, 0, 0), "Europe/Berlin", 60, SessionMode.Online, "https://zoom.us/j/1", Capacity: capacity)]));
        await scheduling.PublishAsync(Admin, e.Id);
        return (db, e.Sessions[0]);
    }

    [Fact]
    public async Task SameEmailTwentyTimesAtOnce_OneRegistration_NineteenConflicts()
    {
        var (db, session) = await SessionAsync(capacity: 5);
        await using var _ = db;
        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            try
            {
                await db.Get<RegistrationService>().RegisterAsync(session.Id,
                    new RegistrationInput($"Айбек {i}", i % 2 == 0 ? "same@example.kg" : " SAME@example.KG ", "DE", Consent: true), "ky");
                return "ok";
            }
            catch (ConflictException) { return "conflict"; }
        })));
        Assert.Equal(1, attempts.Count(a => a == "ok"));
        Assert.Equal(19, attempts.Count(a => a == "conflict"));
        await using var context = db.NewContext();
        Assert.Equal(1, await context.Registrations.CountAsync());
        Assert.Equal(1, await context.Outbox.CountAsync());
        Assert.Equal(1, (await context.Sessions.SingleAsync(s => s.Id == session.Id)).ConfirmedCount);
    }

    [Fact]
    public async Task ManyAtOnce_SeatsThenWaitlistInArrivalOrder_PositionsMatchTheDatabase()
    {
        var (db, session) = await SessionAsync(capacity: 7);
        await using var _ = db;
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => db.Get<RegistrationService>().RegisterAsync(session.Id,
            new RegistrationInput($"Person {i}", $"p{i}@example.kg", "DE", Consent: true), "en"))));
        var byId = results.OrderBy(r => r.Registration.Id).ToList();
        // Seats go to the first seven written, the rest wait in the order they were written.
        Assert.All(byId.Take(7), r => Assert.Equal(RegistrationStatus.Confirmed, r.Registration.Status));
        Assert.Equal(Enumerable.Range(1, 33).Cast<int?>(), byId.Skip(7).Select(r => r.WaitlistPosition));
        foreach (var r in byId.Skip(7))
        {
            var view = await db.Get<RegistrationService>().FindByTokenAsync(r.ManageToken);
            Assert.Equal(r.WaitlistPosition, view!.WaitlistPosition);
        }
        await using var context = db.NewContext();
        var s = await context.Sessions.SingleAsync(x => x.Id == session.Id);
        Assert.Equal((7, 33), (s.ConfirmedCount, s.WaitlistedCount));
        var kinds = await context.Outbox.GroupBy(m => m.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key!, x => x.Count);
        Assert.Equal(new Dictionary<string, int> { ["Invitation"] = 7, ["Waitlisted"] = 33 }, kinds);
        var waitMail = await context.Outbox.Where(m => m.RegistrationId == byId[10].Registration.Id).SingleAsync();
        Assert.Contains("on the waitlist at position 4.", MimeKit.MimeMessage.Load(new MemoryStream(waitMail.MimeBytes())).TextBody);
    }

    [Fact]
    public async Task RescheduledBetweenReadAndWrite_TheWriterRefusesTheStaleRequest_NothingWritten()
    {
        var (db, session) = await SessionAsync(capacity: null);
        await using var _ = db;
        var writer = db.Services.GetRequiredService<RegistrationWriter>();
        var registration = new Events.Core.Registration.Registration
        {
            EventId = session.EventId, SessionId = session.Id, FullName = "A", Email = "a@example.kg", NormalizedEmail = "a@example.kg",
            ActiveEmailKey = "a@example.kg", CountryCode = "DE", ManageTokenHash = ManageTokens.Hash(ManageTokens.New()), ManageTokenSealed = "x",
        };
        var stale = new PendingRegistration(registration, false, session.Sequence + 1, null,
            (_, _) => throw new InvalidOperationException("nothing is composed for a stale request"));
        await Assert.ThrowsAsync<StaleSessionException>(() => writer.WriteAsync(stale));
        await using var context = db.NewContext();
        Assert.Equal(0, await context.Registrations.CountAsync());
    }

    [Fact]
    public async Task RowInserter_WritesWhatEfReadsBack_ConvertersIncluded()
    {
        var (db, session) = await SessionAsync(capacity: null);
        await using var _ = db;
        var row = new Events.Core.Registration.Registration
        {
            EventId = session.EventId, SessionId = session.Id, FullName = "Нургүл 🌷", Email = "N@example.kg", NormalizedEmail = "n@example.kg",
            ActiveEmailKey = "n@example.kg", CountryCode = "KR", City = null, HomeRegion = Events.Core.People.HomeRegion.IssykKul,
            Gender = Events.Core.People.Gender.Female, BirthYear = 1994, Language = "ru", TimeZone = "Asia/Seoul",
            ConsentUtc = new DateTime(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc), Status = RegistrationStatus.Waitlisted,
            CreatedUtc = new DateTime(2026, 11, 28, 9, 0, 1, DateTimeKind.Utc), UpdatedUtc = new DateTime(2026, 11, 28, 9, 0, 2, DateTimeKind.Utc),
            ManageTokenHash = "ABC", ManageTokenSealed = "sealed", Answers = new() { ["q1"] = "Ооба" }, LastSequenceSent = 4,
        };
        await using (var context = db.NewContext())
        {
            await using var tx = await context.Database.BeginTransactionAsync();
            using (var inserter = new RowInserter<Events.Core.Registration.Registration>(context)) inserter.Insert(row);
            await tx.CommitAsync();
        }
        Assert.True(row.Id > 0);
        await using var read = db.NewContext();
        var back = await read.Registrations.SingleAsync(r => r.Id == row.Id);
        Assert.Equivalent(row, back, strict: true);
        Assert.Equal(DateTimeKind.Utc, back.CreatedUtc.Kind);
        Assert.Equal("Waitlisted", await read.Database.SqlQuery<string>($"SELECT Status AS Value FROM Registrations WHERE Id = {row.Id}").SingleAsync());
    }

    [Fact]
    public void RowInserter_SqlServerStatement_UsesOutputInserted()
    {
        using var context = new EventsDbContext(new DbContextOptionsBuilder<EventsDbContext>()
            .UseSqlServer("Server=unreachable.invalid;Database=Events;User Id=x;Password=y;TrustServerCertificate=True").Options);
        var sql = RowInserter<OutboxMessage>.Sql(context);
        Assert.StartsWith("INSERT INTO [Outbox] (", sql, StringComparison.Ordinal);
        Assert.Contains(") OUTPUT INSERTED.[Id] VALUES (@p0, ", sql, StringComparison.Ordinal);
        Assert.Contains("[Mime]", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("[Id],", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void RowInserter_SqlServerParameters_TypedByTheModel_Datetime2KeepsItsPrecision()
    {
        using var context = new EventsDbContext(new DbContextOptionsBuilder<EventsDbContext>()
            .UseSqlServer("Server=unreachable.invalid;Database=Events;User Id=x;Password=y;TrustServerCertificate=True").Options);
        using var command = new Microsoft.Data.SqlClient.SqlCommand();
        var sql = RowInserter<OutboxMessage>.Sql(context);
        var parameters = RowInserter<OutboxMessage>.Parameters(context, command).Cast<Microsoft.Data.SqlClient.SqlParameter>().ToList();
        var columns = sql[(sql.IndexOf('(') + 1)..sql.IndexOf(')')].Split(", ").Select(c => c.Trim('[', ']')).ToList();
        Microsoft.Data.SqlClient.SqlParameter Of(string column) => parameters[columns.IndexOf(column)];

        Assert.Equal(System.Data.SqlDbType.DateTime2, Of("CreatedUtc").SqlDbType);
        Assert.Equal(System.Data.SqlDbType.VarBinary, Of("Mime").SqlDbType);
        Assert.Equal(System.Data.SqlDbType.Bit, Of("PurgeWhenSent").SqlDbType);
        Assert.Equal(System.Data.SqlDbType.NVarChar, Of("To").SqlDbType);
        Assert.DoesNotContain("Id", columns);
    }

    /// <summary>A model with what RowInserter must not write: a computed column, an owned type, a complex property.</summary>
    private sealed class Odd
    {
        public int Id { get; set; }
        public string Name { get; set; } = "";
        public string Upper { get; set; } = "";
    }

    private sealed class Part
    {
        public string Street { get; set; } = "";
    }

    private sealed class OddOwner
    {
        public int Id { get; set; }
        public Part Address { get; set; } = new();
    }

    private sealed class OddContext(DbContextOptions options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder b)
        {
            b.Entity<Odd>().Property(o => o.Upper).HasComputedColumnSql("upper(Name)");
            b.Entity<OddOwner>().OwnsOne(o => o.Address);
        }
    }

    [Fact]
    public void RowInserter_ComputedColumnLeftToTheStore_OwnedTypeRefused()
    {
        using var context = new OddContext(new DbContextOptionsBuilder<OddContext>().UseSqlite("Data Source=:memory:").Options);
        var sql = RowInserter<Odd>.Sql(context);
        Assert.Contains("(\"Name\")", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("Upper", sql, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => RowInserter<OddOwner>.Sql(context));
    }

    private static RegistrationInput Person(int i) => new($"Person {i}", $"p{i}@example.kg", "DE", Consent: true);

    private static async Task QueuedAsync(RegistrationWriter writer, int count)
    {
        // Each request validates and reads its session before it queues: wait until all have arrived.
        for (var i = 0; i < 500 && writer.QueuedCount < count; i++) await Task.Delay(10);
        Assert.Equal(count, writer.QueuedCount);
    }

    [Fact]
    public async Task FaultInjectedIntoABatch_RolledBackAndRedoneOneByOne_SeatsWaitlistAndMessagesExact()
    {
        var (db, session) = await SessionAsync(capacity: 6);
        await using var _ = db;
        var writer = db.Services.GetRequiredService<RegistrationWriter>();
        writer.StartOnFirstWrite = false;
        var batches = new List<int>();
        writer.BeforeBatchCommit = batch =>
        {
            batches.Add(batch.Count);
            if (batches.Count == 1) throw new InvalidOperationException("injected fault after the batch's writes, before its commit");
        };
        var tasks = Enumerable.Range(0, 10).Select(i => db.Get<RegistrationService>().RegisterAsync(session.Id, Person(i), "en")).ToList();
        await QueuedAsync(writer, 10);

        await writer.StartAsync(CancellationToken.None);
        var results = await Task.WhenAll(tasks);

        Assert.Equal([10], batches); // one batch of all ten, refused; the redo path writes singly without the batch hook
        var byId = results.OrderBy(r => r.Registration.Id).ToList();
        Assert.All(byId.Take(6), r => Assert.Equal(RegistrationStatus.Confirmed, r.Registration.Status));
        Assert.Equal([1, 2, 3, 4], byId.Skip(6).Select(r => r.WaitlistPosition!.Value));
        await using var context = db.NewContext();
        var s = await context.Sessions.SingleAsync(x => x.Id == session.Id);
        Assert.Equal((6, 4), (s.ConfirmedCount, s.WaitlistedCount)); // the refused batch's seat update was rolled back
        Assert.Equal(10, await context.Registrations.CountAsync());
        Assert.Equal(10, await context.Outbox.CountAsync());
        Assert.Equal(10, await context.Outbox.Select(m => m.RegistrationId).Distinct().CountAsync());
    }

    [Fact]
    public async Task QueueFull_Refused503_Stop_WritesWhatWasQueued_ThenRefuses()
    {
        var (db, session) = await SessionAsync(capacity: null, new() { ["Registration:QueueCapacity"] = "3" });
        await using var _ = db;
        var writer = db.Services.GetRequiredService<RegistrationWriter>();
        writer.StartOnFirstWrite = false;
        var queued = Enumerable.Range(0, 3).Select(i => db.Get<RegistrationService>().RegisterAsync(session.Id, Person(i), "en")).ToList();
        await QueuedAsync(writer, 3);

        var busy = await Assert.ThrowsAsync<ServiceBusyException>(() => db.Get<RegistrationService>().RegisterAsync(session.Id, Person(3), "en"));
        Assert.True(busy.RetryAfter > TimeSpan.Zero);

        await writer.StopAsync(CancellationToken.None);
        Assert.All(await Task.WhenAll(queued), r => Assert.Equal(RegistrationStatus.Confirmed, r.Registration.Status));
        await Assert.ThrowsAsync<ServiceBusyException>(() => db.Get<RegistrationService>().RegisterAsync(session.Id, Person(4), "en"));
        await using var context = db.NewContext();
        Assert.Equal(3, await context.Registrations.CountAsync());
    }
}
