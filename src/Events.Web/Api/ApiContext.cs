using System.Globalization;
using System.Security.Claims;
using Events.Core.Common;
using Events.Core.People;

namespace Events.Web.Api;

/// <summary>Small helpers every API group uses: the caller, the language, the public address.</summary>
public static class ApiContext
{
    public static Actor Actor(this ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new ForbiddenException("no user id"),
            user.IsInRole(Roles.Administrator), user.Identity?.Name);

    public static Actor? ActorOrNull(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirstValue(ClaimTypes.NameIdentifier) is not null ? user.Actor() : null;

    public static string Culture => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    /// <summary>Links in feeds and emails: <c>App:PublicBaseUrl</c> when set (behind a proxy), else the request's own address.</summary>
    public static string BaseUrl(this HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()["App:PublicBaseUrl"] is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : $"{request.Scheme}://{request.Host}";

    public static string Utc(DateTime value) =>
        DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    public static string WallClock(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private static readonly string[] WallClockFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];

    /// <summary>A wall-clock time without offset ("2027-03-27T18:00"); an offset or Z is refused because the zone is given separately.</summary>
    public static DateTime ParseWallClock(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) throw ValidationFailedException.For(field, "Validation_Required");
        if (!DateTime.TryParseExact(text.Trim(), WallClockFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
            throw ValidationFailedException.For(field, "Validation_WallClock");
        return DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
    }

    public static DateTime? ParseUtc(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            throw ValidationFailedException.For(field, "Validation_DateTime");
        return value.UtcDateTime;
    }
}
