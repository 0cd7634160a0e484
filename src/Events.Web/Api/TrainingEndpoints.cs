using System.Security.Claims;
using Events.Core.Common;
using Events.Core.Localization;
using Events.Core.Scheduling;
using Events.Core.Training;

namespace Events.Web.Api;

public sealed record TrainerRequest(string? UserId);

public sealed record TrainerDto(string UserId, string FullName, string Email);

public sealed record AttendanceRequest(AttendanceStatus? Status, string? Remark);

public sealed record AttendanceDto(int RegistrationId, string FullName, string Email, AttendanceStatus? Status, string? Remark, int? MinutesAttended,
    AttendanceSource? Source, string? UpdatedUtc);

public sealed record AttendanceRecordDto(long Id, int SessionId, int RegistrationId, AttendanceStatus Status, string? Remark, int? MinutesAttended,
    AttendanceSource Source, string UpdatedUtc)
{
    public static AttendanceRecordDto Of(AttendanceRecord r) =>
        new(r.Id, r.SessionId, r.RegistrationId, r.Status, r.Remark, r.MinutesAttended, r.Source, ApiContext.Utc(r.UpdatedUtc));
}

public sealed record AttendanceChangeDto(string ChangedUtc, string? ChangedBy, AttendanceSource Source, AttendanceStatus? OldStatus, AttendanceStatus NewStatus,
    string? OldRemark, string? NewRemark, int? OldMinutes, int? NewMinutes);

public sealed record ReportPersonDto(string Name, string? Email);

public sealed record ImportChangeDto(int RegistrationId, string FullName, AttendanceStatus? OldStatus, AttendanceStatus NewStatus, int? OldMinutes, int NewMinutes);

public sealed record ImportDto(ReportFormat Format, int Rows, int Matched, IReadOnlyList<ReportPersonDto> Unmatched, IReadOnlyList<ReportPersonDto> Ambiguous,
    int Present, int Partial, int Absent, bool Applied, IReadOnlyList<ImportChangeDto> Changes);

public sealed record CompletionDto(int RegistrationId, string FullName, int AttendedSessions, int TotalSessions, int ExcusedSessions, double Percent,
    bool Completed, bool AtRisk, string? CertificateCode);

public sealed record CertificateDto(string Code, string FullName, string EventTitle, string IssuedUtc, bool Valid, string? RevokedUtc = null);

public sealed record IssueRequest(int[]? RegistrationIds);

public sealed record RevokeRequest(string? Reason);

public sealed record SelfCheckInRequest(string? Code, string? ManageToken);

public sealed record CheckInScreenDto(string Code, string Url, string NextChangeUtc, bool Open, string OpensUtc, string ClosesUtc);

public sealed record TrainingRulesDto(int PresentThresholdPercent, int CompletionPercent, int CheckInMinutesBefore, int CheckInMinutesAfter, int LateAfterMinutes)
{
    public static TrainingRulesDto Of(TrainingRules r) => new(r.PresentThresholdPercent, r.CompletionPercent, r.CheckInMinutesBefore, r.CheckInMinutesAfter, r.LateAfterMinutes);
    public TrainingRules ToRules() => new(PresentThresholdPercent, CompletionPercent, CheckInMinutesBefore, CheckInMinutesAfter, LateAfterMinutes);
}

