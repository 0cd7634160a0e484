using Events.Core.People;
using Microsoft.AspNetCore.Http.HttpResults;

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
            {
                var path = context.HttpContext.Request.Path.Value!;
                if (!allowRegistration && path.EndsWith("/register", StringComparison.OrdinalIgnoreCase)) return TypedResults.NotFound();
                var result = await next(context);
                // The link in the confirmation email is opened in a browser: show the person their events, not a line of text.
                // Identity answers Results<ContentHttpResult, UnauthorizedHttpResult>: the text is the nested result.
                var inner = result is INestedHttpResult nested ? nested.Result : result;
                return path.EndsWith("/confirmEmail", StringComparison.OrdinalIgnoreCase) && inner is ContentHttpResult { StatusCode: null or 200 }
                    ? TypedResults.Redirect("/my/events?confirmed=true")
                    : result;
            })
            .MapIdentityApi<EventsUser>();
    }
}
