using Bunit;
using Events.Core.Registration;
using Events.Web.Components.Pages.Registration;
using Events.Web.Components.Shared;
using Events.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace Events.Web.Tests.Pages.Registration;

public class QuestionsEditorTests(EventsWebFactory app) : MudComponentTest(app, "ru"), IClassFixture<EventsWebFactory>
{
    private IRenderedComponent<QuestionsEditor> EditorOf(List<QuestionsEditor.QuestionForm> questions, FieldErrors? errors = null) =>
        Render<QuestionsEditor>(p => p.Add(x => x.Questions, questions).Add(x => x.Errors, errors ?? new FieldErrors()));

    [Fact]
    public void Empty_SaysSo_AddMakesAQuestion()
    {
        var questions = new List<QuestionsEditor.QuestionForm>();
        var cut = EditorOf(questions);
        Assert.Equal("Дополнительных вопросов нет.", cut.Find("[data-testid=questions-empty]").TextContent);

        cut.Find("[data-testid=questions-add]").Click();

        Assert.Single(questions);
        Assert.Single(cut.FindAll("[data-testid=question-form]"));
        Assert.Empty(cut.FindAll("[data-testid=questions-empty]"));
    }

    [Fact]
    public void Choice_ShowsOptionsAndTheirTranslations_TextDoesNot_MovesReorder()
    {
        var questions = new List<QuestionsEditor.QuestionForm>
        {
            new() { Prompt = "Тармак", Kind = QuestionKind.Choice, OptionsText = "Курулуш\nМедицина", OptionsRuText = "Строительство\nМедицина" },
            new() { Prompt = "Суроо", Kind = QuestionKind.Text },
        };
        var cut = EditorOf(questions);
        Assert.Single(cut.FindAll("[data-testid=question-options-0]"));
        Assert.Empty(cut.FindAll("[data-testid=question-options-1]"));
        Assert.Contains("Варианты на русском", cut.Markup);

        cut.FindAll("button[aria-label='Переместить ниже']")[0].Click();

        Assert.Equal(["Суроо", "Тармак"], questions.Select(q => q.Prompt));
        var saved = questions[1].ToQuestion();
        Assert.Equal(["Курулуш", "Медицина"], saved.Options);
        Assert.Equal(["Строительство", "Медицина"], saved.OptionsRu);
        Assert.Empty(saved.OptionsEn);
    }

    [Fact]
    public async Task RemovingASavedQuestion_AsksFirst()
    {
        var provider = Render<MudDialogProvider>();
        var questions = new List<QuestionsEditor.QuestionForm> { new() { Id = "q12345678", Prompt = "Сохранённый" }, new() { Prompt = "Новый" } };
        var cut = EditorOf(questions);

        // A new question goes at once; a saved one only after confirmation.
        cut.FindAll("button[aria-label='Удалить вопрос']")[1].Click();
        Assert.Single(questions);
        cut.Find("button[aria-label='Удалить вопрос']").Click();
        provider.WaitForAssertion(() => Assert.Contains("ответы на него исчезнут", provider.Markup));
        Assert.Single(questions);
        await provider.FindAll("button").First(b => b.TextContent.Contains("Удалить", StringComparison.OrdinalIgnoreCase)).ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Empty(questions));
    }

    [Fact]
    public void FieldErrors_ShownAtTheirQuestion()
    {
        var errors = new FieldErrors();
        errors.Set([new Events.Core.Common.FieldError("questions[0].options", "Validation_ChoiceOptions")], Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Events.Core.Localization.Strings>>());
        var cut = EditorOf([new() { Prompt = "Тармак", Kind = QuestionKind.Choice, OptionsText = "A" }], errors);
        Assert.Contains("Укажите не меньше двух вариантов.", cut.Markup);
    }
}
