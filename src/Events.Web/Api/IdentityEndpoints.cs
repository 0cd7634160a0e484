using Events.Core.People;

namespace Events.Web.Api;

public static class IdentityEndpoints
{
    /// <summary>
    /// ASP.NET Core Identity's API endpoints (login → bearer token, refresh, manage). Open self-registration
    /// is off unless <c>Identity:AllowSelfRegistration</c> is true: accounts are made by administrators.
    /// </summary>
    public static void MapIdentityEndpoints(this RouteGroupBuilder api, IConfiguration configuration)
    {
        var allowRegistration = configuration.GetValue("Identity:AllowSelfRegistration", false);
        api.MapGroup("/identity")
            .WithTags("Identity")
            .AddEndpointFilter(async (context, next) =>
                !allowRegistration && context.HttpContext.Request.Path.Value!.EndsWith("/register", StringComparison.OrdinalIgnoreCase)
                    ? TypedResults.NotFound()
                    : await next(context))
            .MapIdentityApi<EventsUser>();
    }
}
