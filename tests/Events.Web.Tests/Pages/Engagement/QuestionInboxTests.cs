using Bunit;
using Events.Core.Common;
using Events.Core.Data;
using Events.Core.Engagement;
using Events.Core.Organizations;
using Events.Core.People;
using Events.Core.Scheduling;
using Events.Web.Components.Pages.Engagement;
using Events.Web.Tests.Infrastructure;
using Events.Web.Tests.Pages.Contests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Events.Web.Tests.Pages.Engagement;

/// <summary>The organizers' inbox (English UI) over the real services and database; each test has its own organization.</summary>
public class QuestionInboxTests(EventsWebFactory app) : MudComponentTest(app, "en"), IClassFixture<EventsWebFactory>
{
    private readonly EventsWebFactory _app = app;

    private sealed record Data(Actor Organizer, Actor Colleague, int EventId, string Title);

    private async Task<T> UseAsync<TService, T>(Func<TService, Task<T>> call) where TService : notnull
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private EventsDbContext Db() => _app.Services.GetRequiredService<IDbContextFactory<EventsDbContext>>().CreateDbContext();

    /// <summary>A new organization with two organizers and a published webinar tomorrow.</summary>
    private async Task<Data> ArrangeAsync()
    {
        _ = _app.Server;
        string adminId;
        await using (var db = Db()) adminId = await db.Users.Where(u => u.Email == EventsWebFactory.AdminEmail).Select(u => u.Id).SingleAsync();
        var admin = new Actor(adminId, IsAdministrator: true, "Admin");
        var u = ContestPageData.Unique();
        var org = await UseAsync<OrganizationService, Organization>(o => o.CreateAsync(admin,
            new OrganizationInput($"Элчилик {u}", OrganizationKind.Embassy, "RU", "Europe/Moscow")));
        async Task<Actor> OrganizerAsync(string name)
        {
            var id = await UseAsync<UserAdministration, string>(users => users.CreateAsync(admin,
                new NewUser($"{ContestPageData.Unique()}@org.test", name, ContestPageData.Password, [Roles.Organizer], [org.Id])));
            return new Actor(id, IsAdministrator: false, name);
        }
        var organizer = await OrganizerAsync("Айгүл Уюштуруучу");
        var colleague = await OrganizerAsync("Бакыт Кесиптеш");
        var tomorrow = DateTime.UtcNow.AddDays(1);
        var title = $"Вебинар {u}";
        var e = await UseAsync<SchedulingService, Event>(async scheduling =>
        {
            var created = await scheduling.CreateEventAsync(organizer, new EventDraft(org.Id, EventKind.Webinar, title,
                Sessions: [new SessionInput(null, new DateTime(tomorrow.Year, tomorrow.Month, tomorrow.Day, 15, 0, 0), "Europe/Moscow", 60, SessionMode.Online, "https://zoom.us/j/1")]));
            return await scheduling.PublishAsync(organizer, created.Id);
        });
        return new Data(organizer, colleague, e.Id, title);
    }

    private Task<Question> AskAsync(Data d, string text, string? email = null) =>
        UseAsync<QuestionService, Question>(q => q.AskAsync(d.EventId, new QuestionInput(text, "Гүлнара", email, "ru"), "ru"));

    private IRenderedComponent<QuestionInbox> Page(Actor organizer)
    {
        ContestPageData.SignIn(this, organizer, Roles.Organizer);
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        return Render<QuestionInbox>();
    }

    private static string[] Texts(IRenderedComponent<QuestionInbox> cut) =>
        cut.FindAll("[data-testid=inbox-text]").Select(t => t.TextContent.Trim()).ToArray();

    /// <summary>The input of a MudBlazor field (the test id may be on the input itself or on its wrapper).</summary>
    private static AngleSharp.Dom.IElement Field(IRenderedComponent<QuestionInbox> cut, string testId)
    {
        var e = cut.Find($"[data-testid={testId}]");
        return e.TagName is "INPUT" or "TEXTAREA" ? e : e.QuerySelector("input, textarea")!;
    }

    private static AngleSharp.Dom.IElement Switch(IRenderedComponent<QuestionInbox> cut) => Field(cut, "inbox-publish");

    private static void Filter(IRenderedComponent<QuestionInbox> cut, QuestionFilter filter) =>
        cut.InvokeAsync(() => cut.FindComponent<MudSelect<QuestionFilter>>().Instance.ValueChanged.InvokeAsync(filter)).GetAwaiter().GetResult();

