using Events.Core.Engagement;

namespace Events.Core.Tests.Engagement;

/// <summary>Survey figures per wave and coverage totals on hand-computed numbers.</summary>
public class SurveyFiguresTests
{
    [Fact]
    public void Of_FiveResponses_CountsAndAverage()
    {
        // aware 3 of 5; satisfaction 5, 4, 3, 1, 4 → satisfied (≥ 4) 3, average 17 / 5 = 3.4; important 3.
        var f = SurveyFigures.Of([(true, 5, true), (false, 4, true), (true, 3, false), (false, 1, false), (true, 4, true)]);

        Assert.Equal(new SurveyWaveFigures(5, 3, 3.4, 3, 3), f);
    }

    [Fact]
    public void Of_NoResponse_ZerosAverageNull()
    {
        Assert.Equal(new SurveyWaveFigures(0, 0, null, 0, 0), SurveyFigures.Of([]));
    }

    [Fact]
    public void ByWave_OnlyFollowUpAnswered_BothWavesPresentBaselineEmpty()
    {
        var figures = SurveyFigures.ByWave([(SurveyWave.FollowUp, true, 5, true), (SurveyWave.FollowUp, false, 2, true)]);

        Assert.Equal([SurveyWave.Baseline, SurveyWave.FollowUp], figures.Keys.Order());
        Assert.Equal(SurveyWaveFigures.None, figures[SurveyWave.Baseline]);
        Assert.Equal(new SurveyWaveFigures(2, 1, 3.5, 1, 2), figures[SurveyWave.FollowUp]);
    }

    [Fact]
    public void ByWave_BothWaves_EachCountsItsOwn()
    {
        var figures = SurveyFigures.ByWave(
        [
            (SurveyWave.Baseline, false, 2, true), (SurveyWave.Baseline, false, 3, false), (SurveyWave.Baseline, true, 4, true),
            (SurveyWave.FollowUp, true, 5, true), (SurveyWave.FollowUp, true, 4, true),
        ]);

        Assert.Equal(new SurveyWaveFigures(3, 1, 3, 1, 2), figures[SurveyWave.Baseline]);
        Assert.Equal(new SurveyWaveFigures(2, 2, 4.5, 2, 2), figures[SurveyWave.FollowUp]);
    }

    [Fact]
    public void CoverageTotals_RecordsWithAndWithoutViews_SumsInTotalAndPerChannel()
    {
        var totals = CoverageTotals.Of(
        [
            (CoverageChannel.WhatsApp, 40, 1000L), (CoverageChannel.WhatsApp, 10, null), (CoverageChannel.Telegram, 5, 250L), (CoverageChannel.NewsMedia, 0, 12000L),
        ]);

        Assert.Equal((4, 55L, 13250L), (totals.Records, totals.Reposts, totals.Views));
        Assert.Equal((50L, 1000L), totals.ByChannel[CoverageChannel.WhatsApp]);
        Assert.Equal((5L, 250L), totals.ByChannel[CoverageChannel.Telegram]);
        Assert.Equal((0L, 0L), totals.ByChannel[CoverageChannel.Instagram]);
        Assert.Equal(Enum.GetValues<CoverageChannel>().Length, totals.ByChannel.Count);
    }
}
