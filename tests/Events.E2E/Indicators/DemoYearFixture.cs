using Microsoft.Playwright;

namespace Events.E2E.Indicators;

/// <summary>
/// One app process with the demo year (its analyst signs in with <see cref="DemoPassword"/>) and Chromium, shared by the
/// indicator flows: they only read, and the demo takes the longest of all apps to seed.
/// </summary>
public sealed class DemoYearFixture : IAsyncLifetime
{
    public const string DemoPassword = "Demo-E2E-2026!";
    public const string Analyst = "analyst@demo.events.kg";

    public AppProcess App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright? _playwright;

    public async Task InitializeAsync()
    {
        App = await AppProcess.StartAsync(new Dictionary<string, string> { ["Seed__Demo"] = "true", ["Seed__DemoPassword"] = DemoPassword });
        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class DemoYearCollection : ICollectionFixture<DemoYearFixture>
{
    public const string Name = "demo year";
}
