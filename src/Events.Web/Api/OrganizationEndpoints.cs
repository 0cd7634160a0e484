using System.Globalization;
using System.Security.Claims;
using Events.Core.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Events.Web.Api;

public sealed record OrganizationDto(int Id, string Name, OrganizationKind Kind, string CountryCode, string TimeZone);

public sealed record OrganizationRequest(string? Name, OrganizationKind? Kind, string? CountryCode, string? TimeZone, string? Email);

public static class OrganizationEndpoints
{
    public static void MapOrganizationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organizations").WithTags("Organizations");

        group.MapGet("/", async (OrganizationService organizations, string? search, OrganizationKind? kind, CancellationToken ct) =>
        {
            var page = await organizations.ListAsync(Culture, search, kind, ct: ct);
            return TypedResults.Ok(page.Items.Select(o => new OrganizationDto(o.Id, o.Name, o.Kind, o.CountryCode, o.TimeZone)));
        }).WithSummary("Organizations (public), names in the request's language.");

        group.MapGet("/{id:int}", async Task<Results<Ok<OrganizationDto>, NotFound>> (int id, OrganizationService organizations, CancellationToken ct) =>
            await organizations.FindAsync(id, ct) is { } o ? TypedResults.Ok(ToDto(o)) : TypedResults.NotFound())
            .WithSummary("One organization (public).");

        group.MapPost("/", async (OrganizationRequest body, ClaimsPrincipal user, OrganizationService organizations, CancellationToken ct) =>
        {
            var created = await organizations.CreateAsync(user.Actor(), ToInput(body), ct);
            return TypedResults.Created($"/api/v1/organizations/{created.Id}", ToDto(created));
        }).RequireAuthorization(Policies.Administrator).WithSummary("Create an organization (Administrator).");

        group.MapPut("/{id:int}", async (int id, OrganizationRequest body, ClaimsPrincipal user, OrganizationService organizations, CancellationToken ct) =>
            TypedResults.Ok(ToDto(await organizations.UpdateAsync(user.Actor(), id, ToInput(body), ct))))
            .RequireAuthorization(Policies.Administrator).WithSummary("Change an organization (Administrator).");
    }

    private static string Culture => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    private static OrganizationInput ToInput(OrganizationRequest body) =>
        new(body.Name, body.Kind ?? (OrganizationKind)(-1), body.CountryCode, body.TimeZone, body.Email);

    private static OrganizationDto ToDto(Organization o) => new(o.Id, o.DisplayName(Culture), o.Kind, o.CountryCode, o.TimeZone);
}
