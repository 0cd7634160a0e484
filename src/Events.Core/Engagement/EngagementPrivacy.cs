using Events.Core.Data;
using Events.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Engagement;

/// <summary>
/// A registrant's feedback in "download my data" and "delete my data" (<see cref="Privacy.PersonalData"/>). Survey responses
/// belong to the registration. Questions are found by the registration's email: the manage link was mailed to that address,
/// so its holder controls it, and what was asked with it is theirs.
/// </summary>
public static class EngagementPrivacy
{
    public static async Task<Dictionary<string, object?>> ExportAsync(EventsDbContext db, Registration.Registration r, CancellationToken ct)
    {
        var data = new Dictionary<string, object?>();
        var responses = await db.SurveyResponses.AsNoTracking().Where(x => x.RegistrationId == r.Id).OrderBy(x => x.Wave).ToListAsync(ct);
        if (responses.Count > 0)
        {
            var questions = await db.Surveys.AsNoTracking().Where(s => s.EventId == r.EventId).Select(s => s.Questions).FirstOrDefaultAsync(ct) ?? [];
            data["surveyResponses"] = responses.Select(x => new
            {
                wave = x.Wave.ToString(), awareOfOpportunities = x.AwareOfOpportunities, satisfaction = x.Satisfaction,
                investingImportant = x.InvestingImportant, comment = x.Comment, submittedUtc = x.SubmittedUtc,
                answers = questions.Where(q => x.Answers.ContainsKey(q.Id)).Select(q => new { question = q.LocalizedPrompt(r.Language), answer = q.Display(x.Answers[q.Id], r.Language) }).ToList(),
            }).ToList();
        }
        var asked = await db.Questions.AsNoTracking().Where(q => q.NormalizedEmail == r.NormalizedEmail).OrderBy(q => q.AskedUtc)
            .Select(q => new { eventId = q.EventId, text = q.Text, name = q.Name, email = q.Email, askedUtc = q.AskedUtc, answer = q.AnswerText, answeredUtc = q.AnsweredUtc, published = q.IsPublished })
            .ToListAsync(ct);
        if (asked.Count > 0) data["questions"] = asked;
        return data;
    }

    /// <summary>
    /// Inside the erasure's transaction, before the registration loses its email: survey responses keep their counted answers
    /// and lose the person's words (<see cref="SurveyResponse.Erase"/>); questions asked with the address lose name and address
    /// (<see cref="Question.Erase"/>), and queued answers to them are dropped. Returns the addresses whose sent answers
    /// <see cref="PurgeSentAnswersAsync"/> erases after the commit.
    /// </summary>
    public static async Task<IReadOnlyList<string>> EraseAsync(EventsDbContext db, Registration.Registration r, CancellationToken ct)
    {
        var responses = await db.SurveyResponses.Where(x => x.RegistrationId == r.Id).ToListAsync(ct);
        if (responses.Count > 0)
        {
            var questions = await db.Surveys.AsNoTracking().Where(s => s.EventId == r.EventId).Select(s => s.Questions).FirstOrDefaultAsync(ct) ?? [];
            foreach (var response in responses) response.Erase(questions);
        }
        var asked = await db.Questions.Where(q => q.NormalizedEmail == r.NormalizedEmail).ToListAsync(ct);
        var addresses = asked.Select(q => q.Email!).Distinct().ToList();
        foreach (var question in asked) question.Erase();
        if (addresses.Count > 0)
        {
            await AnswerMail(db, addresses).Where(m => m.Status == OutboxStatus.Queued).ExecuteDeleteAsync(ct);
            // One being sent right now is erased by the dispatcher once it is out.
            await AnswerMail(db, addresses).Where(m => m.Status == OutboxStatus.Sending).ExecuteUpdateAsync(u => u.SetProperty(m => m.PurgeWhenSent, true), ct);
        }
        // Written with the registration's erasure by the caller's SaveChanges.
        return addresses;
    }

    /// <summary>After the commit: answers already sent (or given up on) lose their body, address and pickup file.</summary>
    public static Task<int> PurgeSentAnswersAsync(EventsDbContext db, PickupFolder pickup, IReadOnlyList<string> addresses, CancellationToken ct) =>
        addresses.Count == 0 ? Task.FromResult(0)
            : Privacy.MailPurge.PurgeAsync(db, pickup, AnswerMail(db, addresses).Where(m => m.Status == OutboxStatus.Sent || m.Status == OutboxStatus.Failed), ct);

    // An answer is mailed to the address exactly as the asker typed it (Question.Email), which is what the outbox row keeps.
    private static IQueryable<OutboxMessage> AnswerMail(EventsDbContext db, IReadOnlyList<string> addresses) =>
        db.Outbox.Where(m => m.Kind == EngagementMail.AnswerKind && addresses.Contains(m.To));
}
