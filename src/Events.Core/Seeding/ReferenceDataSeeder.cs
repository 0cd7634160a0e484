using Events.Core.Data;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Reference;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Seeding;

/// <summary>Roles, countries and reference organizations: inserted when missing, on every start.</summary>
public sealed class ReferenceDataSeeder(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var roles = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        foreach (var role in Roles.All.Where(r => !roles.Contains(r)))
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });

        var countries = await db.Countries.Select(c => c.Code).ToHashSetAsync(ct);
        db.Countries.AddRange(CountryCatalog.All.Where(c => !countries.Contains(c.Code)).Select(c => new Country
        {
            Code = c.Code, NameEn = c.NameEn, NameRu = c.NameRu, NameKy = c.NameKy, TimeZone = c.TimeZone,
        }));

        var codes = await db.Organizations.Where(o => o.Code != null).Select(o => o.Code!).ToHashSetAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Organizations.AddRange(ReferenceOrganizations.All.Where(r => !codes.Contains(r.Code)).Select(r => new Organization
        {
            Code = r.Code, Kind = r.Kind, CountryCode = r.CountryCode, TimeZone = r.TimeZone,
            Name = r.NameEn, NameEn = r.NameEn, NameRu = r.NameRu, NameKy = r.NameKy, CreatedUtc = now,
        }));

        await db.SaveChangesAsync(ct);
    }
}
