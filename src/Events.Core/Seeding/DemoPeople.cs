using Events.Core.Data;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Reference;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Seeding;

/// <summary>
/// Demo staff (one account per back-office role) and a few hundred compatriots spread over
/// countries as the strategy's mapping found them.
/// </summary>
public sealed class DemoPeople(IPasswordHasher<EventsUser> hasher) : IDemoSeedPart
{
    public const int CompatriotCount = 300;
    public const string EmailDomain = "demo.events.kg";

    public string Name => "people";
    public int Order => 10;

    private static readonly string[] FemaleNames =
        ["Айгүл", "Жылдыз", "Нургүл", "Айпери", "Бермет", "Гүлнара", "Чолпон", "Динара", "Асель", "Мээрим", "Айжан", "Элнура", "Айзада", "Назгүл"];
    private static readonly string[] MaleNames =
        ["Азамат", "Бакыт", "Нурлан", "Эрлан", "Темирлан", "Улан", "Талант", "Бекжан", "Мирлан", "Айбек", "Канат", "Марат", "Эмил", "Нурбек"];
    private static readonly string[] Surnames =
        ["Асанов", "Токтогулов", "Абдыкадыров", "Мамытов", "Осмонов", "Жумабаев", "Исаков", "Садыков", "Турдубаев", "Бекмуратов", "Кадыров", "Үсөнов", "Өмүрбеков", "Шаршеев"];

    public async Task SeedAsync(EventsDbContext db, DemoSeedContext context, CancellationToken ct)
    {
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var orgIds = await db.Organizations.Where(o => o.Code != null).ToDictionaryAsync(o => o.Code!, o => o.Id, ct);

        Staff(db, context, roleIds, orgIds, "organizer", "Айгүл Асанова", Roles.Organizer, "MLSSM", "MFA");
        Staff(db, context, roleIds, orgIds, "embassy.moscow", "Бакыт Осмонов", Roles.Organizer, "EMB-RU", "CON-RU-NOVOSIBIRSK", "CON-RU-YEKATERINBURG");
        Staff(db, context, roleIds, orgIds, "embassy.istanbul", "Нургүл Садыкова", Roles.Organizer, "EMB-TR", "CON-TR-ISTANBUL");
        Staff(db, context, roleIds, orgIds, "juror", "Талант Исаков", Roles.Juror);
        Staff(db, context, roleIds, orgIds, "trainer", "Бермет Жумабаева", Roles.Trainer);
        Staff(db, context, roleIds, orgIds, "analyst", "Марат Кадыров", Roles.Analyst);

        var random = context.Random;
        var countries = AudienceShares.ByCountry.ToList();
        var total = countries.Sum(c => c.Value);
        var regions = Enum.GetValues<HomeRegion>();
        for (var i = 1; i <= CompatriotCount; i++)
        {
            var female = random.NextDouble() < 0.48;
            var given = female ? FemaleNames[random.Next(FemaleNames.Length)] : MaleNames[random.Next(MaleNames.Length)];
            var surname = Surnames[random.Next(Surnames.Length)] + (female ? "а" : "");
            var gender = random.NextDouble() < 0.04 ? Gender.Undisclosed : female ? Gender.Female : Gender.Male;
            var country = Pick(countries, random.NextDouble() * total);
            var email = $"compatriot{i:000}@{EmailDomain}";
            var user = NewUser(context, email, $"{given} {surname}");
            user.CountryCode = country;
            user.Gender = gender;
            user.HomeRegion = random.NextDouble() < 0.1 ? null : regions[random.Next(regions.Length)];
            user.BirthYear = 1965 + random.Next(41);
            user.Language = random.NextDouble() < 0.6 ? "ky" : random.NextDouble() < 0.85 ? "ru" : "en";
            user.TimeZone = CountryCatalog.All.First(c => c.Code == country).TimeZone;
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[Roles.Participant] });
        }
        await db.SaveChangesAsync(ct);
    }

    private void Staff(EventsDbContext db, DemoSeedContext context, Dictionary<string, string> roleIds,
        Dictionary<string, int> orgIds, string login, string fullName, string role, params string[] orgCodes)
    {
        var user = NewUser(context, $"{login}@{EmailDomain}", fullName);
        user.PasswordHash = hasher.HashPassword(user, context.StaffPassword);
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleIds[role] });
        foreach (var code in orgCodes)
            db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = orgIds[code], UserId = user.Id });
    }

    private static EventsUser NewUser(DemoSeedContext context, string email, string fullName) => new()
    {
        Id = Guid.NewGuid().ToString(),
        UserName = email, NormalizedUserName = email.ToUpperInvariant(),
        Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true,
        SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(),
        FullName = fullName, CreatedUtc = context.UtcNow,
    };

    private static string Pick(List<KeyValuePair<string, double>> weighted, double roll)
    {
        foreach (var (code, weight) in weighted)
        {
            if (roll < weight) return code;
            roll -= weight;
        }
        return weighted[0].Key;
    }
}
