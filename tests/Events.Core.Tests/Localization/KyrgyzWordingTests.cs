using System.Globalization;
using System.Text.RegularExpressions;

namespace Events.Core.Tests.Localization;

/// <summary>
/// The Kyrgyz texts keep one word per concept (docs/glossary.md) and the language review's corrections:
/// the rejected variants must not come back when texts are added later.
/// </summary>
public partial class KyrgyzWordingTests
{
    private static readonly Dictionary<string, string> Kyrgyz = ResourceTests.Load("Strings.resx");
    private static readonly Dictionary<string, string> Russian = ResourceTests.Load("Strings.ru.resx");

    public static TheoryData<string, string> Rejected => new()
    {
        { "колго жаз", "«write by hand» (a calque): терип киргизиңиз" },
        { "барак", "page is «бет» (also catches баракча)" },
        { "катталуулар", "the list of registrations is «каттоолор»" },
        { "күндүзгү", "in person is «бетме-бет»" },
        { "биз аны каттадык", "каттоо is registration: «Ката жазылып алынды»" },
        { "орунуңуз", "the possessive is «ордуңуз», and a waitlisted person has a «кезек»" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void KyrgyzTexts_DoNotUseRejectedVariant(string variant, string why)
    {
        var found = Kyrgyz.Where(t => t.Value.Contains(variant, StringComparison.OrdinalIgnoreCase)).Select(t => $"{t.Key}: {t.Value}").ToList();
        Assert.True(found.Count == 0, why + "\n" + string.Join("\n", found));
    }

    [GeneratedRegex(@"максат(?!туу)", RegexOptions.IgnoreCase)]
    private static partial Regex TargetAlone();

    [Fact]
    public void Target_IsMaksattuuKorsotkuch_NeverMaksatAlone()
    {
        var found = Kyrgyz.Where(t => TargetAlone().IsMatch(t.Value)).Select(t => $"{t.Key}: {t.Value}").ToList();
        Assert.True(found.Count == 0, string.Join("\n", found));
        Assert.Equal("Максаттуу көрсөткүч", Kyrgyz["Plan_Target"]);
    }

    [Fact]
    public void WeekView_IsApta_FridayStaysJuma()
    {
        Assert.Equal("Апта", Kyrgyz["Calendar_Week"]);
        Assert.DoesNotContain(Kyrgyz, t => t.Key.StartsWith("Calendar_", StringComparison.Ordinal) && t.Value.Contains("Жума", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("жума", CultureInfo.GetCultureInfo("ky").DateTimeFormat.GetDayName(DayOfWeek.Friday), ignoreCase: true);
    }

    [Theory]
    [InlineData("Planner_ComfortFrom", "Башы")]
    [InlineData("Planner_ComfortTo", "Аягы")]
    [InlineData("SessionMode_Offline", "Бетме-бет (офлайн)")]
    [InlineData("Outbox_Subject", "Темасы")]
    [InlineData("Mail_Waitlisted_Lead", "үтүү тизмесиндеги кезегиңиз: {1}")] // the sentence starts with it: Күтүү
    [InlineData("Identity_PasswordRequiresNonAlphanumeric", "бир атайын белги (мисалы, !, #, %)")]
    [InlineData("Questions_Help", "каттоолордун тизмесинде")]
    [InlineData("Register_Closed", "Бул иш-чарага каттоо азыр ачык эмес.")]
    [InlineData("Mud_MudDataGridPager_RowsPerPage", "Беттеги саптар:")]
    [InlineData("Desk_NoCamera", "кодду терип киргизиңиз")]
    [InlineData("Home_Lead", "окутуулары")]
    [InlineData("Error_Text", "Ката жазылып алынды")]
    public void ReviewedText_HasTheCorrection(string key, string expected) => Assert.Contains(expected, Kyrgyz[key], StringComparison.Ordinal);

    [Fact]
    public void Russian_EditIsAVerb_PreviousAndBackDiffer()
    {
        Assert.Equal("Изменить", Russian["Common_Edit"]);
        Assert.NotEqual(Russian["Common_Back"], Russian["Common_Previous"]);
    }
}
