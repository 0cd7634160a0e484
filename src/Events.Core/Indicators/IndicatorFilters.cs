using Events.Core.Common;
using Events.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Indicators;

public sealed record SelectableOrganization(int Id, string Name);

/// <summary>What the dashboard's filters offer a reader: the organizations whose indicators they may read.</summary>
public sealed class IndicatorFilters(IDbContextFactory<EventsDbContext> dbFactory)
{
    /// <summary>All organizations for analysts and administrators, their own for organizers (by name in the culture); anyone else: 403.</summary>
    public async Task<IReadOnlyList<SelectableOrganization>> OrganizationsAsync(Actor actor, string culture, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var scope = await IndicatorService.ScopeAsync(db, actor, null, ct);
        var organizations = db.Organizations.AsNoTracking();
        if (scope is not null) organizations = organizations.Where(o => scope.Contains(o.Id));
        var comparer = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo(culture), ignoreCase: true);
        return (await organizations.ToListAsync(ct)).Select(o => new SelectableOrganization(o.Id, o.DisplayName(culture)))
            .OrderBy(o => o.Name, comparer).ToList();
    }
}
