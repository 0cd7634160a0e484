using System.Globalization;
using Bunit;
using Events.Core.Common;
using Events.Core.Contests;
using Events.Core.People;
using Events.Web.Components.Pages.Contests;
using Events.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Events.Web.Tests.Pages.Contests;

/// <summary>The juror's scoring page over the real services and database (Russian UI): what a juror sees and what a click stores.</summary>
public class ScoringPageTests(EventsWebFactory app) : MudComponentTest(app, "ru"), IClassFixture<EventsWebFactory>
{
    private readonly EventsWebFactory _app = app;

    private Task<ContestPageData> ContestAsync(bool blind = false, IReadOnlyList<string>? categories = null) =>
        ContestPageData.CreateAsync(_app, blind, categories);

    private IRenderedComponent<ScoringPage> Page(Actor juror, Round round, int entryId)
    {
        ContestPageData.SignIn(this, juror, Roles.Juror);
        return Render<ScoringPage>(p => p.Add(x => x.RoundId, round.Id).Add(x => x.EntryId, entryId));
    }

    private static void WaitLoaded(IRenderedComponent<ScoringPage> cut) => cut.WaitForElement("[data-testid=sheet-entry-title]");

    private static string Total(double value) => value.ToString("0.0", CultureInfo.CurrentCulture);

    private string Uri => Services.GetRequiredService<NavigationManager>().Uri;

    [Fact]
    public async Task Blind_ShowsTheEntry_NeverTheEntrant_FilesByNumber()
    {
        var data = await ContestAsync(blind: true, categories: ["Стартаптар"]);
        var u = ContestPageData.Unique();
        var (name, email, organization) = ($"Айбек Асанов {u}", $"aibek.asanov.{u}@example.kg", $"Ала-Тоо Медиа {u}");
        var entry = await data.SubmitAsync("Жашыл шаар", "Бишкектин абасын тазалоо боюнча долбоор.", name, email, organization, "Стартаптар",
            files: [new UploadedFile("Aibek-CV.pdf", ContestPageData.Pdf())]);
        var round = await data.RoundAsync();
        var juror = await data.JurorAsync();
        await data.AssignAsync(round, juror, entry.Entry.Id);

        var cut = Page(juror, round, entry.Entry.Id);
        WaitLoaded(cut);

        Assert.Equal("Жашыл шаар", cut.Find("[data-testid=sheet-entry-title]").TextContent.Trim());
        Assert.Contains("Бишкектин абасын тазалоо боюнча долбоор.", cut.Find("[data-testid=sheet-entry]").TextContent);
        Assert.Contains("Стартаптар", cut.Find("[data-testid=sheet-entry]").TextContent);
        Assert.Equal("Слепое оценивание: имя и контакты участника скрыты.", cut.Find("[data-testid=sheet-blind]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=sheet-entrant]"));
        foreach (var secret in new[] { "Айбек", "Асанов", u, email, "aibek", "Ала-Тоо", "Aibek-CV", "CV.pdf" })
            Assert.DoesNotContain(secret, cut.Markup, StringComparison.OrdinalIgnoreCase);
        var files = cut.FindAll("[data-testid=sheet-files] li a");
        var file = Assert.Single(files);
        Assert.Equal("attachment-1.pdf", file.TextContent.Trim());
        await using var db = data.Db();
        var attachmentId = await db.EntryAttachments.Where(a => a.EntryId == entry.Entry.Id).Select(a => a.Id).SingleAsync();
        Assert.Equal($"/api/v1/attachments/{attachmentId}", file.GetAttribute("href"));
    }

    [Fact]
    public async Task Open_NoCategoriesNoFiles_ShowsTheEntrantAndTheRubric()
    {
        var data = await ContestAsync();
        var u = ContestPageData.Unique();
        var entry = await data.SubmitAsync("Таза суу", "Айылдарга таза суу жеткирүү.", $"Гүлнара Бекова {u}", organization: $"Суу Фонду {u}");
        var round = await data.RoundAsync();
        var juror = await data.JurorAsync();
        await data.AssignAsync(round, juror, entry.Entry.Id);

        var cut = Page(juror, round, entry.Entry.Id);
        WaitLoaded(cut);

        Assert.Equal($"Гүлнара Бекова {u} · Суу Фонду {u}", cut.Find("[data-testid=sheet-entrant]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=sheet-blind]"));
        Assert.Empty(cut.FindAll("[data-testid=sheet-files]"));
        Assert.Empty(cut.FindAll("[data-testid=sheet-entry] .mud-chip")); // no category
        Assert.Contains("Айылдарга таза суу жеткирүү.", cut.Find("[data-testid=sheet-entry]").TextContent);
        Assert.Equal("Заявка 1 из 1", cut.Find("[data-testid=sheet-position]").TextContent.Trim());
        var criteria = cut.FindAll("[data-testid=criterion]");
        Assert.Equal(2, criteria.Count);
        Assert.Contains("Идея", criteria[0].TextContent);
        Assert.Contains("Влияние", criteria[1].TextContent);
        Assert.All(cut.FindAll("[data-testid=score-input]"), i => Assert.Equal("", i.GetAttribute("value")));
        Assert.Equal($"Итог: {Total(0)} / 100", cut.Find("[data-testid=sheet-total]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=sheet-final]"));
        Assert.Empty(cut.FindAll("[data-testid=sheet-others]")); // SeeOtherScores.Never
    }

