using Events.Core.Common;
using Events.Core.People;
using Events.Core.Registration;

namespace Events.Core.Contests;

public enum EntryStatus { Submitted, Withdrawn }

/// <summary>
/// A contest entry. No account is needed: like a registrant, the entrant holds a secret manage token (only its hash
/// is stored) to edit the entry until the deadline, add files, or withdraw it.
/// </summary>
public class ContestEntry
{
    public const int TitleMaxLength = 200;
    public const int SummaryMaxLength = 10_000;
    public const int NameMaxLength = 200;
    public const int OrganizationMaxLength = 200;
    public const int OutletMaxLength = 200;
    public const int MaxLinks = 10;
    public const int LinkMaxLength = 2000;

    public int Id { get; set; }
    public int ContestId { get; set; }
    public Contest? Contest { get; set; }
    public string? Category { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }

    public required string EntrantName { get; set; }
    public required string EntrantEmail { get; set; }
    public required string NormalizedEmail { get; set; }
    public string? OrganizationName { get; set; }

    public string? CountryCode { get; set; }
    public HomeRegion? HomeRegion { get; set; }
    public Gender? Gender { get; set; }
    public int? BirthYear { get; set; }
    public string Language { get; set; } = "ky";

    /// <summary>Articles, videos, project pages (absolute http(s) addresses).</summary>
    public List<string> Links { get; set; } = [];

    /// <summary>Journalists' contest: where the work was published and the audience it claims.</summary>
    public string? Outlet { get; set; }
    public long? ClaimedAudience { get; set; }

    public Dictionary<string, string> Answers { get; set; } = [];

    public EntryStatus Status { get; set; } = EntryStatus.Submitted;
    public DateTime SubmittedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public DateTime? WithdrawnUtc { get; set; }

    public required string ManageTokenHash { get; set; }
    public required string ManageTokenSealed { get; set; }

    public List<EntryAttachment> Attachments { get; set; } = [];

    public bool IsActive => Status == EntryStatus.Submitted;

    /// <summary>The part after '@' of the entrant's email, for conflict suggestions.</summary>
    public string EmailDomain => NormalizedEmail[(NormalizedEmail.IndexOf('@') + 1)..];

    public void Apply(EntryInput input, Contest contest, Dictionary<string, string> answers, DateTime nowUtc)
    {
        Category = EntryInput.Clean(input.Category);
        Title = input.Title!.Trim();
        Summary = input.Summary!.Trim();
        EntrantName = input.EntrantName!.Trim();
        EntrantEmail = input.EntrantEmail!.Trim();
        NormalizedEmail = EmailAddress.Normalize(EntrantEmail);
        OrganizationName = EntryInput.Clean(input.OrganizationName);
        CountryCode = EntryInput.Clean(input.CountryCode)?.ToUpperInvariant();
        HomeRegion = input.HomeRegion;
        Gender = input.Gender;
        BirthYear = input.BirthYear;
        Links = (input.Links ?? []).Select(l => l?.Trim()).Where(l => !string.IsNullOrEmpty(l)).Select(l => l!).Distinct().ToList();
        Outlet = contest.RecordsMediaOutlet ? EntryInput.Clean(input.Outlet) : null;
        ClaimedAudience = contest.RecordsMediaOutlet ? input.ClaimedAudience : null;
        Answers = answers;
        UpdatedUtc = nowUtc;
    }

    /// <summary>Removes what names or reaches the entrant; what the plan counts (country, region, gender, birth year, status, times) stays.</summary>
    public void Erase(DateTime nowUtc)
    {
        EntrantName = "—";
        EntrantEmail = $"erased-entry-{Id}@invalid";
        NormalizedEmail = EntrantEmail;
        OrganizationName = null;
        Answers = [];
        ManageTokenHash = ManageTokens.Hash(ManageTokens.New());
        ManageTokenSealed = "";
        UpdatedUtc = nowUtc;
    }
}

/// <summary>A file given with an entry, kept outside the web root under a random name; its type is read from its first bytes.</summary>
public class EntryAttachment
{
    public const int FileNameMaxLength = 200;

