using System.Security.Cryptography;

namespace Events.Core.Training;

/// <summary>
/// A certificate of completion. The name and title are copied at issue, so the public verification page shows what
/// was certified even if the event is renamed later; revoking keeps the row (the code then verifies as revoked).
/// </summary>
public class Certificate
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public int RegistrationId { get; set; }

    /// <summary>12 characters without look-alikes (60 bits): unguessable, and short enough to type from paper.</summary>
    public required string Code { get; set; }
    public required string FullName { get; set; }
    public required string EventTitle { get; set; }
    public required string Language { get; set; }
    public DateTime IssuedUtc { get; set; }
    public string? IssuedBy { get; set; }
    public DateTime? RevokedUtc { get; set; }
    public string? RevokedBy { get; set; }
    public string? RevokeReason { get; set; }

    public bool IsValid => RevokedUtc is null;

    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static string NewCode() => new(Enumerable.Range(0, 12).Select(_ => Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]).ToArray());

    /// <summary>What a code typed by hand becomes: upper case, without spaces or dashes.</summary>
    public static string NormalizeCode(string? code) =>
        new((code ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}
