using Events.Core.Data;
using Events.Web;

// A bad setting stops the app with one line that names it, not with a stack trace.
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddEventsWeb();

    var app = builder.Build();
    await app.PrepareDatabaseAsync();
    app.UseEventsWeb();
    app.MapEventsEndpoints();
    await app.RunAsync();
    return 0;
}
catch (StartupConfigurationException e)
{
    Console.Error.WriteLine($"Events cannot start: {e.Message}");
    return 1;
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
