using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Organizations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.People;

public sealed record NewUser(string? Email, string? FullName, string? Password, IReadOnlyList<string>? Roles,
    IReadOnlyList<int>? OrganizationIds, string Language = "ky");

public sealed record UserChanges(string? FullName, IReadOnlyList<string>? Roles, IReadOnlyList<int>? OrganizationIds);

public sealed record UserRow(string Id, string FullName, string Email, IReadOnlyList<string> Roles,
    IReadOnlyList<UserOrganization> Organizations, DateTime CreatedUtc);

public sealed record UserOrganization(int Id, string Name);

/// <summary>Administrators create people, give them roles and put organizers into organizations.</summary>
public sealed class UserAdministration(
    IDbContextFactory<EventsDbContext> dbFactory, UserManager<EventsUser> users, TimeProvider clock)
{
    public async Task<UserRow?> FindAsync(Actor actor, string userId, CancellationToken ct = default)
    {
        ManagementRights.EnsureAdministrator(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await RowsAsync(db, db.Users.AsNoTracking().Where(u => u.Id == userId), 0, 1, ct)).Items.FirstOrDefault();
    }

    public async Task<Page<UserRow>> ListAsync(Actor actor, string? search = null, string? role = null, int skip = 0, int take = int.MaxValue,
        CancellationToken ct = default)
    {
        ManagementRights.EnsureAdministrator(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Users.AsNoTracking();
        if (SearchText.Term(search) is { } term) query = query.Where(u => u.SearchText.Contains(term));
        if (!string.IsNullOrEmpty(role))
        {
            var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).FirstOrDefaultAsync(ct);
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == roleId));
        }
        return await RowsAsync(db, query, skip, take, ct);
    }

    private static async Task<Page<UserRow>> RowsAsync(EventsDbContext db, IQueryable<EventsUser> query, int skip, int take, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        var page = await query.OrderBy(u => u.FullName).ThenBy(u => u.Email).Skip(skip).Take(take)
            .Select(u => new { u.Id, u.FullName, u.Email, u.CreatedUtc })
            .ToListAsync(ct);
        var ids = page.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var orgs = await db.OrganizationMembers.Where(m => ids.Contains(m.UserId))
            .Select(m => new { m.UserId, m.OrganizationId, m.Organization!.Name })
            .ToListAsync(ct);
        return new Page<UserRow>(page.Select(u => new UserRow(u.Id, u.FullName, u.Email ?? "",
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList(),
            orgs.Where(o => o.UserId == u.Id).Select(o => new UserOrganization(o.OrganizationId, o.Name)).ToList(),
            u.CreatedUtc)).ToList(), total);
    }

    public async Task<string> CreateAsync(Actor actor, NewUser input, CancellationToken ct = default)
    {
        ManagementRights.EnsureAdministrator(actor);
        var v = new Validator();
        var email = input.Email?.Trim() ?? "";
        var fullName = input.FullName?.Trim() ?? "";
        v.When(!EmailAddress.IsValid(email), "email", "Validation_Email");
        CheckFullName(v, fullName);
        v.When(string.IsNullOrEmpty(input.Password), "password", "Validation_Required");
        await CheckRolesAndOrganizationsAsync(v, input.Roles, input.OrganizationIds, ct);
        v.When(!Localization.Strings.SupportedCultures.Contains(input.Language), "language", "Validation_UnknownValue");
        v.ThrowIfAny();

        if (await users.FindByEmailAsync(email) is not null) throw new ConflictException("Conflict_UserEmailTaken");

        var user = new EventsUser
        {
            UserName = email, Email = email, EmailConfirmed = true, FullName = fullName, Language = input.Language,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded) throw IdentityErrors(created, "password");

        try
        {
            var roles = (input.Roles ?? []).Distinct().ToList();
            if (roles.Count > 0)
            {
                var added = await users.AddToRolesAsync(user, roles);
                if (!added.Succeeded) throw IdentityErrors(added, "roles");
            }
            await SetOrganizationsAsync(user.Id, input.OrganizationIds ?? [], ct);
        }
        catch
        {
            // Nothing half-saved: an account without the roles it was asked for is removed.
            await users.DeleteAsync(user);
            throw;
        }
        return user.Id;
    }

    public async Task UpdateAsync(Actor actor, string userId, UserChanges changes, CancellationToken ct = default)
    {
        ManagementRights.EnsureAdministrator(actor);
        var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException("user");
        var v = new Validator();
        if (changes.FullName is not null) CheckFullName(v, changes.FullName.Trim());
        await CheckRolesAndOrganizationsAsync(v, changes.Roles, changes.OrganizationIds, ct);
        v.ThrowIfAny();

        if (changes.FullName is not null)
        {
            user.FullName = changes.FullName.Trim();
            var updated = await users.UpdateAsync(user);
            if (!updated.Succeeded) throw IdentityErrors(updated, "fullName");
        }
        if (changes.Roles is not null)
        {
            var current = await users.GetRolesAsync(user);
            await users.RemoveFromRolesAsync(user, current.Except(changes.Roles));
            await users.AddToRolesAsync(user, changes.Roles.Distinct().Except(current));
        }
        if (changes.OrganizationIds is not null) await SetOrganizationsAsync(user.Id, changes.OrganizationIds, ct);
    }

    private async Task SetOrganizationsAsync(string userId, IReadOnlyList<int> organizationIds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var wanted = organizationIds.Distinct().ToHashSet();
        var current = await db.OrganizationMembers.Where(m => m.UserId == userId).ToListAsync(ct);
        db.OrganizationMembers.RemoveRange(current.Where(m => !wanted.Contains(m.OrganizationId)));
        db.OrganizationMembers.AddRange(wanted.Except(current.Select(m => m.OrganizationId))
            .Select(id => new OrganizationMember { OrganizationId = id, UserId = userId }));
        await db.SaveChangesAsync(ct);
    }

    private static void CheckFullName(Validator v, string fullName)
    {
        v.When(fullName.Length == 0, "fullName", "Validation_Required");
        v.When(fullName.Length > EventsUser.FullNameMaxLength, "fullName", "Validation_TooLong", EventsUser.FullNameMaxLength);
    }

    private async Task CheckRolesAndOrganizationsAsync(Validator v, IReadOnlyList<string>? roles, IReadOnlyList<int>? organizationIds,
        CancellationToken ct)
    {
        if (roles is not null && roles.Any(r => !Roles.All.Contains(r)))
            v.Add("roles", "Validation_UnknownRole", string.Join(", ", Roles.All));
        if (organizationIds is { Count: > 0 })
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var ids = organizationIds.Distinct().ToList();
            var known = await db.Organizations.CountAsync(o => ids.Contains(o.Id), ct);
            v.When(known != ids.Count, "organizationIds", "Validation_UnknownOrganization");
        }
    }

    private static ValidationFailedException IdentityErrors(IdentityResult result, string field) =>
        new(result.Errors.Select(e => e.Code switch
        {
            "PasswordTooShort" => new FieldError(field, "Identity_PasswordTooShort", 8),
            "PasswordRequiresDigit" => new FieldError(field, "Identity_PasswordRequiresDigit"),
            "PasswordRequiresLower" => new FieldError(field, "Identity_PasswordRequiresLower"),
            "PasswordRequiresUpper" => new FieldError(field, "Identity_PasswordRequiresUpper"),
            "PasswordRequiresNonAlphanumeric" => new FieldError(field, "Identity_PasswordRequiresNonAlphanumeric"),
            "PasswordRequiresUniqueChars" => new FieldError(field, "Identity_PasswordRequiresUniqueChars"),
            "DuplicateEmail" or "DuplicateUserName" => new FieldError("email", "Conflict_UserEmailTaken"),
            "InvalidEmail" or "InvalidUserName" => new FieldError("email", "Validation_Email"),
            _ => new FieldError(field, "Validation_Rejected"),
        }).ToList());
}
