using Events.Core.Localization;
using Events.Core.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace Events.Web.Infrastructure;

/// <summary>
/// Language and theme are plain links that set a cookie and come back, so they work on static
/// public pages and interactive back-office pages alike.
/// </summary>
public static class PreferenceEndpoints
{
    public const string ThemeCookie = "events.theme";

    public static void MapPreferenceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/preferences").ExcludeFromDescription();
        group.MapGet("/culture", (string? culture, string? returnUrl, HttpContext http) =>
        {
            if (culture is not null && Strings.SupportedCultures.Contains(culture))
                http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                    new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = false });
            return TypedResults.LocalRedirect(SafeReturn(returnUrl));
        });
        group.MapGet("/theme", (bool dark, string? returnUrl, HttpContext http) =>
        {
            http.Response.Cookies.Append(ThemeCookie, dark ? "dark" : "light",
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            return TypedResults.LocalRedirect(SafeReturn(returnUrl));
        });
    }

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async (SignInManager<EventsUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/");
        }).ExcludeFromDescription();
    }

    /// <summary>Only paths of this site: an open redirect would let links in emails send people elsewhere.</summary>
    public static string SafeReturn(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
            ? returnUrl
            : "/";
}
