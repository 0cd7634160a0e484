using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Events.Web.Tests.Infrastructure;
using Events.Web.Tests.Pages.Contests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Web.Tests.Pages.Indicators;

/// <summary>
/// Test-data builder for the indicator pages over the app's real database: people with one role, organizations, and held events whose
/// numbers are known in advance (each test uses a past year of its own, since the tests of a class share one database).
/// </summary>
internal sealed class IndicatorPageData(EventsWebFactory app)
{
    public EventsDbContext Db()
    {
        _ = app.Server;
        return app.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();
    }

    private async Task<T> UseAsync<TService, T>(Func<TService, Task<T>> call) where TService : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task<Actor> UserAsync(string role, params int[] organizations)
    {
        string adminId;
        await using (var db = Db()) adminId = await db.Users.Where(u => u.Email == EventsWebFactory.AdminEmail).Select(u => u.Id).SingleAsync();
        var admin = new Actor(adminId, IsAdministrator: true, "Admin");
        var name = $"{role} {ContestPageData.Unique()}";
        var id = await UseAsync<UserAdministration, string>(users => users.CreateAsync(admin,
            new NewUser($"{ContestPageData.Unique()}@plan.test", name, ContestPageData.Password, [role], organizations)));
        return new Actor(id, IsAdministrator: false, name);
    }

    public async Task<int> OrganizationAsync(string name)
    {
        await using var db = Db();
        var o = new Organization { Name = $"{name} {ContestPageData.Unique()}", Kind = OrganizationKind.Embassy, CountryCode = "TR", TimeZone = "Europe/Istanbul" };
        db.Organizations.Add(o);
        await db.SaveChangesAsync();
        return o.Id;
    }

    /// <summary>A published event with one held session on the given local date and the given people checked in at it.</summary>
    public async Task<Event> EventAsync(int organizationId, EventKind kind, DateTime start, params (string Email, Gender? Gender)[] checkedIn)
    {
        await using var db = Db();
        var now = DateTime.UtcNow;
        var e = new Event { OrganizationId = organizationId, Kind = kind, Title = $"{kind} {ContestPageData.Unique()}", CreatedUtc = now, UpdatedUtc = now };
        e.Sessions.Add(Session.Create(new SessionInput(null, start, "Asia/Bishkek", 90, SessionMode.Online, "https://zoom.us/j/1"), now, "test"));
        e.Publish(now);
        db.Events.Add(e);
        await db.SaveChangesAsync();
        var s = e.Sessions[0];
        foreach (var (email, gender) in checkedIn)
            db.Registrations.Add(new Events.Core.Registration.Registration
            {
                EventId = e.Id, SessionId = s.Id, FullName = "Name " + email, Email = email, NormalizedEmail = email, ActiveEmailKey = email, CountryCode = "RU",
                Gender = gender, Status = RegistrationStatus.Confirmed, CreatedUtc = now, UpdatedUtc = now, ConsentUtc = now, CheckedInUtc = s.StartUtc,
                ManageTokenHash = ManageTokens.Hash(ManageTokens.New()), ManageTokenSealed = "",
            });
        await db.SaveChangesAsync();
        return e;
    }
}
