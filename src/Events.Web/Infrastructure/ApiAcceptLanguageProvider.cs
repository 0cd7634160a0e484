using Microsoft.AspNetCore.Localization;

namespace Events.Web.Infrastructure;

/// <summary>
/// Accept-Language decides only for the API. People's browsers often say en-US or ru-RU while the
/// product speaks Kyrgyz first; they switch with the language links, which set a cookie.
/// </summary>
public sealed class ApiAcceptLanguageProvider : AcceptLanguageHeaderRequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        WebSetup.IsApi(httpContext.Request)
            ? base.DetermineProviderCultureResult(httpContext)
            : Task.FromResult<ProviderCultureResult?>(null);
}
