using Microsoft.Playwright;

namespace Events.E2E;

/// <summary>One app process and Debian's Chromium (never Playwright's download) shared by the browser tests.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public AppProcess App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright? _playwright;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is required for the E2E tests at {ChromiumPath} (apt-get install -y chromium).");
        // Every test registers from 127.0.0.1: the per-client limit is a test of its own (API tests), not of these.
        // Self-registration on: "my events" is tried as a person who opens their own account would.
        App = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["RateLimiting__Registrations__PermitPerMinute"] = "0",
            ["Identity__AllowSelfRegistration"] = "true",
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
    }

    /// <summary>Debian's Chromium, headless, as every browser test runs it.</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
    });

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the login page (the administrator unless told otherwise) and waits for where it lands.</summary>
    public static async Task SignInAsync(IPage page, string email = AppProcess.AdminEmail, string password = AppProcess.AdminPassword,
        string landing = "**/admin")
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(landing);
    }

    /// <summary>Back-office pages act only after the circuit connects; the layout marks that moment.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive=true]").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
