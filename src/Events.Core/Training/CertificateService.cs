using System.Globalization;
using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Localization;
using Events.Core.Notifications;
using Events.Core.Registration;
using Events.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Events.Core.Training;

/// <summary>What the public verification page and API show for a code.</summary>
public sealed record CertificateCheck(string Code, string FullName, string EventTitle, DateTime IssuedUtc, bool Valid, DateTime? RevokedUtc);

/// <summary>
/// Certificates of completion: issued to participants who meet the program's completion rule, as a PDF in their language
/// with a verification code and a QR code to <c>/certificates/{code}</c>; mailed, downloadable from the manage page, revoked
/// and reissued by the organizer or trainer. The PDF is drawn on demand from the stored row, so no copy is kept on disk.
/// </summary>
public sealed class CertificateService(IDbContextFactory<EventsDbContext> dbFactory, TimeProvider clock, PublicUrls urls, EmailSettings email,
    OutboxSignal signal)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public string VerifyUrl(string code) => $"{urls.Base}/certificates/{code}";

    /// <summary>Issues a certificate to everyone who has completed and holds no valid one yet; returns those issued.</summary>
    public async Task<IReadOnlyList<Certificate>> IssueAsync(Actor actor, int eventId, IReadOnlyCollection<int>? registrationIds = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await TrainingAccess.EnsureAsync(db, actor, eventId, ct);
        var program = await db.Sessions.AsNoTracking().Where(s => s.EventId == eventId).ToListAsync(ct);
        e.Sessions = program;
        var people = await db.Registrations.Where(r => r.EventId == eventId && r.Status == RegistrationStatus.Confirmed).ToListAsync(ct);
        if (registrationIds is { Count: > 0 })
        {
            var unknown = registrationIds.Except(people.Select(p => p.Id)).ToList();
            if (unknown.Count > 0) throw ValidationFailedException.For("registrationIds", "Validation_UnknownValue");
            people = people.Where(p => registrationIds.Contains(p.Id)).ToList();
        }
        var ids = people.Select(p => p.Id).ToList();
        var marks = await db.Attendance.AsNoTracking().Where(a => a.EventId == eventId && ids.Contains(a.RegistrationId)).ToListAsync(ct);
        var holding = await db.Certificates.Where(c => c.EventId == eventId && c.RevokedUtc == null).Select(c => c.RegistrationId).ToListAsync(ct);
        var issued = new List<Certificate>();
        foreach (var r in people.Where(p => !holding.Contains(p.Id)))
        {
            var mine = marks.Where(m => m.RegistrationId == r.Id).ToDictionary(m => m.SessionId, m => m.Status);
            var rule = CompletionRule.Evaluate(CompletionRule.SessionsFor(program, e.Kind, r.SessionId, r.CreatedUtc, mine), mine, e.Training.CompletionPercent, Now);
            if (!rule.Completed)
            {
                // Asked for this person by name: say why not, rather than silently skipping.
                if (registrationIds is { Count: > 0 }) throw new RuleViolationException("Rule_NotCompleted");
                continue;
            }
            issued.Add(Issue(db, e, r, actor));
        }
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return issued;
    }

    /// <summary>Revokes a certificate: its code then verifies as revoked and its PDF is no longer served.</summary>
    public async Task<Certificate> RevokeAsync(Actor actor, string code, string? reason, CancellationToken ct = default)
    {
        if (reason?.Length > 500) throw ValidationFailedException.For("reason", "Validation_TooLong", 500);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await FindAsync(db, code, ct) ?? throw new NotFoundException("certificate");
        await TrainingAccess.EnsureAsync(db, actor, c.EventId, ct);
        if (c.RevokedUtc is null)
        {
            c.RevokedUtc = Now;
            c.RevokedBy = actor.UserId;
            c.RevokeReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            await db.SaveChangesAsync(ct);
        }
        return c;
    }

    /// <summary>A new certificate in place of an old one (a corrected name, a lost copy): the old code is revoked, the new one mailed.</summary>
    public async Task<Certificate> ReissueAsync(Actor actor, string code, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var old = await FindAsync(db, code, ct) ?? throw new NotFoundException("certificate");
        var e = await TrainingAccess.EnsureAsync(db, actor, old.EventId, ct);
        e.Sessions = await db.Sessions.AsNoTracking().Where(s => s.EventId == e.Id).ToListAsync(ct);
        var r = await db.Registrations.FirstOrDefaultAsync(x => x.Id == old.RegistrationId && x.Status == RegistrationStatus.Confirmed, ct)
                ?? throw new RuleViolationException("Rule_RegistrationNotActive");
        // The old code may have been replaced before (reissued from an old email): whatever is valid for the person goes, so one stays valid.
        foreach (var replaced in await db.Certificates.Where(c => c.EventId == old.EventId && c.RegistrationId == old.RegistrationId && (c.Id == old.Id || c.RevokedUtc == null))
                     .ToListAsync(ct))
        {
            replaced.RevokedUtc ??= Now;
            replaced.RevokedBy ??= actor.UserId;
            replaced.RevokeReason ??= Texts.Get("Training_ReissuedReason", r.Language);
        }
        var fresh = Issue(db, e, r, actor);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signal.Notify();
        return fresh;
    }

    public async Task<CertificateCheck?> VerifyAsync(string? code, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await FindAsync(db, code, ct);
        return c is null ? null : new CertificateCheck(c.Code, c.FullName, c.EventTitle, c.IssuedUtc, c.IsValid, c.RevokedUtc);
    }

    /// <summary>The PDF of a valid certificate (the code is the secret: 60 random bits); null for unknown or revoked codes.</summary>
    public async Task<byte[]?> PdfAsync(string? code, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await FindAsync(db, code, ct);
        if (c is not { IsValid: true }) return null;
        var e = await db.Events.AsNoTracking().Include(x => x.Organization).Include(x => x.Sessions).FirstAsync(x => x.Id == c.EventId, ct);
        return Render(c, e);
    }

    /// <summary>The holder's valid certificate for the manage page, if any.</summary>
    public async Task<Certificate?> ForRegistrationAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Certificates.AsNoTracking().Where(c => c.RegistrationId == registrationId && c.RevokedUtc == null)
            .OrderByDescending(c => c.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<Certificate>> ListAsync(Actor actor, int eventId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await TrainingAccess.EnsureAsync(db, actor, eventId, ct);
        return await db.Certificates.AsNoTracking().Where(c => c.EventId == eventId).OrderByDescending(c => c.Id).ToListAsync(ct);
    }

    private static Task<Certificate?> FindAsync(EventsDbContext db, string? code, CancellationToken ct)
    {
        var normalized = Certificate.NormalizeCode(code);
        return normalized.Length is < 8 or > 20 ? Task.FromResult<Certificate?>(null) : db.Certificates.FirstOrDefaultAsync(c => c.Code == normalized, ct);
    }

    private Certificate Issue(EventsDbContext db, Event e, Registration.Registration r, Actor actor)
    {
        var c = new Certificate
        {
            EventId = e.Id, RegistrationId = r.Id, Code = Certificate.NewCode(), FullName = r.FullName, EventTitle = e.LocalizedTitle(r.Language),
            Language = r.Language, IssuedUtc = Now, IssuedBy = actor.UserId,
        };
        db.Certificates.Add(c);
        Outbox.Enqueue(db, Mail(c, r, e, Render(c, e)), "Certificate", r.Id, Now);
        return c;
    }

    private byte[] Render(Certificate c, Event e)
    {
        var held = e.Sessions.Where(s => s.Status == SessionStatus.Scheduled).OrderBy(s => s.StartUtc).ToList();
        var zone = e.Organization?.TimeZone ?? held.FirstOrDefault()?.TimeZone ?? "Asia/Bishkek";
        var culture = Texts.Culture(c.Language);
        string Day(DateTime utc) => WallClock.ToLocal(utc, zone).ToString("d MMMM yyyy", culture);
        var dates = held.Count == 0 ? "" : held.Count == 1 || Day(held[0].StartUtc) == Day(held[^1].EndUtc)
            ? Day(held[0].StartUtc)
            : $"{Day(held[0].StartUtc)} — {Day(held[^1].EndUtc)}";
        var hours = (int)Math.Round(held.Sum(s => s.DurationMinutes) / 60.0);
        return CertificateDocument.Render(new CertificateContent(c.FullName, c.EventTitle, e.Organization?.DisplayName(c.Language) ?? "", dates, c.Code,
            VerifyUrl(c.Code), c.Language, c.IssuedUtc, hours > 0 ? hours : null));
    }

    private MimeMessage Mail(Certificate c, Registration.Registration r, Event e, byte[] pdf)
    {
        var language = r.Language;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(e.Organization?.DisplayName(language) ?? "", MailboxAddress.Parse(email.Smtp.From ?? email.From).Address));
        message.To.Add(new MailboxAddress(r.FullName, r.Email));
        message.Subject = Texts.Get("Mail_Certificate_Subject", language, c.EventTitle);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Date = clock.GetUtcNow();
        var body = new BodyBuilder
        {
            TextBody = Texts.Get("Mail_Certificate_Text", language, r.FullName, c.EventTitle, c.Code, VerifyUrl(c.Code)),
        };
        body.Attachments.Add($"certificate-{c.Code}.pdf", pdf, new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();
        return message;
    }
}
