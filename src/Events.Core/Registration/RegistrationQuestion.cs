using System.Security.Cryptography;
using Events.Core.Common;

namespace Events.Core.Registration;

public enum QuestionKind { Text, LongText, Choice, YesNo }

/// <summary>
/// An extra question an organizer asks everyone who registers for one event ("Which region are you
/// from?", "Do you need a visa letter?"). Kept on the event as JSON: it is read with the event and
/// never queried on its own.
/// </summary>
public sealed class RegistrationQuestion
{
    public const int MaxCount = 20;
    public const int PromptMaxLength = 300;
    public const int MaxOptions = 30;
    public const int OptionMaxLength = 100;
    public const int AnswerMaxLength = 1000;
    public const string Yes = "yes";
    public const string No = "no";

    /// <summary>Short random id; answers refer to it, so a question keeps its answers when its wording changes.</summary>
    public string Id { get; set; } = NewId();
    public QuestionKind Kind { get; set; }
    public string Prompt { get; set; } = "";
    public string? PromptKy { get; set; }
    public string? PromptRu { get; set; }
    public string? PromptEn { get; set; }
    public bool Required { get; set; }

    /// <summary>A choice's options as the organizer wrote them; an answer stores one of these.</summary>
    public List<string> Options { get; set; } = [];

    /// <summary>Optional translations of the options, in the same order (empty = not translated).</summary>
    public List<string> OptionsKy { get; set; } = [];
    public List<string> OptionsRu { get; set; } = [];
    public List<string> OptionsEn { get; set; } = [];

    /// <summary>The options as shown to a reader of the language (values stay <see cref="Options"/>).</summary>
    public IReadOnlyList<string> LocalizedOptions(string culture) =>
        Localization.Translations.Pick(culture, OptionsKy, OptionsRu, OptionsEn) is { } list && list.Count == Options.Count ? list : Options;

    /// <summary>An answer as a reader of the language sees it: a chosen option translated, other answers as given.</summary>
    public string Display(string answer, string culture) =>
        Options.IndexOf(answer) is var i and >= 0 ? LocalizedOptions(culture)[i] : answer;

    public string LocalizedPrompt(string culture) => Localization.Translations.Pick(culture, PromptKy, PromptRu, PromptEn) ?? Prompt;

    public int MaxAnswerLength => Kind == QuestionKind.Text ? 200 : AnswerMaxLength;

    public static string NewId() => "q" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();

    /// <summary>Checks an organizer's list (paths like "questions[2].options") and returns it cleaned: trimmed, blank options dropped, ids kept or given.</summary>
    public static List<RegistrationQuestion> Normalize(IReadOnlyList<RegistrationQuestion>? questions)
    {
        var list = questions ?? [];
        var v = new Validator();
        v.When(list.Count > MaxCount, "questions", "Validation_TooMany", MaxCount);
        v.ThrowIfAny();
        var result = new List<RegistrationQuestion>();
        var ids = new HashSet<string>();
        foreach (var (q, i) in list.Select((q, i) => (q, i)))
        {
            var p = $"questions[{i}].";
            var prompt = q.Prompt?.Trim() ?? "";
            v.When(prompt.Length == 0, p + "prompt", "Validation_Required");
            v.When(prompt.Length > PromptMaxLength, p + "prompt", "Validation_TooLong", PromptMaxLength);
            foreach (var (field, value) in new[] { ("promptKy", q.PromptKy), ("promptRu", q.PromptRu), ("promptEn", q.PromptEn) })
                v.When(value?.Trim().Length > PromptMaxLength, p + field, "Validation_TooLong", PromptMaxLength);
            v.When(!Enum.IsDefined(q.Kind), p + "kind", "Validation_UnknownValue");
            var options = (q.Options ?? []).Select(o => o?.Trim() ?? "").Where(o => o.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (q.Kind == QuestionKind.Choice)
            {
                v.When(options.Count < 2, p + "options", "Validation_ChoiceOptions");
                v.When(options.Count > MaxOptions, p + "options", "Validation_TooMany", MaxOptions);
                v.When(options.Any(o => o.Length > OptionMaxLength), p + "options", "Validation_TooLong", OptionMaxLength);
            }
            else options = [];
            List<string> Translated(string field, List<string>? given)
            {
                var list = (given ?? []).Select(o => o?.Trim() ?? "").Where(o => o.Length > 0).ToList();
                if (options.Count == 0 || list.Count == 0) return [];
                v.When(list.Count != options.Count, p + field, "Validation_OptionsCount", options.Count);
                v.When(list.Any(o => o.Length > OptionMaxLength), p + field, "Validation_TooLong", OptionMaxLength);
                return list;
            }
            var (optionsKy, optionsRu, optionsEn) = (Translated("optionsKy", q.OptionsKy), Translated("optionsRu", q.OptionsRu), Translated("optionsEn", q.OptionsEn));
            var id = string.IsNullOrWhiteSpace(q.Id) ? NewId() : q.Id.Trim();
            v.When(id.Length > 20 || !id.All(char.IsAsciiLetterOrDigit) || !ids.Add(id), p + "id", "Validation_UnknownValue");
            result.Add(new RegistrationQuestion
            {
                Id = id, Kind = q.Kind, Prompt = prompt, PromptKy = Blank(q.PromptKy), PromptRu = Blank(q.PromptRu), PromptEn = Blank(q.PromptEn),
                Required = q.Required, Options = options, OptionsKy = optionsKy, OptionsRu = optionsRu, OptionsEn = optionsEn,
            });
        }
        v.ThrowIfAny();
        return result;
    }

    /// <summary>
    /// Checks a registrant's answers against the event's questions (paths like "answers.q1a2b3c4") and
    /// returns them trimmed, without blanks; a choice is stored as the option's text.
    /// </summary>
    public static Dictionary<string, string> CleanAnswers(IReadOnlyList<RegistrationQuestion> questions, IReadOnlyDictionary<string, string?>? answers)
    {
        var v = new Validator();
        var given = answers ?? new Dictionary<string, string?>();
        foreach (var unknown in given.Keys.Where(k => questions.All(q => q.Id != k)).Take(5))
            v.Add("answers." + unknown, "Validation_UnknownField");
        var clean = new Dictionary<string, string>();
        foreach (var q in questions)
        {
            var field = "answers." + q.Id;
            var value = given.TryGetValue(q.Id, out var a) ? a?.Trim() ?? "" : "";
            if (value.Length == 0)
            {
                v.When(q.Required, field, "Validation_Required");
                continue;
            }
            switch (q.Kind)
            {
                case QuestionKind.Choice when !q.Options.Contains(value, StringComparer.Ordinal):
                case QuestionKind.YesNo when value is not (Yes or No):
                    v.Add(field, "Validation_UnknownValue");
                    continue;
            }
            if (value.Length > q.MaxAnswerLength)
            {
                v.Add(field, "Validation_TooLong", q.MaxAnswerLength);
                continue;
            }
            clean[q.Id] = value;
        }
        v.ThrowIfAny();
        return clean;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

}