    [Fact]
    public async Task Inbox_UnansweredByDefault_FilterShowsTheOthers_OnlyTheOrganizationsQuestions()
    {
        var d = await ArrangeAsync();
        var other = await ArrangeAsync();
        await AskAsync(d, "Жазуу болобу?");
        var answered = await AskAsync(d, "Кайсы тилде?");
        await AskAsync(other, "Башка уюмдун суроосу");
        await UseAsync<QuestionService, QuestionRow>(q => q.AnswerAsync(d.Organizer, answered.Id, "Кыргызча жана орусча."));

        var cut = Page(d.Organizer);

        cut.WaitForAssertion(() => Assert.Equal(["Жазуу болобу?"], Texts(cut)));
        Assert.Equal("Awaiting an answer", cut.Find("[data-testid=inbox-state]").TextContent.Trim());
        Assert.Contains(d.Title, cut.Markup);
        Filter(cut, QuestionFilter.Answered);
        cut.WaitForAssertion(() => Assert.Equal(["Кайсы тилде?"], Texts(cut)));
        Filter(cut, QuestionFilter.All);
        cut.WaitForAssertion(() => Assert.Equal(["Жазуу болобу?", "Кайсы тилде?"], Texts(cut)));
        Assert.DoesNotContain("Башка уюмдун суроосу", cut.Markup);
    }

    [Fact]
    public async Task Answer_TypedAndSent_StoredAndMailed_PublishSwitchEnabled()
    {
        var d = await ArrangeAsync();
        var q = await AskAsync(d, "Кантип катталам?", $"{ContestPageData.Unique()}@example.kg");
        var cut = Page(d.Organizer);
        cut.WaitForAssertion(() => Assert.Single(Texts(cut)));
        Assert.NotNull(Switch(cut).GetAttribute("disabled"));
        Assert.Contains("The answer is emailed to the asker in their language.", cut.Markup);

        Field(cut, "inbox-answer").Input("Иш-чаранын бетиндеги форма аркылуу.");
        await cut.Find("[data-testid=inbox-send]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("Answered", cut.Find("[data-testid=inbox-state]").TextContent.Trim()));
        await using var db = Db();
        var stored = await db.Questions.AsNoTracking().SingleAsync(x => x.Id == q.Id);
        Assert.Equal(("Иш-чаранын бетиндеги форма аркылуу.", d.Organizer.UserId), (stored.AnswerText, stored.AnsweredBy));
        Assert.Equal(1, await db.Outbox.CountAsync(m => m.Kind == EngagementMail.AnswerKind && m.To == q.Email));
        Assert.Null(Switch(cut).GetAttribute("disabled"));
        Assert.Equal("Update the answer", cut.Find("[data-testid=inbox-send]").TextContent.Trim());
    }

    [Fact]
    public async Task Publish_AnsweredQuestion_ShownOnTheEventPage()
    {
        var d = await ArrangeAsync();
        var q = await AskAsync(d, "Жазуу болобу?");
        await UseAsync<QuestionService, QuestionRow>(s => s.AnswerAsync(d.Organizer, q.Id, "Ооба."));
        var cut = Page(d.Organizer);
        Filter(cut, QuestionFilter.All);
        cut.WaitForAssertion(() => Assert.Single(Texts(cut)));

        Switch(cut).Change(true);

        cut.WaitForAssertion(() => Assert.Contains("On the page", cut.Markup));
        var published = await UseAsync<QuestionService, IReadOnlyList<PublishedAnswer>>(s => s.PublishedAsync(d.EventId));
        Assert.Equal(("Жазуу болобу?", "Ооба."), (published.Single().Question, published.Single().Answer));
    }

    [Fact]
    public async Task Assign_ToAColleague_Saved_AssignedToMeFilterFindsIt()
    {
        var d = await ArrangeAsync();
        var q = await AskAsync(d, "Ким жооп берет?");
        var cut = Page(d.Organizer);
        cut.WaitForAssertion(() => Assert.Single(Texts(cut)));

        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync(d.Colleague.UserId));

        await using var db = Db();
        Assert.Equal(d.Colleague.UserId, (await db.Questions.AsNoTracking().SingleAsync(x => x.Id == q.Id)).AssignedToUserId);
        var mine = await UseAsync<QuestionService, Page<QuestionRow>>(s => s.InboxAsync(d.Colleague, QuestionFilter.AssignedToMe));
        Assert.Equal([q.Id], mine.Items.Select(x => x.Id));
    }

    [Fact]
    public async Task NoQuestions_EmptyState()
    {
        var d = await ArrangeAsync();

        var cut = Page(d.Organizer);

        var empty = cut.WaitForElement("[data-testid=inbox-empty]");
        Assert.Contains("No questions match this filter.", empty.TextContent);
        Filter(cut, QuestionFilter.All);
        cut.WaitForAssertion(() => Assert.Contains("No questions yet.", cut.Find("[data-testid=inbox-empty]").TextContent));
    }
}
