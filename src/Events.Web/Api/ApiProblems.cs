using Events.Core.Common;
using Events.Core.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Events.Web.Api;

/// <summary>Builds RFC 9457 problem documents whose texts follow the request's language.</summary>
public sealed class ApiProblems(IStringLocalizer<Strings> text)
{
    public string Text(string key, params object[] args) => args.Length == 0 ? text[key] : text[key, args];

    public ProblemDetails Status(int status, string? detailKey = null, params object[] args) => new()
    {
        Status = status,
        Title = Text(TitleKey(status)),
        Detail = detailKey is null ? null : Text(detailKey, args),
        Type = $"https://tools.ietf.org/html/rfc9110#section-15.{(status >= 500 ? 6 : 5)}.{Section(status)}",
    };

    public HttpValidationProblemDetails Validation(IEnumerable<FieldError> errors)
    {
        var grouped = errors.GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => Text(e.Key, e.Args)).Distinct().ToArray());
        return new HttpValidationProblemDetails(grouped)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Text("Problem_400"),
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        };
    }

    public IResult Result(ProblemDetails problem) => TypedResults.Problem(problem);

    public IResult ValidationResult(params FieldError[] errors) => TypedResults.Problem(Validation(errors));

    /// <summary>An API error answered without a body (401/403/404 from auth or routing) becomes a problem document.</summary>
    public static async Task FillEmptyApiErrorsAsync(HttpContext http, RequestDelegate next)
    {
        await next(http);
        if (!WebSetup.IsApi(http.Request) || http.Response.HasStarted || http.Response.StatusCode < 400
            || http.Response.ContentLength is > 0 || http.Response.ContentType is not null) return;
        var problems = http.RequestServices.GetRequiredService<ApiProblems>();
        await WriteAsync(http, problems.Status(http.Response.StatusCode));
    }

    /// <summary>Writes a problem document whatever the client's Accept header says (RFC 9457 clients expect it).</summary>
    public static Task WriteAsync(HttpContext http, ProblemDetails problem)
    {
        http.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id ?? http.TraceIdentifier;
        return http.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json");
    }

    private static string TitleKey(int status) => status switch
    {
        400 or 401 or 403 or 404 or 409 or 413 or 422 or 429 or 503 => $"Problem_{status}",
        _ => "Problem_500",
    };

    private static int Section(int status) => status switch
    {
        400 => 1, 401 => 2, 403 => 4, 404 => 5, 409 => 10, 413 => 14, 422 => 21, 429 => 1, 503 => 6, _ => 1,
    };
}

/// <summary>Turns the core's domain exceptions and malformed requests into localized problem documents.</summary>
public sealed class ApiExceptionHandler(ApiProblems problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // By now the request is being re-executed at /error; the feature keeps the path that failed.
        var path = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path;
        if (!path.StartsWith("/api", StringComparison.OrdinalIgnoreCase)) return false;
        ProblemDetails? problem = exception switch
        {
            ValidationFailedException v => problems.Validation(v.Errors),
            ConflictException c => problems.Status(StatusCodes.Status409Conflict, c.Key, c.Args),
            RuleViolationException r => problems.Status(StatusCodes.Status422UnprocessableEntity, r.Key, r.Args),
            NotFoundException => problems.Status(StatusCodes.Status404NotFound),
            ForbiddenException => problems.Status(StatusCodes.Status403Forbidden),
            ServiceBusyException => problems.Status(StatusCodes.Status503ServiceUnavailable, "Problem_Busy"),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                problems.Status(StatusCodes.Status413PayloadTooLarge, "Problem_TooLarge"),
            BadHttpRequestException => problems.Validation([new FieldError("body", "Validation_MalformedBody")]),
            _ => null,
        };
        if (problem is null) return false;
        if (exception is ServiceBusyException busy)
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(busy.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ApiProblems.WriteAsync(http, problem);
        return true;
    }
}
