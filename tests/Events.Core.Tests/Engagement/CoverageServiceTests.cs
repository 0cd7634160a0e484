using Events.Core.Common;
using Events.Core.Engagement;
using Events.Core.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Events.Core.Tests.Engagement;

/// <summary>Coverage records: validation, listing and deleting, and only the event's organization.</summary>
public class CoverageServiceTests
{
    [Fact]
    public async Task Add_ValidRecords_ListedNewestFirst_Deleted()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await EngagementScenario.CreateAsync(db);

        var whatsApp = await s.Coverage.AddAsync(s.Organizer, s.Event.Id, new CoverageInput(CoverageChannel.WhatsApp, 40, 1000, " https://chat.whatsapp.com/x "));
        db.Clock.Advance(TimeSpan.FromMinutes(1));
        var news = await s.Coverage.AddAsync(s.Colleague, s.Event.Id, new CoverageInput(CoverageChannel.NewsMedia, 0, null, "http://24.kg/article"));

        Assert.Equal((CoverageChannel.WhatsApp, 40, 1000L, "https://chat.whatsapp.com/x"), (whatsApp.Channel, whatsApp.Reposts, whatsApp.Views, whatsApp.Url));
        Assert.Equal((s.Organizer.UserId, "Айгүл Уюштуруучу"), (whatsApp.RecordedBy, whatsApp.RecordedByName));
        Assert.Null(news.Views);
        Assert.Equal([news.Id, whatsApp.Id], (await s.Coverage.ListAsync(s.Organizer, s.Event.Id)).Select(c => c.Id));

        await s.Coverage.DeleteAsync(s.Organizer, whatsApp.Id);
        Assert.Equal([news.Id], (await s.Coverage.ListAsync(s.Organizer, s.Event.Id)).Select(c => c.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => s.Coverage.DeleteAsync(s.Organizer, whatsApp.Id));
    }

    [Theory]
    [InlineData(null, 1, null, null, "channel", "Validation_Required")]
    [InlineData("99", 1, null, null, "channel", "Validation_UnknownValue")]
    [InlineData("Facebook", null, null, null, "reposts", "Validation_Required")]
    [InlineData("Facebook", -1, null, null, "reposts", "Validation_NotNegative")]
    [InlineData("Facebook", 1, -5L, null, "views", "Validation_NotNegative")]
    [InlineData("Facebook", 1, 5L, "ftp://example.kg/file", "url", "Validation_Url")]
    [InlineData("Facebook", 1, 5L, "facebook.com/post", "url", "Validation_Url")]
    [InlineData("Facebook", 1, 5L, "long", "url", "Validation_Url")]
    public async Task Add_InvalidInput_400OnTheField_NothingStored(string? channel, int? reposts, long? views, string? url, string field, string key)
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await EngagementScenario.CreateAsync(db);
        var input = new CoverageInput(channel is null ? null : Enum.Parse<CoverageChannel>(channel), reposts, views,
            url == "long" ? "https://example.kg/" + new string('a', 2000) : url);

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => s.Coverage.AddAsync(s.Organizer, s.Event.Id, input));

        Assert.Equal((field, key), (e.Errors.Single().Field, e.Errors.Single().Key));
        Assert.Equal(0, await s.QueryAsync(c => c.Coverage.CountAsync()));
    }

    [Fact]
    public async Task Add_ZeroRepostsAndViews_Accepted()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await EngagementScenario.CreateAsync(db);

        var row = await s.Coverage.AddAsync(s.Organizer, s.Event.Id, new CoverageInput(CoverageChannel.Odnoklassniki, 0, 0));

        Assert.Equal((0, 0L), (row.Reposts, row.Views));
    }

    [Fact]
    public async Task Add_DraftEvent_422_UnknownEvent_404()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await EngagementScenario.CreateAsync(db);
        var draft = await s.DraftAsync();

        var e = await Assert.ThrowsAsync<RuleViolationException>(() => s.Coverage.AddAsync(s.Organizer, draft.Id, new CoverageInput(CoverageChannel.YouTube, 3)));
        Assert.Equal("Rule_EventNotPublished", e.Key);
        await Assert.ThrowsAsync<NotFoundException>(() => s.Coverage.AddAsync(s.Organizer, 999_999, new CoverageInput(CoverageChannel.YouTube, 3)));
    }

    [Fact]
    public async Task OrganizerOfAnotherOrganization_AddListDelete403_NothingChanged()
    {
        await using var db = await TestDatabase.CreateAsync();
        var s = await EngagementScenario.CreateAsync(db);
        var record = await s.Coverage.AddAsync(s.Organizer, s.Event.Id, new CoverageInput(CoverageChannel.Telegram, 7, 300));

        await Assert.ThrowsAsync<ForbiddenException>(() => s.Coverage.AddAsync(s.Outsider, s.Event.Id, new CoverageInput(CoverageChannel.Telegram, 1000)));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Coverage.ListAsync(s.Outsider, s.Event.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Coverage.DeleteAsync(s.Outsider, record.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => s.Coverage.DeleteAsync(TestActors.Stranger, record.Id));

        var rows = await s.QueryAsync(c => c.Coverage.AsNoTracking().ToListAsync());
        Assert.Equal((record.Id, 7), (rows.Single().Id, rows.Single().Reposts));
    }
}
