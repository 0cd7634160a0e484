using System.Net;
using MimeKit;

namespace Events.Core.Notifications;

/// <summary>
/// A short automatic letter in the recipient's language: plain text and the same text as HTML, marked auto-generated (so that
/// out-of-office replies stay away) and with its language (so that mail apps and screen readers read it right).
/// </summary>
public static class PlainMail
{
    public static MimeMessage Compose(string from, string name, string email, string language, string subject, string body, DateTimeOffset date)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(new MailboxAddress(name, email));
        message.Subject = subject;
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("Content-Language", language);
        message.Date = date;
        message.Body = new MultipartAlternative
        {
            new TextPart("plain") { Text = body },
            new TextPart("html") { Text = $"<html lang=\"{language}\"><body><p>{WebUtility.HtmlEncode(body).Replace("\n", "<br>")}</p></body></html>" },
        };
        return message;
    }
}
