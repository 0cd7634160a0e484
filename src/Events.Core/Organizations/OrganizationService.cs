using Events.Core.Common;
using Events.Core.Data;
using Events.Core.People;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Organizations;

public sealed record OrganizationInput(string? Name, OrganizationKind Kind, string? CountryCode, string? TimeZone,
    string? Email = null, string? NameKy = null, string? NameRu = null, string? NameEn = null);

public sealed record OrganizationRow(int Id, string Name, OrganizationKind Kind, string CountryCode, string TimeZone,
    string? Email, int MemberCount);

public sealed record MemberRow(string UserId, string FullName, string Email);

/// <summary>Administrators manage organizations and who belongs to them.</summary>
public sealed class OrganizationService(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock)
{
    public async Task<Page<OrganizationRow>> ListAsync(string culture, string? search = null, OrganizationKind? kind = null,
        int skip = 0, int take = int.MaxValue, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Organizations.AsNoTracking();
        if (SearchText.Term(search) is { } term) query = query.Where(o => o.SearchText.Contains(term));
        if (kind is { } k) query = query.Where(o => o.Kind == k);
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderBy(o => o.Kind)
            .ThenBy(o => culture == "ky" ? o.NameKy ?? o.Name : culture == "ru" ? o.NameRu ?? o.Name : o.NameEn ?? o.Name)
            .Skip(skip).Take(take)
            .Select(o => new
            {
                o.Id, o.Name, o.NameKy, o.NameRu, o.NameEn, o.Kind, o.CountryCode, o.TimeZone, o.Email,
                Members = o.Members.Count,
            })
            .ToListAsync(ct);
        return new Page<OrganizationRow>(rows.Select(o => new OrganizationRow(o.Id,
            new Organization { Name = o.Name, NameKy = o.NameKy, NameRu = o.NameRu, NameEn = o.NameEn, CountryCode = o.CountryCode, TimeZone = o.TimeZone }
                .DisplayName(culture),
            o.Kind, o.CountryCode, o.TimeZone, o.Email, o.Members)).ToList(), total);
    }

    public async Task<Organization?> FindAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Organizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
    }

    public async Task<Organization> CreateAsync(Actor actor, OrganizationInput input, CancellationToken ct = default)
    {
        ManagementRights.EnsureAdministrator(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await ValidateAsync(db, input, ct);
        var organization = new Organization
        {
            Name = input.Name!.Trim(),
            CountryCode = input.CountryCode!.Trim().ToUpperInvariant(),
            TimeZone = input.TimeZone!.Trim(),
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        Apply(organization, input);
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(ct);
        return organization;
    }

    public async Task<Organization> UpdateAsync(Actor actor, int id, OrganizationInput input, CancellationToken ct = default)
    {
        ManagementRights.EnsureAdministrator(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == id, ct)
            ?? throw new NotFoundException("organization");
        await ValidateAsync(db, input, ct);
        organization.Name = input.Name!.Trim();
        organization.CountryCode = input.CountryCode!.Trim().ToUpperInvariant();
        organization.TimeZone = input.TimeZone!.Trim();
        Apply(organization, input);
        await db.SaveChangesAsync(ct);
        return organization;
    }

    public async Task<IReadOnlyList<MemberRow>> MembersAsync(Actor actor, int organizationId, CancellationToken ct = default)
    {
        ManagementRights.EnsureAdministrator(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.OrganizationMembers.AsNoTracking()
            .Where(m => m.OrganizationId == organizationId)
            .OrderBy(m => m.User!.FullName)
            .Select(m => new MemberRow(m.UserId, m.User!.FullName, m.User.Email!))
            .ToListAsync(ct);
    }

    public async Task AddMemberAsync(Actor actor, int organizationId, string userId, CancellationToken ct = default)
    {
        ManagementRights.EnsureAdministrator(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Organizations.AnyAsync(o => o.Id == organizationId, ct)) throw new NotFoundException("organization");
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct)) throw new NotFoundException("user");
        if (await db.OrganizationMembers.AnyAsync(m => m.OrganizationId == organizationId && m.UserId == userId, ct)) return;
        db.OrganizationMembers.Add(new OrganizationMember { OrganizationId = organizationId, UserId = userId });
        await db.SaveChangesAsync(ct);
    }

    public async Task RemoveMemberAsync(Actor actor, int organizationId, string userId, CancellationToken ct = default)
    {
        ManagementRights.EnsureAdministrator(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.OrganizationMembers.Where(m => m.OrganizationId == organizationId && m.UserId == userId).ExecuteDeleteAsync(ct);
    }

    /// <summary>The organizations whose work the actor manages (all for administrators), by display name: what editors offer to choose from.</summary>
    public async Task<IReadOnlyList<OrganizationRow>> ManagedAsync(Actor actor, string culture, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var managed = await ManagementRights.ManagedOrganizationIds(db, actor).ToHashSetAsync(ct);
        return (await ListAsync(culture, ct: ct)).Items.Where(o => managed.Contains(o.Id)).OrderBy(o => o.Name, StringComparer.CurrentCulture).ToList();
    }

    private static void Apply(Organization organization, OrganizationInput input)
    {
        organization.Kind = input.Kind;
        organization.Email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        organization.NameKy = Blank(input.NameKy);
        organization.NameRu = Blank(input.NameRu);
        organization.NameEn = Blank(input.NameEn);
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static async Task ValidateAsync(EventsDbContext db, OrganizationInput input, CancellationToken ct)
    {
        var countries = await db.Countries.Select(c => c.Code).ToHashSetAsync(ct);
        var v = Organization.Validate(input.Name, input.CountryCode, input.TimeZone, countries.Contains);
        v.When(!Enum.IsDefined(input.Kind), "kind", "Validation_UnknownValue");
        v.When(input.Email is { Length: > 0 } e && !EmailAddress.IsValid(e), "email", "Validation_Email");
        foreach (var (field, value) in new[] { ("nameKy", input.NameKy), ("nameRu", input.NameRu), ("nameEn", input.NameEn) })
            v.When(value?.Trim().Length > Organization.NameMaxLength, field, "Validation_TooLong", Organization.NameMaxLength);
        v.ThrowIfAny();
    }
}
