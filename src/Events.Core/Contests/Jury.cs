namespace Events.Core.Contests;

/// <summary>A member of a contest's jury (an account with the Juror role); <see cref="UserId"/> is the juror id everywhere.</summary>
public class ContestJuror
{
    public const int AffiliationMaxLength = 200;

    public int ContestId { get; set; }
    public required string UserId { get; set; }
    public People.EventsUser? User { get; set; }

    /// <summary>Where the juror works (for conflict suggestions beside their organizations in the system).</summary>
    public string? Affiliation { get; set; }

    /// <summary>Categories this juror judges (empty: all).</summary>
    public List<string> Categories { get; set; } = [];

    public DateTime AddedUtc { get; set; }
    public DateTime? LastReminderUtc { get; set; }

    public bool Judges(string? category) => Categories.Count == 0 || category is null || Categories.Contains(category);
}

/// <summary>A juror is to score an entry in a round.</summary>
public class Assignment
{
    public int RoundId { get; set; }
    public required string JurorId { get; set; }
    public int EntryId { get; set; }
    public DateTime AssignedUtc { get; set; }
}

public enum ConflictSource { Juror, Organizer, Suggested }

/// <summary>
/// A conflict of interest between a juror and an entry. While it stands, the juror neither sees nor scores the entry,
/// and no sheet of theirs for it counts. Suggested ones (same email domain or organization) stand until the organizer dismisses them.
/// </summary>
public class Conflict
{
    public const int ReasonMaxLength = 500;

    public int Id { get; set; }
    public int ContestId { get; set; }
    public required string JurorId { get; set; }
    public int EntryId { get; set; }
    public required string Reason { get; set; }
    public ConflictSource Source { get; set; }
    public required string DeclaredBy { get; set; }
    public DateTime DeclaredUtc { get; set; }
}

/// <summary>Finds likely conflicts: same email domain (public webmail aside) or the same organization name.</summary>
public static class ConflictSuggestions
{
    /// <summary>Addresses anyone can get: sharing one says nothing about a relation.</summary>
    public static readonly HashSet<string> PublicMailDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "ymail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
        "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de",
        "mail.ru", "inbox.ru", "list.ru", "bk.ru", "internet.ru", "yandex.ru", "yandex.com", "ya.ru", "yandex.kz", "rambler.ru",
        "mail.kg", "namba.kg", "yandex.kg", "qq.com", "163.com", "naver.com", "daum.net", "hanmail.net", "zoho.com", "tutanota.com",
    };

    public static string Domain(string email) => email.Trim().ToLowerInvariant() is var e && e.IndexOf('@') is var at and >= 0 ? e[(at + 1)..] : "";

    /// <summary>Lower-cased letters and digits only, so "Kyrgyz Diaspora, LLC" and "kyrgyz diaspora llc" match.</summary>
    public static string NormalizeName(string? name) =>
        new((name ?? "").ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    /// <summary>The reason a conflict is likely, or null.</summary>
    public static string? Reason(string jurorEmail, IEnumerable<string?> jurorOrganizations, string entrantEmail, string? entrantOrganization)
    {
        var domain = Domain(jurorEmail);
        if (domain.Length > 0 && !PublicMailDomains.Contains(domain) && domain == Domain(entrantEmail))
            return "email domain " + domain;
        var entrantOrg = NormalizeName(entrantOrganization);
        if (entrantOrg.Length > 0 && jurorOrganizations.Any(o => NormalizeName(o) == entrantOrg))
            return "organization " + entrantOrganization!.Trim();
        return null;
    }
}