    [Fact]
    public async Task Scores_TotalUpdatesLive_MarkFinal_StoresAFinalSheet()
    {
        var data = await ContestAsync();
        var entry = await data.SubmitAsync();
        var round = await data.RoundAsync();
        var juror = await data.JurorAsync();
        await data.AssignAsync(round, juror, entry.Entry.Id);
        var cut = Page(juror, round, entry.Entry.Id);
        WaitLoaded(cut);
        string TotalText() => cut.Find("[data-testid=sheet-total]").TextContent.Trim();

        // T = 100·Σ w·(s/max)/Σ w with Идея (w 1, max 10) and Влияние (w 3, max 5).
        cut.FindAll("[data-testid=score-input]")[0].Change("7");
        Assert.Equal($"Итог: {Total(17.5)} / 100", TotalText()); // 100·(1·0.7)/4
        cut.FindAll("[data-testid=score-input]")[1].Change("3");
        Assert.Equal($"Итог: {Total(62.5)} / 100", TotalText()); // 100·(0.7 + 3·0.6)/4
        cut.FindAll("input[type=range]")[1].Input("4.5");
        Assert.Equal($"Итог: {Total(85)} / 100", TotalText()); // 100·(0.7 + 3·0.9)/4
        cut.FindAll("[data-testid=score-input]")[1].Change("3");
        Assert.Equal($"Итог: {Total(62.5)} / 100", TotalText());
        Assert.Null(await data.SheetAsync(juror, round, entry.Entry.Id)); // nothing saved while typing

        await cut.Find("[data-testid=sheet-save-final]").ClickAsync(new());

        cut.WaitForElement("[data-testid=sheet-final]");
        var sheet = await data.SheetAsync(juror, round, entry.Entry.Id);
        Assert.NotNull(sheet);
        Assert.True(sheet!.IsFinal);
        Assert.Equal(new Dictionary<int, double> { [round.Criteria[0].Id] = 7, [round.Criteria[1].Id] = 3 }, sheet.Scores);
        var listed = Assert.Single(await data.MyEntriesAsync(juror, round));
        Assert.True(listed.IsFinal);
        Assert.Equal(62.5, listed.Total!.Value, 9);
        Assert.Equal("итоговая", cut.Find("[data-testid=sheet-final]").TextContent.Trim());
        Assert.Equal($"Итог: {Total(62.5)} / 100", TotalText());
        Assert.Empty(cut.FindAll("[data-testid=sheet-problem]"));
    }

    [Fact]
    public async Task ScoreAboveMax_LocalizedFieldError_NothingStored()
    {
        var data = await ContestAsync();
        var entry = await data.SubmitAsync();
        var round = await data.RoundAsync();
        var juror = await data.JurorAsync();
        await data.AssignAsync(round, juror, entry.Entry.Id);
        var cut = Page(juror, round, entry.Entry.Id);
        WaitLoaded(cut);

        cut.FindAll("[data-testid=score-input]")[0].Change("11"); // Идея is out of 10
        cut.FindAll("[data-testid=score-input]")[1].Change("3");
        await cut.Find("[data-testid=sheet-save-final]").ClickAsync(new());

        var error = cut.WaitForElement($".field-error[data-field='scores.{round.Criteria[0].Id}']");
        Assert.Equal("Балл по критерию «Идея» должен быть от 0 до 10.", error.TextContent.Trim());
        Assert.Single(cut.FindAll(".field-error"));
        Assert.Empty(cut.FindAll("[data-testid=sheet-final]"));
        Assert.Null(await data.SheetAsync(juror, round, entry.Entry.Id));

        // A draft is checked the same way.
        await cut.Find("[data-testid=sheet-save-draft]").ClickAsync(new());
        cut.WaitForElement($".field-error[data-field='scores.{round.Criteria[0].Id}']");
        Assert.Null(await data.SheetAsync(juror, round, entry.Entry.Id));
    }