    public int Id { get; set; }
    public int EntryId { get; set; }

    /// <summary>The 1-based number shown in blind mode ("Attachment 1"), stable once given.</summary>
    public int Number { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string StoredName { get; set; }
    public DateTime UploadedUtc { get; set; }

    /// <summary>The name a reader sees: the original, or "attachment-2.pdf" when judging is blind.</summary>
    public string DisplayName(bool blind) => blind ? $"attachment-{Number}{AttachmentTypes.Extension(ContentType)}" : FileName;
}

/// <summary>What an entrant fills in (public form or API).</summary>
public sealed record EntryInput(string? Title, string? Summary, string? EntrantName, string? EntrantEmail, string? OrganizationName = null,
    string? CountryCode = null, HomeRegion? HomeRegion = null, Gender? Gender = null, int? BirthYear = null, IReadOnlyList<string?>? Links = null,
    string? Category = null, string? Outlet = null, long? ClaimedAudience = null, string? Language = null,
    IReadOnlyDictionary<string, string?>? Answers = null)
{
    internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public Dictionary<string, string> Validate(Contest contest, Func<string, bool> countryExists, int currentYear)
    {
        var v = new Validator();
        var answers = new Dictionary<string, string>();
        try
        {
            answers = RegistrationQuestion.CleanAnswers(contest.Questions, Answers);
        }
        catch (ValidationFailedException e)
        {
            foreach (var error in e.Errors) v.Add(error.Field, error.Key, error.Args);
        }
        Text(v, "title", Title, ContestEntry.TitleMaxLength, required: true);
        Text(v, "summary", Summary, ContestEntry.SummaryMaxLength, required: true);
        Text(v, "entrantName", EntrantName, ContestEntry.NameMaxLength, required: true);
        v.When(!EmailAddress.IsValid(EntrantEmail), "entrantEmail", "Validation_Email");
        Text(v, "organizationName", OrganizationName, ContestEntry.OrganizationMaxLength, required: false);
        v.When(Clean(CountryCode) is { } c && !countryExists(c.ToUpperInvariant()), "countryCode", "Validation_UnknownCountry");
        v.When(HomeRegion is { } r && !Enum.IsDefined(r), "homeRegion", "Validation_UnknownValue");
        v.When(Gender is { } g && !Enum.IsDefined(g), "gender", "Validation_UnknownValue");
        v.When(BirthYear is { } y && (y < 1900 || y > currentYear), "birthYear", "Validation_Range", 1900, currentYear);
        v.When(Language is { Length: > 0 } l && !Localization.Strings.SupportedCultures.Contains(l), "language", "Validation_UnknownValue");
        var category = Clean(Category);
        if (contest.Categories.Count > 0)
            v.When(category is null ? true : !contest.Categories.Contains(category), "category", category is null ? "Validation_Required" : "Validation_UnknownValue");
        else
            v.When(category is not null, "category", "Validation_UnknownValue");
        var links = (Links ?? []).Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        v.When(links.Count > ContestEntry.MaxLinks, "links", "Validation_TooMany", ContestEntry.MaxLinks);
        v.When(links.Any(l => l!.Trim().Length > ContestEntry.LinkMaxLength || !IsWebAddress(l.Trim())), "links", "Validation_Url");
        if (contest.RecordsMediaOutlet)
        {
            Text(v, "outlet", Outlet, ContestEntry.OutletMaxLength, required: false);
            v.When(ClaimedAudience is < 0 or > 10_000_000_000, "claimedAudience", "Validation_Range", 0, 10_000_000_000);
        }
        v.ThrowIfAny();
        return answers;
    }

    private static void Text(Validator v, string field, string? value, int max, bool required)
    {
        var text = value?.Trim() ?? "";
        v.When(required && text.Length == 0, field, "Validation_Required");
        v.When(text.Length > max, field, "Validation_TooLong", max);
    }

    public static bool IsWebAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Contains('.');
}
