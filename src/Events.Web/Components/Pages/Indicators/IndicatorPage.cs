using System.Globalization;
using Events.Core.Indicators;
using Events.Core.Localization;
using Events.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace Events.Web.Components.Pages.Indicators;

/// <summary>
/// A page of the plan's figures filtered by year and organization (the dashboard, the M&amp;E report): the filters come from the address,
/// the organizations offered are those Core lets the reader read, and a change re-queries and keeps the address in step.
/// </summary>
public abstract class IndicatorPage : ActorComponent
{
    [Inject] private IndicatorFilters Filters { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> Text { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "year")] private int? YearQuery { get; set; }
    [SupplyParameterFromQuery(Name = "organizationId")] private int? OrganizationQuery { get; set; }

    protected FieldErrors Errors { get; } = new();
    protected int Year { get; private set; }
    protected int? OrganizationId { get; private set; }
    protected IReadOnlyList<SelectableOrganization>? Organizations { get; private set; }

    /// <summary>Core's refusal of the reader (a juror, a trainer, a participant): shown instead of any figure.</summary>
    protected string? Problem { get; private set; }

    protected static string Culture => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    /// <summary>Reads the filters from the address and the organizations the reader may choose; false (and <see cref="Problem"/>) when Core refuses.</summary>
    protected async Task<bool> InitializeFiltersAsync()
    {
        Year = YearQuery is >= 2000 and <= 2100 ? YearQuery.Value : Clock.GetUtcNow().Year;
        OrganizationId = OrganizationQuery;
        try
        {
            Organizations = await Filters.OrganizationsAsync(await ActorAsync(), Culture);
        }
        catch (Exception e) when (Problems.IsRefusal(e))
        {
            Problem = Problems.Describe(e, Text, Errors);
            return false;
        }
        if (OrganizationId is { } o && Organizations.All(x => x.Id != o)) OrganizationId = null;
        return true;
    }

    /// <summary>Queries again with the filters and puts them in the address, so that coming back shows the same figures.</summary>
    protected abstract Task ReloadAsync();

    protected async Task YearChangedAsync(ChangeEventArgs e)
    {
        if (!int.TryParse(e.Value?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100) return;
        Year = year;
        await ReloadAsync();
    }

    protected async Task OrganizationChangedAsync(ChangeEventArgs e)
    {
        OrganizationId = int.TryParse(e.Value?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;
        await ReloadAsync();
    }
}
