using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Events.E2E.Accessibility;
using Microsoft.Playwright;

namespace Events.E2E.Registration;

/// <summary>
/// A compatriot who registered without an account opens one later: "my events" waits for the address to be
/// confirmed by the link mailed to it, then shows the registration — in Russian here, on a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public class MyEventsTests(BrowserFixture browser)
{
    [Fact]
    public async Task SelfRegisteredAccount_ConfirmsByMailedLink_ThenSeesItsRegistration()
    {
        var email = $"self.{Guid.NewGuid():N}@example.kg";
        using var api = await AdminApi.SignInAsync(browser.App);
        var (_, sessionId) = await api.PublishAsync(new
        {
            organizationId = await api.FirstOrganizationAsync(), kind = "Webinar", title = $"Вебинар {Guid.NewGuid().ToString("N")[..6]}",
            sessions = new object[] { new { start = "2027-04-04T12:00", timeZone = "Asia/Bishkek", durationMinutes = 60, mode = "Online", joinUrl = "https://meet.example/w" } },
        });
        await api.RegisterAsync(sessionId, email, "Эльмира Жумабаева");
        using (var anonymous = new HttpClient { BaseAddress = new Uri(browser.App.BaseUrl) })
            (await anonymous.PostAsJsonAsync("/api/v1/identity/register", new { email, password = "Elmira-2026!" })).EnsureSuccessStatusCode();

        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/");
        await page.ClickAsync("[data-testid=lang-ru]");
        await page.WaitForURLAsync("**/");
        await BrowserFixture.SignInAsync(page, email, "Elmira-2026!", landing: "**/");
        await page.GotoAsync("/my/events");

        // Not confirmed yet: no registrations, an offer to send the link.
        await Assertions.Expect(page.Locator("[data-testid=my-unconfirmed]")).ToContainTextAsync("подтвердите");
        await Assertions.Expect(page.Locator("[data-testid=my-item]")).ToHaveCountAsync(0);
        await Axe.AssertAccessibleAsync(page);
        await page.ClickAsync("[data-testid=my-send-confirmation]");
        await Assertions.Expect(page.Locator("[data-testid=my-confirmation-sent]")).ToBeVisibleAsync();

        // The link from the mailbox (the pickup folder), as the person would open it.
        var link = await ConfirmationLinkAsync(email);
        await page.GotoAsync(new Uri(link).PathAndQuery);

        await page.WaitForURLAsync("**/my/events?confirmed=true");
        await Assertions.Expect(page.Locator("[data-testid=my-confirmed]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=my-item]")).ToHaveCountAsync(1);
        await Axe.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
    }

    /// <summary>The newest confirmation link mailed to the address (registration and the page's button each send one; either works).</summary>
    private async Task<string> ConfirmationLinkAsync(string email)
    {
        var folder = Path.Combine(browser.App.Folder, "mail");
        for (var i = 0; i < 100; i++)
        {
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml").OrderDescending().ToArray() : [])
            {
                var message = await MimeKit.MimeMessage.LoadAsync(file);
                if (message.To.Mailboxes.Any(m => m.Address == email) && Regex.Match(message.TextBody ?? "", @"http\S+confirmEmail\?\S+") is { Success: true } found)
                    return found.Value;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("No confirmation email reached the pickup folder.");
    }
}
