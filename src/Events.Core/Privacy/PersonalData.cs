using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Notifications;
using Events.Core.Registration;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Privacy;

/// <summary>A registrant's own data, through their manage link: "download my data" and "delete my data".</summary>
public sealed class PersonalData(IDbContextFactory<EventsDbContext> dbFactory, RegistrationService registrations, PickupFolder pickup, TimeProvider clock)
{
    /// <summary>Everything stored about the holder, for "download my data".</summary>
    public async Task<Dictionary<string, object?>> ExportAsync(string? token, CancellationToken ct = default)
    {
        var view = await registrations.FindByTokenAsync(token, ct) ?? throw new NotFoundException("registration");
        var r = view.Registration;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var team = await db.InnolabTeamMembers.Where(m => m.RegistrationId == r.Id)
            .Join(db.InnolabTeams, m => m.TeamId, t => t.Id, (m, t) => t.Name).FirstOrDefaultAsync(ct);
        var data = new Dictionary<string, object?>
        {
            ["fullName"] = r.FullName, ["email"] = r.Email, ["countryCode"] = r.CountryCode, ["city"] = r.City,
            ["homeRegion"] = r.HomeRegion?.ToString(), ["gender"] = r.Gender?.ToString(), ["birthYear"] = r.BirthYear, ["language"] = r.Language,
            ["timeZone"] = r.TimeZone, ["consentUtc"] = r.ConsentUtc, ["status"] = r.Status.ToString(), ["createdUtc"] = r.CreatedUtc,
            ["checkedInUtc"] = r.CheckedInUtc, ["event"] = view.Event.LocalizedTitle(r.Language), ["sessionStartUtc"] = view.Session.StartUtc,
            ["sessionTimeZone"] = view.Session.TimeZone, ["organization"] = view.Organization.DisplayName(r.Language),
            ["answers"] = view.Event.Questions.Where(q => r.Answers.ContainsKey(q.Id))
                .Select(q => new { question = q.LocalizedPrompt(r.Language), answer = RegistrationDesk.Answer(q, r, r.Language) }).ToList(),
        };
        if (team is not null) data["innolabTeam"] = team;
        // A program's participant: their marks per session (with remarks trainers wrote) and their certificates.
        var marks = await db.Attendance.AsNoTracking().Where(a => a.RegistrationId == r.Id)
            .Join(db.Sessions, a => a.SessionId, s => s.Id, (a, s) => new { s.StartUtc, a.Status, a.Remark, a.MinutesAttended })
            .OrderBy(x => x.StartUtc).ToListAsync(ct);
        if (marks.Count > 0)
            data["attendance"] = marks.Select(m => new { sessionStartUtc = m.StartUtc, status = m.Status.ToString(), remark = m.Remark, minutesAttended = m.MinutesAttended }).ToList();
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.RegistrationId == r.Id)
            .Select(c => new { code = c.Code, issuedUtc = c.IssuedUtc, revokedUtc = c.RevokedUtc }).ToListAsync(ct);
        if (certificates.Count > 0) data["certificates"] = certificates;
        foreach (var (key, value) in await Engagement.EngagementPrivacy.ExportAsync(db, r, ct)) data[key] = value;
        return data;
    }

    /// <summary>
    /// "Delete my data": the place is cancelled (and given to the next person waiting), then everything that
    /// names the person goes: name, email, city, zone, answers, check-in code, their place in an innolab team, the name on
    /// their certificates (which are revoked), the comments of their survey responses and the name and address of the questions
    /// they asked with their email (see <see cref="Engagement.EngagementPrivacy"/>), and the emails sent to them (body with the
    /// link, address, pickup file). Country, home region, gender, birth year and survey answers stay, without a person, so that the
    /// plan's figures keep counting the participation.
    /// The calendar CANCEL still goes out,
    /// and is erased in turn once sent.
    /// </summary>
    public async Task ForgetAsync(string? token, CancellationToken ct = default)
    {
        await registrations.CancelAsync(token, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        int registrationId;
        IReadOnlyList<string> askedWith;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var r = await RegistrationService.LoadByTokenAsync(db, token, ct);
            registrationId = r.Id;
            var now = clock.GetUtcNow().UtcDateTime;
            askedWith = await Engagement.EngagementPrivacy.EraseAsync(db, r, ct); // before the email is gone: questions are found by it
            r.Erase(now);
            // The person leaves their innolab team; the team's project stays (it is the team's, not theirs).
            await db.InnolabTeamMembers.Where(m => m.RegistrationId == r.Id).ExecuteDeleteAsync(ct);
            // Trainers' remarks are free text about the person (why they were excused…): they go; the marks stay as counts.
            await db.Attendance.Where(a => a.RegistrationId == r.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.Remark, (string?)null), ct);
            await db.AttendanceChanges.Where(c => c.RegistrationId == r.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.OldRemark, (string?)null).SetProperty(c => c.NewRemark, (string?)null), ct);
            // A certificate copied the name at issue: it loses the name, and with it its validity (the code then verifies as revoked).
            await db.Certificates.Where(c => c.RegistrationId == r.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.FullName, "—").SetProperty(c => c.RevokedUtc, c => c.RevokedUtc ?? now), ct);
            var mail = db.Outbox.Where(m => m.RegistrationId == r.Id);
            // Queued mail to the person is dropped, except the cancellation that clears the event from their calendar.
            await mail.Where(m => m.Status == OutboxStatus.Queued && m.Kind != nameof(MessageKind.Cancellation)).ExecuteDeleteAsync(ct);
            await mail.Where(m => m.Status == OutboxStatus.Queued || m.Status == OutboxStatus.Sending)
                .ExecuteUpdateAsync(u => u.SetProperty(m => m.PurgeWhenSent, true), ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        await MailPurge.PurgeAsync(db, pickup,
            db.Outbox.Where(m => m.RegistrationId == registrationId && (m.Status == OutboxStatus.Sent || m.Status == OutboxStatus.Failed)), ct);
        await Engagement.EngagementPrivacy.PurgeSentAnswersAsync(db, pickup, askedWith, ct);
        await MailPurge.TruncateWriteAheadLogAsync(db, ct);
    }
}
