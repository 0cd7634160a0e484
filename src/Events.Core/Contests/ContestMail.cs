using System.Globalization;
using Events.Core.Localization;
using Events.Core.Notifications;
using Events.Core.People;
using MimeKit;

namespace Events.Core.Contests;

/// <summary>Contest emails, each in its reader's language: entry received, jury invitation, reminder, award letter.</summary>
public sealed class ContestMail(EmailSettings settings, PublicUrls urls, TimeProvider clock)
{
    public string EntryLink(string token) => $"{urls.Base}/e/{token}";

    public MimeMessage EntryReceived(Contest contest, ContestEntry entry, string token)
    {
        var language = entry.Language;
        // In the organization's zone, as the contest page shows it, and in UTC for anyone elsewhere.
        var zone = contest.Organization?.TimeZone ?? "Asia/Bishkek";
        var local = Scheduling.WallClock.ToLocal(contest.SubmissionClosesUtc, zone);
        var closes = Texts.Get("Contest_DeadlineUtc", language, local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), zone,
            contest.SubmissionClosesUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        return Message(entry.EntrantName, entry.EntrantEmail, language, Texts.Get("Mail_EntryReceived_Subject", language, contest.LocalizedTitle(language)),
            Texts.Get("Mail_EntryReceived_Text", language, entry.EntrantName, entry.Title, contest.LocalizedTitle(language), EntryLink(token), closes));
    }

    public MimeMessage JurorInvitation(Contest contest, EventsUser user, string? setPasswordLink)
    {
        var language = user.Language;
        var body = Texts.Get("Mail_JurorInvitation_Text", language, user.FullName, contest.LocalizedTitle(language), $"{urls.Base}/jury");
        if (setPasswordLink is not null) body += "\n\n" + Texts.Get("Mail_JurorInvitation_SetPassword", language, setPasswordLink);
        return Message(user.FullName, user.Email!, language, Texts.Get("Mail_JurorInvitation_Subject", language, contest.LocalizedTitle(language)), body);
    }

    public MimeMessage JurorReminder(Contest contest, Round round, EventsUser user, int left)
    {
        var language = user.Language;
        return Message(user.FullName, user.Email!, language, Texts.Get("Mail_JurorReminder_Subject", language, contest.LocalizedTitle(language)),
            Texts.Get("Mail_JurorReminder_Text", language, user.FullName, left, round.Name, contest.LocalizedTitle(language), $"{urls.Base}/jury"));
    }

    public MimeMessage AwardLetter(Contest contest, ContestEntry entry, Award award)
    {
        var language = entry.Language;
        var culture = Texts.Culture(language);
        var grant = award.GrantAmount is { } amount
            ? "\n" + Texts.Get("Mail_AwardLetter_Grant", language, amount.ToString("N0", culture), contest.Currency ?? "")
            : "";
        return Message(entry.EntrantName, entry.EntrantEmail, language, Texts.Get("Mail_AwardLetter_Subject", language, contest.LocalizedTitle(language)),
            Texts.Get("Mail_AwardLetter_Text", language, entry.EntrantName, entry.Title, contest.LocalizedTitle(language), award.Place,
                award.Title ?? "", $"{urls.Base}/contests/{contest.Id}/results") + grant);
    }

    private MimeMessage Message(string name, string email, string language, string subject, string body) =>
        PlainMail.Compose(settings.From, name, email, language, subject, body, clock.GetUtcNow());
}
