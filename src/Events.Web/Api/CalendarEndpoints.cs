using Events.Core.Calendar;
using Events.Core.Common;
using Events.Core.Scheduling;

namespace Events.Web.Api;

public static class CalendarEndpoints
{
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string FeedCachePolicy = "feeds";

    public static void MapCalendarEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/sessions/{id:int}/calendar.ics", async (int id, Catalogue catalogue, HttpRequest request, TimeProvider clock, CancellationToken ct) =>
        {
            var entry = await catalogue.SessionFeedAsync(id, ApiContext.Culture, request.BaseUrl(), ct) ?? throw new NotFoundException("session");
            var ics = CalendarFeed.Publish([entry], entry.Summary, clock);
            return Results.Text(ics, ContentType);
        }).WithTags("Calendar").WithSummary("One session as iCalendar (METHOD:PUBLISH, VTIMEZONE, stable UID, no join link).");

        api.MapGet("/calendar.ics", async (int? organizationId, EventKind? kind, Catalogue catalogue, ApiProblems text, HttpRequest request,
            TimeProvider clock, CancellationToken ct) =>
        {
            var entries = await catalogue.FeedAsync(organizationId, kind, ApiContext.Culture, request.BaseUrl(), ct);
            var ics = CalendarFeed.Publish(entries, text.Text("App_Name"), clock);
            return Results.Text(ics, ContentType);
        }).CacheOutput(FeedCachePolicy).WithTags("Calendar")
          .WithSummary("Subscribable feed (cached for 60 s) (webcal://…/api/v1/calendar.ics) of published, not cancelled sessions ending after now − 30 days.");
    }
}
