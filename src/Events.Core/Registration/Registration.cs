using System.Security.Cryptography;
using Events.Core.People;

namespace Events.Core.Registration;

public enum RegistrationStatus { Pending, Confirmed, Waitlisted, Rejected, Cancelled }

/// <summary>
/// A person's place at a session (for trainings and courses: at the whole event). No account is
/// needed: the registrant holds a secret manage token, of which only a hash is stored.
/// </summary>
public class Registration
{
    public const int FullNameMaxLength = 200;
    public const int CityMaxLength = 100;

    public int Id { get; set; }
    public int EventId { get; set; }
    public int SessionId { get; set; }
    public Scheduling.Session? Session { get; set; }

    public required string FullName { get; set; }
    public required string Email { get; set; }

    /// <summary>Trimmed, lower-cased email: one active registration per person and event.</summary>
    public required string NormalizedEmail { get; set; }

    /// <summary>The normalized email while the registration is active, null once cancelled or rejected (unique per event).</summary>
    public string? ActiveEmailKey { get; set; }

    public required string CountryCode { get; set; }
    public string? City { get; set; }
    public HomeRegion? HomeRegion { get; set; }
    public Gender? Gender { get; set; }
    public int? BirthYear { get; set; }
    public string Language { get; set; } = "ky";
    public string? TimeZone { get; set; }
    public DateTime ConsentUtc { get; set; }

    public RegistrationStatus Status { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public DateTime? CheckedInUtc { get; set; }

    /// <summary>SHA-256 of the manage token (hex); the token itself exists only in the registrant's link.</summary>
    public required string ManageTokenHash { get; set; }

    /// <summary>The token encrypted with the app's data-protection keys, so later emails can repeat the same link.</summary>
    public required string ManageTokenSealed { get; set; }

    /// <summary>Short random code in the registrant's QR code; organizers scan or type it to check the person in.</summary>
    public string CheckInCode { get; set; } = ManageTokens.NewCheckInCode();

    /// <summary>Answers to the event's own questions, by question id (stored as JSON).</summary>
    public Dictionary<string, string> Answers { get; set; } = [];

    /// <summary>SEQUENCE of the last calendar message sent to this person, so that a CANCEL can go higher.</summary>
    public int LastSequenceSent { get; set; } = -1;

    public bool IsActive => Status is RegistrationStatus.Pending or RegistrationStatus.Confirmed or RegistrationStatus.Waitlisted;

    /// <summary>
    /// Removes everything that names or reaches the person; what the plan's figures count (country, home
    /// region, gender, birth year, status, times) stays. The manage link and the check-in code stop working.
    /// </summary>
    public void Erase(DateTime nowUtc)
    {
        FullName = "—";
        Email = $"erased-{Id}@invalid";
        NormalizedEmail = Email;
        ActiveEmailKey = null;
        City = null;
        TimeZone = null;
        Answers = [];
        CheckInCode = ManageTokens.NewCheckInCode();
        ManageTokenHash = ManageTokens.Hash(ManageTokens.New());
        ManageTokenSealed = "";
        UpdatedUtc = nowUtc;
    }
}

public static class ManageTokens
{
    /// <summary>The data-protection purpose that seals tokens for later emails; every reader and writer of a sealed token uses this one.</summary>
    public static Microsoft.AspNetCore.DataProtection.IDataProtector Protector(Microsoft.AspNetCore.DataProtection.IDataProtectionProvider provider) =>
        provider.CreateProtector("Events.Registration.ManageToken");

    /// <summary>A new token of 192 random bits (URL-safe Base64, 32 characters).</summary>
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>10 characters without look-alikes (50 bits): easy to type when a camera is not at hand.</summary>
    public static string NewCheckInCode() => new(Enumerable.Range(0, 10).Select(_ => CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)]).ToArray());

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    public static bool LooksValid(string? token) => token is { Length: 32 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
