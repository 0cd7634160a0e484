using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace Events.Web.Tests.Infrastructure;

/// <summary>
/// bUnit with MudBlazor, the app's real services (over a real SQLite database) behind the test's
/// own, and a chosen UI language.
/// </summary>
public abstract class MudComponentTest : BunitContext
{
    private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

    protected MudComponentTest(EventsWebFactory app, string culture)
    {
        _ = app.Server; // starts the host: migrations and reference data
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddFallbackServiceProvider(app.Services.CreateScope().ServiceProvider);
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
    }

    // MudBlazor registers services that only dispose asynchronously; bUnit's synchronous Dispose would throw.
    protected override void Dispose(bool disposing)
    {
        CultureInfo.CurrentUICulture = _previous;
        if (disposing) DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
