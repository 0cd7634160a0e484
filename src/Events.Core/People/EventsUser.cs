using Microsoft.AspNetCore.Identity;

namespace Events.Core.People;

public enum Gender { Female, Male, Other, Undisclosed }

/// <summary>Regions of Kyrgyzstan people come from ("small motherland"), as in the API contract.</summary>
public enum HomeRegion { Bishkek, Osh, Chui, IssykKul, JalalAbad, Batken, Naryn, OshRegion, Talas }

/// <summary>Role names; the same strings appear in the API and in the database.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Organizer = "Organizer";
    public const string Juror = "Juror";
    public const string Trainer = "Trainer";
    public const string Analyst = "Analyst";
    public const string Participant = "Participant";

    public static readonly string[] All = [Administrator, Organizer, Juror, Trainer, Analyst, Participant];

    /// <summary>Roles that may open the back office.</summary>
    public const string Staff = Administrator + "," + Organizer + "," + Juror + "," + Trainer + "," + Analyst;
}

/// <summary>A person who signs in: staff of organizations, jurors, trainers, analysts, participants.</summary>
public class EventsUser : IdentityUser
{
    public const int FullNameMaxLength = 200;

    public string FullName { get; set; } = "";
    public string? CountryCode { get; set; }
    public HomeRegion? HomeRegion { get; set; }
    public Gender? Gender { get; set; }
    public int? BirthYear { get; set; }

    /// <summary>ky, ru or en: the language of this person's emails.</summary>
    public string Language { get; set; } = "ky";

    public string? TimeZone { get; set; }
    public DateTime CreatedUtc { get; set; }

    /// <summary>Secret key of this person's private calendar feed (their own sessions, with join links).</summary>
    public string? CalendarFeedKey { get; set; }

    /// <summary>Lower-cased name and email, for case-insensitive search of Cyrillic text.</summary>
    public string SearchText { get; private set; } = "";

    public void RefreshSearchText() => SearchText = Common.SearchText.Of(FullName, Email);
}
