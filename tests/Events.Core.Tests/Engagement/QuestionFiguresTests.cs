using Events.Core.Engagement;

namespace Events.Core.Tests.Engagement;

/// <summary>The feedback figures on hand-computed numbers: median of the answer times, 90th percentile by nearest rank.</summary>
public class QuestionFiguresTests
{
    private static readonly DateTime T0 = new(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);

    private static (DateTime, DateTime?) AnsweredAfter(double hours) => (T0, T0.AddHours(hours));
    private static (DateTime, DateTime?) Unanswered() => (T0, null);

    [Fact]
    public void Of_TenAnsweredTwoNot_MedianMeanOfMiddleTwoP90NinthOfTen()
    {
        // Answer times 1..10 hours given out of order; two questions unanswered.
        var questions = new[] { 7, 3, 10, 1, 5, 9, 2, 8, 6, 4 }.Select(h => AnsweredAfter(h)).Append(Unanswered()).Append(Unanswered());

        var f = QuestionFigures.Of(questions);

        Assert.Equal(12, f.Received);
        Assert.Equal(10, f.Answered);
        Assert.Equal(10.0 / 12, f.ResponseRate, 12);
        Assert.Equal(5.5, f.MedianHoursToAnswer);   // (5 + 6) / 2
        Assert.Equal(9, f.P90HoursToAnswer);        // rank ⌈0.9 · 10⌉ = 9
    }

    [Fact]
    public void Of_ThreeAnswered_MedianMiddleP90Largest()
    {
        // 30 minutes, 3 hours, 2 days: median 3; rank ⌈0.9 · 3⌉ = 3 → 48.
        var f = QuestionFigures.Of([AnsweredAfter(48), AnsweredAfter(0.5), AnsweredAfter(3)]);

        Assert.Equal((3, 3, 1.0), (f.Received, f.Answered, f.ResponseRate));
        Assert.Equal(3, f.MedianHoursToAnswer);
        Assert.Equal(48, f.P90HoursToAnswer);
    }

    [Fact]
    public void Of_TwentyAnswered_P90IsEighteenthNotInterpolated()
    {
        // Hours 1..20: rank ⌈0.9 · 20⌉ = 18 → 18 (an interpolating method would give 18.1 or 18.9).
        var f = QuestionFigures.Of(Enumerable.Range(1, 20).Select(h => AnsweredAfter(h)));

        Assert.Equal(18, f.P90HoursToAnswer);
        Assert.Equal(10.5, f.MedianHoursToAnswer);
    }

    [Fact]
    public void Of_OneAnsweredInMinutes_TimesInHoursUnrounded()
    {
        var f = QuestionFigures.Of([(T0, T0.AddMinutes(20))]);

        Assert.Equal(1.0 / 3, f.MedianHoursToAnswer!.Value, 12);
        Assert.Equal(1.0 / 3, f.P90HoursToAnswer!.Value, 12);
    }

    [Fact]
    public void Of_NothingAnswered_RateZeroTimesNull()
    {
        var f = QuestionFigures.Of([Unanswered(), Unanswered(), Unanswered()]);

        Assert.Equal(new QuestionFigures(3, 0, 0, null, null), f);
    }

    [Fact]
    public void Of_NothingReceived_AllZeroTimesNull()
    {
        Assert.Equal(new QuestionFigures(0, 0, 0, null, null), QuestionFigures.Of([]));
    }

    [Fact]
    public void Of_AnsweredBeforeAsked_CountsAsZeroHours()
    {
        var f = QuestionFigures.Of([(T0, T0.AddMinutes(-5))]);

        Assert.Equal(0, f.MedianHoursToAnswer);
    }

    [Theory]
    [InlineData(90, new double[] { 4 }, 4)]
    [InlineData(50, new double[] { 1, 2, 3, 4 }, 2)]
    [InlineData(100, new double[] { 1, 2, 3, 4 }, 4)]
    [InlineData(7, new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66,
        67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100 }, 7)]
    public void NearestRank_SortedValues_ValueAtCeilingRank(double percent, double[] sorted, double expected)
    {
        // The last case: 7 % of 100 is rank 7 exactly (in double 7/100 · 100 is 7.000000000000001, which must not become rank 8).
        Assert.Equal(expected, QuestionFigures.NearestRank(sorted, percent));
    }
}
