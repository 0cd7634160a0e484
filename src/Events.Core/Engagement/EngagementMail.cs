using Events.Core.Localization;
using Events.Core.Notifications;
using Events.Core.Scheduling;
using MimeKit;

namespace Events.Core.Engagement;

/// <summary>The feedback emails, each in its reader's language: the answer to a question, the survey invitation.</summary>
public sealed class EngagementMail(EmailSettings settings, PublicUrls urls, TimeProvider clock)
{
    public const string AnswerKind = "QuestionAnswer";
    public const string SurveyKind = "SurveyInvitation";

    /// <summary>The survey page behind the registrant's manage link.</summary>
    public string SurveyLink(string token, SurveyWave wave) => $"{urls.Base}/r/{token}/survey?wave={wave}";

    public MimeMessage Answer(Question question, Event e)
    {
        var language = question.Language;
        var title = e.LocalizedTitle(language);
        var greeting = question.Name is { Length: > 0 } name ? Texts.Get("Mail_Greeting", language, name) : Texts.Get("Mail_GreetingNoName", language);
        var message = Message(question.Name ?? "", question.Email!, language, Texts.Get("Mail_QuestionAnswer_Subject", language, title),
            greeting + "\n\n" + Texts.Get("Mail_QuestionAnswer_Text", language, title, question.Text, question.AnswerText!, urls.Event(e.Id)));
        // A reply reaches the organization, not the platform's sender address.
        if (e.Organization?.Email is { Length: > 0 } reply && MailboxAddress.TryParse(reply, out var address)) message.ReplyTo.Add(address);
        return message;
    }

    public MimeMessage SurveyInvitation(Registration.Registration r, Event e, string token, SurveyWave wave)
    {
        var language = r.Language;
        var title = e.LocalizedTitle(language);
        return Message(r.FullName, r.Email, language, Texts.Get($"Mail_Survey{wave}_Subject", language, title),
            Texts.Get("Mail_Greeting", language, r.FullName) + "\n\n" + Texts.Get($"Mail_Survey{wave}_Text", language, title, SurveyLink(token, wave)));
    }

    private MimeMessage Message(string name, string email, string language, string subject, string body) =>
        PlainMail.Compose(settings.From, name, email, language, subject, body, clock.GetUtcNow());
}
