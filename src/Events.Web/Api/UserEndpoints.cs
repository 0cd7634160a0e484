using System.Security.Claims;
using Events.Core.People;

namespace Events.Web.Api;

public sealed record CreateUserRequest(string? Email, string? FullName, string? Password, string[]? Roles, int[]? OrganizationIds, string? Language);

public sealed record CreatedUser(string Id);

public static class UserEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.Administrator);

        group.MapPost("/", async (CreateUserRequest body, ClaimsPrincipal user, UserAdministration users, CancellationToken ct) =>
        {
            var id = await users.CreateAsync(user.Actor(), new NewUser(body.Email, body.FullName, body.Password, body.Roles, body.OrganizationIds,
                body.Language ?? "ky"), ct);
            return TypedResults.Created($"/api/v1/users/{id}", new CreatedUser(id));
        }).WithSummary("Create a user with roles and organization memberships (Administrator).");

        group.MapGet("/", async (ClaimsPrincipal user, UserAdministration users, HttpResponse response, string? search, string? role, int? skip, int? take,
            CancellationToken ct) =>
        {
            var page = await users.ListAsync(user.Actor(), search, role, Math.Max(0, skip ?? 0), Math.Clamp(take ?? 100, 1, 500), ct);
            response.Headers["X-Total-Count"] = page.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Ok(page.Items);
        }).WithSummary("Users with their roles and organizations (Administrator); header X-Total-Count.");
    }
}
