using Events.Core.Contests;
using Events.Core.People;

namespace Events.Web.Components.Pages.Contests;

/// <summary>The entry form as posted (public page and the entrant's manage page); links come one per line.</summary>
public sealed class EntryModel
{
    public string? Category { get; set; }
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? EntrantName { get; set; }
    public string? EntrantEmail { get; set; }
    public string? OrganizationName { get; set; }
    public string? CountryCode { get; set; }
    public HomeRegion? HomeRegion { get; set; }
    public Gender? Gender { get; set; }
    public int? BirthYear { get; set; }
    public string? LinksText { get; set; }
    public string? Outlet { get; set; }
    public long? ClaimedAudience { get; set; }
    public string? Language { get; set; }
    public bool Consent { get; set; }
    public Dictionary<string, string?>? Answers { get; set; }

    public EntryInput ToInput() => new(Title, Summary, EntrantName, EntrantEmail, OrganizationName, CountryCode, HomeRegion, Gender, BirthYear,
        (LinksText ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Category, Outlet, ClaimedAudience,
        Language, Answers);

    public static EntryModel Of(ContestEntry e) => new()
    {
        Category = e.Category, Title = e.Title, Summary = e.Summary, EntrantName = e.EntrantName, EntrantEmail = e.EntrantEmail,
        OrganizationName = e.OrganizationName, CountryCode = e.CountryCode, HomeRegion = e.HomeRegion, Gender = e.Gender, BirthYear = e.BirthYear,
        LinksText = string.Join('\n', e.Links), Outlet = e.Outlet, ClaimedAudience = e.ClaimedAudience, Language = e.Language, Consent = true,
        Answers = e.Answers.ToDictionary(a => a.Key, a => (string?)a.Value),
    };
}
