using System.Globalization;
using System.Text.Json.Serialization;
using Events.Core;
using Events.Core.Data;
using Events.Core.Localization;
using Events.Core.People;
using Events.Core.Seeding;
using Events.Web.Api;
using Events.Web.Components;
using Events.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Scalar.AspNetCore;

namespace Events.Web;

/// <summary>The table of contents of the web host: what is registered, in which order requests flow.</summary>
public static class WebSetup
{
    private const string BearerOrCookie = "BearerOrCookie";

    public static void AddEventsWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddEventsCore(builder.Configuration, builder.Environment.ContentRootPath);
        // Identity's stores need a scoped context; it comes from the same factory the features use.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext());

        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Strings.SupportedCultures.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture(Strings.DefaultCulture);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            // Pages are Kyrgyz until the visitor picks a language (cookie); API clients choose with Accept-Language.
            options.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new ApiAcceptLanguageProvider(),
            ];
        });

        services.AddIdentityApiEndpoints<EventsUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 10;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<EventsDbContext>();
        // A bearer token when the request carries one, else the sign-in cookie; challenges follow the same choice,
        // so pages redirect to the sign-in page and API calls answer 401.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = BearerOrCookie;
                o.DefaultAuthenticateScheme = BearerOrCookie;
                o.DefaultChallengeScheme = BearerOrCookie;
                o.DefaultForbidScheme = BearerOrCookie;
            })
            .AddPolicyScheme(BearerOrCookie, BearerOrCookie, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? IdentityConstants.BearerScheme
                    : IdentityConstants.ApplicationScheme);
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.AccessDeniedPath = "/account/denied";
            options.Cookie.Name = "events.auth";
            options.Cookie.SameSite = SameSiteMode.Lax;
            // API clients get status codes, people get the sign-in page.
            options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Administrator, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Staff.Split(',')))
            .AddPolicy(Policies.Organizer, p => p.RequireRole(Roles.Organizer, Roles.Administrator));
        services.AddCascadingAuthenticationState();

        // Keys that sign cookies and tokens survive restarts (and are shared by instances that share the folder).
        var keys = builder.Configuration["DataProtection:KeysFolder"] is { Length: > 0 } folder
            ? folder
            : Path.Combine(builder.Environment.ContentRootPath, "App_Data", "keys");
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys)).SetApplicationName("Events");

        // Kyrgyz and Russian text is written as is, not as &#x...; entities (smaller pages, readable source).
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddTransient<MudBlazor.MudLocalizer, EventsMudLocalizer>();
        services.AddHttpContextAccessor();

        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddProblemDetails();
        services.AddOpenApi(options => options.AddDocumentTransformer<ApiDocumentTransformer>());
        // Calendar clients poll feeds; one rendering serves everyone for a minute.
        services.AddOutputCache(o => o.AddPolicy(CalendarEndpoints.FeedCachePolicy, p => p
            .Expire(TimeSpan.FromSeconds(60)).SetVaryByQuery("organizationId", "kind").SetVaryByHeader("Accept-Language").Tag("feeds")));
        // Started and stopped with the host: on shutdown, queued registrations are written or answered (503), never left waiting.
        services.AddHostedService(sp => sp.GetRequiredService<Events.Core.Registration.RegistrationWriter>());
        if (builder.Configuration.GetValue("Email:Dispatch", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<Events.Core.Notifications.OutboxDispatcher>());
            services.AddHostedService<Events.Core.Notifications.ReminderWorker>();
        }
        // Retention runs in every instance (it is idempotent), also where this one does not send mail.
        services.AddHostedService<Events.Core.Privacy.SentMailRetentionWorker>();
        // Public registration: a fixed window per client address (RateLimiting:Registrations:PermitPerMinute, 0 = off).
        var permits = builder.Configuration.GetValue("RateLimiting:Registrations:PermitPerMinute", 30);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            System.Threading.RateLimiting.RateLimitPartition<string> PerClient(HttpContext context) => permits <= 0
                ? System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("off")
                : System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) });
            o.AddPolicy(RegistrationEndpoints.RateLimitPolicy, PerClient);
            // The same limit for the public form (registering and "mail me the link again" post to the event page);
            // reading the page is never limited.
            o.AddPolicy(RegistrationEndpoints.FormRateLimitPolicy, context =>
                HttpMethods.IsPost(context.Request.Method) ? PerClient(context) : System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("read"));
            o.OnRejected = async (context, ct) =>
            {
                // API callers get their problem document (added for empty API errors); people get a page in their language.
                if (IsApi(context.HttpContext.Request)) return;
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await ShortPageAsync(context.HttpContext, "Problem_429", "Problem_429_Form", context.HttpContext.Request.Path);
            };
        });
        ConfigureForwardedHeaders(services, builder.Configuration);
        services.AddHealthChecks().AddDbContextCheck<EventsDbContext>("database");
        services.AddSingleton<ApiProblems>();
        services.AddScoped<OrganizationAccess>();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.WebHost.ConfigureKestrel(k =>
            k.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? 4 * 1024 * 1024);
    }

    /// <summary>
    /// Behind a reverse proxy every request comes from the proxy's address, so the per-client registration
    /// limit would count all visitors as one. X-Forwarded-For/-Proto are believed only from the proxies named in
    /// <c>ForwardedHeaders:KnownProxies</c> (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR), besides
    /// loopback; from anyone else they are ignored, so a visitor cannot pick their own address.
    /// </summary>
    private static void ConfigureForwardedHeaders(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("ForwardedHeaders");
        var proxies = Split(section["KnownProxies"]).Select(p => System.Net.IPAddress.TryParse(p, out var ip) ? ip
            : throw new StartupConfigurationException($"ForwardedHeaders:KnownProxies: '{p}' is not an IP address.")).ToList();
        var networks = Split(section["KnownNetworks"]).Select(n => System.Net.IPNetwork.TryParse(n, out var net) ? net
            : throw new StartupConfigurationException($"ForwardedHeaders:KnownNetworks: '{n}' is not a network in CIDR notation (10.0.0.0/8).")).ToList();
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            // Every hop is checked against the known proxies, so a chain of them (load balancer → reverse proxy) is followed to the client.
            o.ForwardLimit = null;
            foreach (var p in proxies) o.KnownProxies.Add(p);
            foreach (var n in networks) o.KnownIPNetworks.Add(n);
        });

        static IEnumerable<string> Split(string? list) =>
            (list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        DatabaseStartup.EnsureDataFolderWritable(settings);
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        await using (var db = await sp.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContextAsync())
            await DatabaseStartup.PrepareAsync(db, settings);
        if (!settings.MigrateOnStartup) return;

        await sp.GetRequiredService<ReferenceDataSeeder>().SeedAsync();
        await sp.GetRequiredService<AdministratorSeeder>().SeedAsync();
        var thisYear = sp.GetRequiredService<TimeProvider>().GetUtcNow().Year;
        var plan = sp.GetRequiredService<Events.Core.Planning.PlanService>();
        await plan.EnsureDefaultTargetsAsync(thisYear);
        await plan.EnsureDefaultTargetsAsync(thisYear + 1);
        var seed = sp.GetRequiredService<IOptions<SeedSettings>>().Value;
        if (seed.Demo)
        {
            var password = string.IsNullOrEmpty(seed.DemoPassword) ? PasswordGenerator.Strong() : seed.DemoPassword;
            await sp.GetRequiredService<DemoSeeder>().SeedAsync(password);
        }
    }

    public static void UseEventsWeb(this WebApplication app)
    {
        // The client's own address first (behind a known proxy), so rate limits and logs see the visitor, not the proxy.
        app.UseForwardedHeaders();
        // Localization next, so that error responses are in the caller's language too.
        app.UseRequestLocalization();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // Inside the status-code pages: an empty API error gets its problem document before a page could be rendered.
        app.Use(ApiProblems.FillEmptyApiErrorsAsync);
        app.UseAuthentication();
        app.UseAuthorization();
        // Declared bodies over the limit are refused before anything reads them (Kestrel also caps streamed ones).
        var maxBody = app.Configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") ?? 4 * 1024 * 1024;
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > maxBody)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                if (IsApi(context.Request))
                    await ApiProblems.WriteAsync(context, context.RequestServices.GetRequiredService<ApiProblems>().Status(413, "Problem_TooLarge"));
                else
                    await ShortPageAsync(context, "Problem_413", "Problem_413_Form", context.Request.Path);
                return;
            }
            await next(context);
        });
        app.UseRateLimiter();
        app.UseOutputCache();
        app.UseAntiforgery();
    }

    public static void MapEventsEndpoints(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        app.MapOpenApi();
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("Events API v1").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapHealthChecks("/health");

        app.MapPreferenceEndpoints();
        app.MapAccountEndpoints();
        app.MapGet("/r/{token}/calendar.ics", RegistrationEndpoints.PersonalCalendarAsync).ExcludeFromDescription();
        var api = app.MapGroup("/api/v1");
        api.MapIdentityEndpoints(app.Configuration);
        api.MapOrganizationEndpoints();
        api.MapUserEndpoints();
        api.MapSchedulingEndpoints();
        api.MapCalendarEndpoints();
        api.MapPlanningEndpoints();
        api.MapRegistrationEndpoints();
        api.MapRegistrationExportEndpoints();
        api.MapContestEndpoints();
        api.MapTrainingEndpoints();
        api.MapInnolabEndpoints();
        api.MapIndicatorEndpoints();
        api.MapReportEndpoints();
        api.MapEngagementEndpoints();
    }

    /// <summary>A refused form post (too many, too large) answered with a short page in the visitor's language and a way back.</summary>
    private static Task ShortPageAsync(HttpContext http, string titleKey, string textKey, string back)
    {
        var text = http.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Strings>>();
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        http.Response.ContentType = "text/html; charset=utf-8";
        Func<string?, string?> encode = System.Net.WebUtility.HtmlEncode;
        return http.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{language}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{encode(text[titleKey])}</title></head><body style=\"font-family:sans-serif;margin:2rem\"><main><h1>{encode(text[titleKey])}</h1>" +
            $"<p>{encode(text[textKey])}</p><p><a href=\"{encode(back)}\">{encode(text["Error_Reload"])}</a></p></main></body></html>", http.RequestAborted);
    }

    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

public static class Policies
{
    public const string Administrator = "Administrator";
    public const string Staff = "Staff";
    public const string Organizer = "Organizer";
}
