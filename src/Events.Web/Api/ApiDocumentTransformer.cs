using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Events.Web.Api;

/// <summary>Title, description and the bearer scheme of the generated OpenAPI document.</summary>
public sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Events API",
            Version = "v1",
            Description = "Events and engagement of Kyrgyz compatriots abroad. Sign in with POST /api/v1/identity/login " +
                          "and send `Authorization: Bearer <accessToken>`. Errors are RFC 9457 problem documents in the language " +
                          "of `Accept-Language` (ky, ru, en). Wall-clock times have no offset and go with an IANA `timeZone`; " +
                          "`...Utc` fields end in Z.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Access token from POST /api/v1/identity/login.",
        };
        return Task.CompletedTask;
    }
}