    [Fact]
    public async Task SaveAndNext_GoesToTheNextUnfinishedEntry_ThenHome()
    {
        var data = await ContestAsync();
        var a = await data.SubmitAsync();
        var b = await data.SubmitAsync();
        var c = await data.SubmitAsync();
        var round = await data.RoundAsync();
        var juror = await data.JurorAsync();
        await data.AssignAsync(round, juror, a.Entry.Id, b.Entry.Id, c.Entry.Id);
        await data.ScoreAsync(juror, round, b.Entry.Id, final: true, null, 5, 5); // b is done: the next unfinished after a is c

        var cut = Page(juror, round, a.Entry.Id);
        WaitLoaded(cut);
        Assert.Equal("Заявка 1 из 3", cut.Find("[data-testid=sheet-position]").TextContent.Trim());
        cut.FindAll("[data-testid=score-input]")[0].Change("8");
        cut.FindAll("[data-testid=score-input]")[1].Change("4");
        await cut.Find("[data-testid=sheet-save-next]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal($"http://localhost/jury/rounds/{round.Id}/entries/{c.Entry.Id}", Uri));
        Assert.True((await data.SheetAsync(juror, round, a.Entry.Id))?.IsFinal);

        // On the last unfinished entry, "save and next" ends at the jury's home page.
        var last = Render<ScoringPage>(p => p.Add(x => x.RoundId, round.Id).Add(x => x.EntryId, c.Entry.Id));
        WaitLoaded(last);
        Assert.Equal("Заявка 3 из 3", last.Find("[data-testid=sheet-position]").TextContent.Trim());
        last.FindAll("[data-testid=score-input]")[0].Change("1");
        last.FindAll("[data-testid=score-input]")[1].Change("1");
        await last.Find("[data-testid=sheet-save-next]").ClickAsync(new());
        last.WaitForAssertion(() => Assert.Equal("http://localhost/jury", Uri));
        Assert.True((await data.SheetAsync(juror, round, c.Entry.Id))?.IsFinal);
    }

    [Fact]
    public async Task RoundClosed_InputsDisabled_LockedNotice_NoSaveButtons()
    {
        var data = await ContestAsync();
        var entry = await data.SubmitAsync();
        var round = await data.RoundAsync();
        var juror = await data.JurorAsync();
        await data.AssignAsync(round, juror, entry.Entry.Id);
        await data.ScoreAsync(juror, round, entry.Entry.Id, final: false, "черновик", 6, 2);
        await data.CloseAsync(round);

        var cut = Page(juror, round, entry.Entry.Id);
        WaitLoaded(cut);

        Assert.Equal("Тур закрыт: баллы зафиксированы.", cut.Find("[data-testid=sheet-locked]").TextContent.Trim());
        var inputs = cut.FindAll("[data-testid=criterion] input");
        Assert.Equal(4, inputs.Count); // a range and a number per criterion
        Assert.All(inputs, i => Assert.True(i.HasAttribute("disabled"), i.OuterHtml));
        Assert.True(cut.Find("[data-testid=sheet-form] textarea").HasAttribute("disabled"));
        Assert.Equal("6", cut.FindAll("[data-testid=score-input]")[0].GetAttribute("value")); // the draft's scores stay visible
        foreach (var button in new[] { "sheet-save-draft", "sheet-save-final", "sheet-save-next" })
            Assert.Empty(cut.FindAll($"[data-testid={button}]"));
    }

    [Fact]
    public async Task NotAssigned_NotYours_NothingOfTheEntry()
    {
        var data = await ContestAsync();
        var mine = await data.SubmitAsync();
        var other = await data.SubmitAsync("Чужой проект", "Сведения, которых калыс не должен видеть.");
        var round = await data.RoundAsync();
        var juror = await data.JurorAsync();
        var colleague = await data.JurorAsync();
        await data.AssignAsync(round, juror, mine.Entry.Id);
        await data.AssignAsync(round, colleague, other.Entry.Id);

        var cut = Page(juror, round, other.Entry.Id);

        var denied = cut.WaitForElement("[data-testid=sheet-denied]");
        Assert.Equal("Эта заявка вам не назначена или по ней отмечен конфликт интересов.", denied.TextContent.Trim());
        AssertNothingOf(cut, other.Entry);
    }

    [Fact]
    public async Task ConflictDeclaredOnThePage_LeavesForJury_EntryThenDenied()
    {
        var data = await ContestAsync();
        var entry = await data.SubmitAsync("Мой родственник", "Проект, где у калыса конфликт.");
        var round = await data.RoundAsync();
        var juror = await data.JurorAsync();
        await data.AssignAsync(round, juror, entry.Entry.Id);
        var cut = Page(juror, round, entry.Entry.Id);
        WaitLoaded(cut);

        cut.Find(".mud-expand-panel-header").Click();
        cut.WaitForElement("[data-testid=sheet-conflict]");
        cut.Find(".mud-expand-panel input").Change("Автор — мой брат");
        await cut.Find("[data-testid=sheet-conflict]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("http://localhost/jury", Uri));
        await using (var db = data.Db())
        {
            var conflict = await db.Conflicts.SingleAsync(c => c.JurorId == juror.UserId && c.EntryId == entry.Entry.Id);
            Assert.Equal("Автор — мой брат", conflict.Reason);
            Assert.Equal(ConflictSource.Juror, conflict.Source);
        }

        var again = Render<ScoringPage>(p => p.Add(x => x.RoundId, round.Id).Add(x => x.EntryId, entry.Entry.Id));
        again.WaitForElement("[data-testid=sheet-denied]");
        AssertNothingOf(again, entry.Entry);
    }

    [Fact]
    public async Task Conflicted_EvenWithTheAssignmentStillThere_NotYours()
    {
        // ContestAccess is the one filter: a standing conflict hides the entry even if an assignment row survived.
        var data = await ContestAsync();
        var entry = await data.SubmitAsync("Скрытый проект", "Текст, которого не видно при конфликте.");
        var round = await data.RoundAsync();
        var juror = await data.JurorAsync();
        await data.AssignAsync(round, juror, entry.Entry.Id);
        await using (var db = data.Db())
        {
            db.Conflicts.Add(new Conflict
            {
                ContestId = data.Contest.Id, JurorId = juror.UserId, EntryId = entry.Entry.Id, Reason = "organization", Source = ConflictSource.Suggested,
                DeclaredBy = "system", DeclaredUtc = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            Assert.True(await db.Assignments.AnyAsync(a => a.JurorId == juror.UserId && a.EntryId == entry.Entry.Id));
        }

        var cut = Page(juror, round, entry.Entry.Id);

        cut.WaitForElement("[data-testid=sheet-denied]");
        AssertNothingOf(cut, entry.Entry);
    }

    private static void AssertNothingOf(IRenderedComponent<ScoringPage> cut, ContestEntry entry)
    {
        Assert.Empty(cut.FindAll("[data-testid=sheet-entry]"));
        Assert.Empty(cut.FindAll("[data-testid=sheet-form]"));
        Assert.DoesNotContain(entry.Title, cut.Markup);
        Assert.DoesNotContain(entry.Summary, cut.Markup);
        Assert.DoesNotContain(entry.EntrantName, cut.Markup);
    }

    [Fact]
    public async Task OthersAfterOwn_HiddenUntilOwnIsFinal_DraftsNeverShown()
    {
        var data = await ContestAsync();
        var entry = await data.SubmitAsync();
        var round = await data.RoundAsync(see: SeeOtherScores.AfterOwn);
        var (me, finalist, drafter) = (await data.JurorAsync(), await data.JurorAsync(), await data.JurorAsync());
        foreach (var j in new[] { me, finalist, drafter }) await data.AssignAsync(round, j, entry.Entry.Id);
        await data.ScoreAsync(finalist, round, entry.Entry.Id, final: true, "Сильная заявка", 4, 2); // 100·(0.4 + 3·0.4)/4 = 40
        await data.ScoreAsync(drafter, round, entry.Entry.Id, final: false, "Черновик коллеги", 10, 5);
        await data.ScoreAsync(me, round, entry.Entry.Id, final: false, null, 9, 1);

        var cut = Page(me, round, entry.Entry.Id);
        WaitLoaded(cut);
        Assert.Empty(cut.FindAll("[data-testid=sheet-others]")); // my own sheet is only a draft
        Assert.DoesNotContain("Сильная заявка", cut.Markup);
        Assert.DoesNotContain("Черновик коллеги", cut.Markup);

        await cut.Find("[data-testid=sheet-save-final]").ClickAsync(new());

        var others = cut.WaitForElement("[data-testid=sheet-others]");
        Assert.Contains($"Член жюри 1: {Total(40)} — Сильная заявка", others.TextContent);
        Assert.DoesNotContain("Член жюри 2", others.TextContent);
        Assert.DoesNotContain("Черновик коллеги", cut.Markup);
        Assert.DoesNotContain(Total(100), others.TextContent); // the draft's total
        Assert.True((await data.SheetAsync(me, round, entry.Entry.Id))?.IsFinal);
        // Having seen the others, the juror can no longer change the final sheet: no save buttons, the inputs disabled, the reason shown.
        Assert.Empty(cut.FindAll("[data-testid=sheet-save-final]"));
        Assert.All(cut.FindAll("[data-testid=score-input]"), i => Assert.True(i.HasAttribute("disabled")));
        Assert.Contains("Итоговая оценка выставлена", cut.Find("[data-testid=sheet-locked]").TextContent);
    }
}
