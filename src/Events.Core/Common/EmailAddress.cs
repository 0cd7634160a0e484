using System.Net.Mail;

namespace Events.Core.Common;

public static class EmailAddress
{
    public const int MaxLength = 254;

    /// <summary>A single plain address (no display name), as people type it into forms.</summary>
    public static bool IsValid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return false;
        var trimmed = value.Trim();
        if (trimmed.Length > MaxLength || trimmed.Contains(' ') || trimmed.Count(c => c == '@') != 1) return false;
        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed) return false;
        var domain = address.Host;
        return domain.Contains('.') && !domain.StartsWith('.') && !domain.EndsWith('.');
    }

    /// <summary>The form used to compare addresses: trimmed, case-insensitive.</summary>
    public static string Normalize(string value) => value.Trim().ToLowerInvariant();
}