/// <summary>Trainings, courses, innolabs: trainers, attendance per session, imports, self check-in, completion and certificates.</summary>
public static class TrainingEndpoints
{
    public static void MapTrainingEndpoints(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events/{id:int}").WithTags("Trainings");
        events.MapPost("/trainers", async (int id, TrainerRequest body, ClaimsPrincipal user, ProgramService service, CancellationToken ct) =>
        {
            var t = await service.AddTrainerAsync(user.Actor(), id, body.UserId, ct);
            return TypedResults.Created($"/api/v1/events/{id}/trainers", new { eventId = t.EventId, userId = t.UserId });
        }).RequireAuthorization(Policies.Organizer)
          .WithSummary("Assign a trainer (a user id) to the event: trainers see and manage only the events they are assigned to. 409 when already assigned.");
        events.MapGet("/trainers", async (int id, ClaimsPrincipal user, ProgramService service, CancellationToken ct) =>
                TypedResults.Ok((await service.TrainersAsync(user.Actor(), id, ct)).Select(t => new TrainerDto(t.UserId, t.FullName, t.Email))))
            .RequireAuthorization(Policies.Staff).WithSummary("The event's trainers.");
        events.MapDelete("/trainers/{userId}", async (int id, string userId, ClaimsPrincipal user, ProgramService service, CancellationToken ct) =>
        {
            await service.RemoveTrainerAsync(user.Actor(), id, userId, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Organizer).WithSummary("Remove a trainer from the event.");
        events.MapPut("/training-rules", async (int id, TrainingRulesDto body, ClaimsPrincipal user, ProgramService service, CancellationToken ct) =>
                TypedResults.Ok(TrainingRulesDto.Of(await service.SetRulesAsync(user.Actor(), id, body.ToRules(), ct))))
            .RequireAuthorization(Policies.Organizer)
            .WithSummary("The program's rules: present from presentThresholdPercent of a session's minutes in an imported report (default 75), completion at " +
                         "completionPercent of the sessions (default 80, Excused left out), self check-in open checkInMinutesBefore the start to " +
                         "checkInMinutesAfter the end (15/15), Late after lateAfterMinutes (10).");
        events.MapGet("/completion", async (int id, ClaimsPrincipal user, ProgramService service, CancellationToken ct) =>
                TypedResults.Ok((await service.CompletionAsync(user.Actor(), id, ct)).Select(c => new CompletionDto(c.RegistrationId, c.FullName,
                    c.AttendedSessions, c.TotalSessions, c.ExcusedSessions, c.Percent, c.Completed, c.AtRisk, c.CertificateCode))))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("Each confirmed participant: sessions attended (Present or Late) of the program's not cancelled sessions minus their Excused ones, " +
                         "percent 0–100, completed by the event's rule, at risk (below the rule with sessions left), and their valid certificate's code.");
        events.MapGet("/attendance/export", async (int id, string? format, ClaimsPrincipal user, ProgramService service, CancellationToken ct) =>
        {
            var rows = await service.ExportAsync(user.Actor(), id, ApiContext.Culture, ct);
            return await SpreadsheetFiles.FileAsync(rows, format, $"attendance-event-{id}", ct);
        }).RequireAuthorization(Policies.Staff).WithSummary("Attendance and completion per participant as CSV or XLSX (format=xlsx); names that look like formulas are neutralized.");
        events.MapPost("/certificates", async (int id, IssueRequest? body, ClaimsPrincipal user, CertificateService service, CancellationToken ct) =>
                TypedResults.Ok((await service.IssueAsync(user.Actor(), id, body?.RegistrationIds, ct)).Select(Dto)))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("Issue certificates (PDF by email) to the participants who completed and hold none; with registrationIds, to those only (422 for one who has not completed).");
        events.MapGet("/certificates", async (int id, ClaimsPrincipal user, CertificateService service, CancellationToken ct) =>
                TypedResults.Ok((await service.ListAsync(user.Actor(), id, ct)).Select(Dto)))
            .RequireAuthorization(Policies.Staff).WithSummary("The event's certificates, valid and revoked.");

        var sessions = api.MapGroup("/sessions/{id:int}").WithTags("Trainings");
        sessions.MapGet("/attendance", async (int id, ClaimsPrincipal user, AttendanceService service, CancellationToken ct) =>
                TypedResults.Ok((await service.RosterAsync(user.Actor(), id, ct)).Rows.Select(r => new AttendanceDto(r.RegistrationId, r.FullName, r.Email,
                    r.Status, r.Remark, r.MinutesAttended, r.Source, ApiContext.Utc(r.UpdatedUtc)))))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("The session's confirmed participants (a program's: everyone enrolled) with their mark; status null = not marked yet.");
        sessions.MapPut("/attendance/{registrationId:int}", async (int id, int registrationId, AttendanceRequest body, ClaimsPrincipal user,
                AttendanceService service, CancellationToken ct) =>
                TypedResults.Ok(AttendanceRecordDto.Of(await service.MarkAsync(user.Actor(), id, registrationId, body.Status, body.Remark, ct))))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("Mark one participant Present, Late, Excused or Absent with an optional remark (≤ 500); from the session's start on (422 before). Every change is kept in the history.");
        sessions.MapPost("/attendance/all-present", async (int id, ClaimsPrincipal user, AttendanceService service, CancellationToken ct) =>
                TypedResults.Ok(new { marked = await service.MarkAllPresentAsync(user.Actor(), id, ct) }))
            .RequireAuthorization(Policies.Staff).WithSummary("Mark everyone without a mark yet as Present (existing marks stay).");
        sessions.MapGet("/attendance/{registrationId:int}/history", async (int id, int registrationId, ClaimsPrincipal user, AttendanceService service,
                CancellationToken ct) =>
                TypedResults.Ok((await service.HistoryAsync(user.Actor(), id, registrationId, ct)).Select(c => new AttendanceChangeDto(ApiContext.Utc(c.ChangedUtc),
                    c.ChangedBy, c.Source, c.OldStatus, c.NewStatus, c.OldRemark, c.NewRemark, c.OldMinutes, c.NewMinutes))))
            .RequireAuthorization(Policies.Staff).WithSummary("Every change of one participant's mark at the session: who, when, old, new.");
        sessions.MapPost("/attendance/import", async (int id, bool? preview, string? timeZone, IFormFile? file, ClaimsPrincipal user, AttendanceService service,
            CancellationToken ct) =>
        {
            if (file is null) throw ValidationFailedException.For("file", "Validation_Required");
            if (file.Length > AttendanceService.MaxReportBytes) throw ValidationFailedException.For("file", "Validation_FileTooLarge", AttendanceService.MaxReportBytes / (1024 * 1024));
            await using var stream = file.OpenReadStream();
            var result = await service.ImportAsync(user.Actor(), id, stream, timeZone, apply: preview != true, ct);
            var o = result.Outcome;
            // A file with problems applies nothing: each problem by its line, in the caller's language.
            if (!o.CanApply)
                throw new ValidationFailedException(o.Problems.Select(p =>
                    new FieldError("file", "Import_Problem", p.Line, Texts.Get(p.Key, ApiContext.Culture, p.Args))).ToList());
            return TypedResults.Ok(new ImportDto(o.Format, o.Rows, o.Matched, o.Unmatched.Select(p => new ReportPersonDto(p.Name, p.Email)).ToList(),
                o.Ambiguous.Select(p => new ReportPersonDto(p.Name, p.Email)).ToList(), o.Present, o.Partial, o.Absent, result.Applied,
                result.Changes.Select(c => new ImportChangeDto(c.RegistrationId, c.FullName, c.OldStatus, c.NewStatus, c.OldMinutes, c.NewMinutes)).ToList()));
        }).RequireAuthorization(Policies.Staff).DisableAntiforgery()
          .WithSummary("Import a Zoom (meeting participants or webinar attendee report) or Microsoft Teams attendance report (multipart `file`, ≤ 20 MB). " +
                       "timeZone: IANA zone of the report's times (default the session's). Intervals per person are merged, clipped to the session, and rounded " +
                       "to whole minutes; Present from the event's threshold (75 % by default), Partial (stored as Late) above 0, else Absent; rows match by email, " +
                       "then by a unique normalized name; unmatched and ambiguous rows are listed, never guessed. preview=true stores nothing; applying twice changes " +
                       "nothing; an Excused mark is not turned into Absent. A file with problems → 400 with each problem by line, nothing applied.");
        sessions.MapGet("/check-in-code", async (int id, ClaimsPrincipal user, HttpRequest request, AttendanceService service, CancellationToken ct) =>
        {
            var s = await service.CheckInScreenAsync(user.Actor(), id, ct);
            return TypedResults.Ok(new CheckInScreenDto(s.Code, $"{request.BaseUrl()}/checkin/{id}?code={s.Code}", ApiContext.Utc(s.NextChangeUtc), s.Open,
                ApiContext.Utc(s.OpensUtc), ApiContext.Utc(s.ClosesUtc)));
        }).RequireAuthorization(Policies.Staff)
          .WithSummary($"The self check-in code for the trainer's screen; it changes every {AttendanceService.CodeStepSeconds} s and the previous one is still accepted.");
        sessions.MapPost("/self-check-in", async (int id, SelfCheckInRequest body, ClaimsPrincipal user, AttendanceService service, CancellationToken ct) =>
        {
            var userId = user.Identity?.IsAuthenticated == true ? user.ActorOrNull()?.UserId : null;
            return TypedResults.Ok(AttendanceRecordDto.Of(await service.SelfCheckInAsync(id, body.Code, body.ManageToken, userId, ct)));
        }).WithSummary("A participant checks in with the code on the trainer's screen, by their manage token or signed in with their confirmed email: Present, " +
                       "Late after the program's grace minutes; only within the check-in window (422), with a current code (400), enrolled (403).");

        api.MapGet("/certificates/{code}", async Task<Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<CertificateDto>,
            Microsoft.AspNetCore.Http.HttpResults.NotFound>> (string code, CertificateService service, CancellationToken ct) =>
                await service.VerifyAsync(code, ct) is { } c
                    ? TypedResults.Ok(new CertificateDto(c.Code, c.FullName, c.EventTitle, ApiContext.Utc(c.IssuedUtc), c.Valid, ApiContext.Utc(c.RevokedUtc)))
                    : TypedResults.NotFound())
            .WithTags("Trainings").WithSummary("Public verification of a certificate code: valid, or revoked (valid false); 404 for an unknown code.");
        api.MapGet("/certificates/{code}/pdf", async (string code, CertificateService service, HttpResponse response, CancellationToken ct) =>
        {
            var pdf = await service.PdfAsync(code, ct) ?? throw new NotFoundException("certificate");
            response.Headers.CacheControl = "private, no-store";
            return TypedResults.File(pdf, "application/pdf", $"certificate-{Certificate.NormalizeCode(code)}.pdf");
        }).WithTags("Trainings").WithSummary("The PDF of a valid certificate (404 for unknown or revoked codes).");
        api.MapPost("/certificates/{code}/revoke", async (string code, RevokeRequest? body, ClaimsPrincipal user, CertificateService service, CancellationToken ct) =>
                TypedResults.Ok(Dto(await service.RevokeAsync(user.Actor(), code, body?.Reason, ct))))
            .RequireAuthorization(Policies.Staff).WithTags("Trainings").WithSummary("Revoke a certificate: its code then verifies as not valid.");
        api.MapPost("/certificates/{code}/reissue", async (string code, ClaimsPrincipal user, CertificateService service, CancellationToken ct) =>
                TypedResults.Ok(Dto(await service.ReissueAsync(user.Actor(), code, ct))))
            .RequireAuthorization(Policies.Staff).WithTags("Trainings").WithSummary("Revoke a certificate and issue a new one (new code, current name), mailed to the participant.");
    }

    private static CertificateDto Dto(Certificate c) => new(c.Code, c.FullName, c.EventTitle, ApiContext.Utc(c.IssuedUtc), c.IsValid, ApiContext.Utc(c.RevokedUtc));
}
