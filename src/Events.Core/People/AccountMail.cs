using System.Net;
using System.Text;
using Events.Core.Data;
using Events.Core.Localization;
using Events.Core.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.People;

/// <summary>
/// Account emails (confirm the address, reset the password) in the person's language, through the outbox
/// like every other email: Identity's endpoints call this, and so does "my events" when it asks for a confirmation.
/// </summary>
/// <remarks>A singleton: Identity's endpoints take their sender from the root provider.</remarks>
public sealed class AccountMail(IDbContextFactory<EventsDbContext> dbFactory, EmailSettings settings, OutboxSignal signal, TimeProvider clock,
    PublicUrls urls) : IEmailSender<EventsUser>
{
    public Task SendConfirmationLinkAsync(EventsUser user, string email, string confirmationLink) =>
        SendAsync(user, email, "Mail_ConfirmEmail", OnPublicAddress(confirmationLink));

    public Task SendPasswordResetLinkAsync(EventsUser user, string email, string resetLink) =>
        SendAsync(user, email, "Mail_PasswordReset", OnPublicAddress(resetLink));

    /// <summary>
    /// Identity builds links from the request's Host header, which the caller chooses: a link mailed to a person
    /// must point at <c>App:PublicBaseUrl</c>, never at a host an attacker put in the request.
    /// </summary>
    private string OnPublicAddress(string htmlEncodedLink)
    {
        var link = WebUtility.HtmlDecode(htmlEncodedLink);
        return Uri.TryCreate(link, UriKind.Absolute, out var uri) ? urls.Base + uri.PathAndQuery : link;
    }

    public Task SendPasswordResetCodeAsync(EventsUser user, string email, string resetCode) =>
        SendAsync(user, email, "Mail_PasswordReset", resetCode);

    internal async Task SendAsync(EventsUser user, string email, string text, string linkOrCode)
    {
        // The language the person is using right now (the page, or the API call's Accept-Language) — a self-registered
        // account has not chosen one yet; else the one saved on the account.
        var current = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var language = Localization.Strings.SupportedCultures.Contains(current) ? current : user.Language;
        var message = PlainMail.Compose(settings.From, user.FullName, email, language, Texts.Get(text + "_Subject", language),
            Texts.Get(text + "_Text", language, user.FullName, linkOrCode), clock.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync();
        Outbox.Enqueue(db, message, text["Mail_".Length..], null, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
        signal.Notify();
    }
}

/// <summary>"My events" asks for a confirmation link when the account's address is not confirmed yet.</summary>
public sealed class EmailConfirmation(UserManager<EventsUser> users, AccountMail mail, PublicUrls urls)
{
    /// <summary>A fresh confirmation link for a signed-in person whose address is not confirmed yet (nothing when it is).</summary>
    public async Task SendConfirmationAsync(string userId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(userId);
        if (user?.Email is null || user.EmailConfirmed) return;
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        await mail.SendAsync(user, user.Email, "Mail_ConfirmEmail",
            $"{urls.Base}/api/v1/identity/confirmEmail?userId={Uri.EscapeDataString(user.Id)}&code={Uri.EscapeDataString(code)}");
    }
}
