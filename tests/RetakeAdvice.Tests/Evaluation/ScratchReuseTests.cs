
namespace RetakeAdvice.Tests.Evaluation;

/// <summary>
/// An advice call keeps its working lists (cards to rank, items picked) per thread for the next call. A call that
/// fails half-way, or one with far more cards, must leave nothing behind in the next report.
/// </summary>
public sealed class ScratchReuseTests
{
    [Fact]
    public void Advise_AfterACallThatFailedHalfWay_GivesTheSameReportAsAFreshThread()
    {
        // A rule that throws only for a profile without practice exams, the last in rank order (rules are
        // evaluated in it): every other card is already in the working list when it throws.
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.SetRuleExpression("resilience.self-care", "facts.LatestPracticeExam.Name.Length > 0");
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        var failing = Profiles.Minimal();
        var working = RetakeAdviceJson.ReadProfile(File.ReadAllText(Profiles.SamplePath("near-miss.json")));
        var expected = RetakeAdviceJson.WriteReport(OnFreshThread(() => advisor.Advise(working)));

        Assert.Throws<RuleEvaluationException>(() => { advisor.Advise(failing); });
        var after = RetakeAdviceJson.WriteReport(advisor.Advise(working));

        Assert.Equal(expected, after);
    }

    [Fact]
    public void Advise_AfterALongReport_GivesTheSameShortReportAsAFreshThread()
    {
        using var advisor = RetakeAdvisor.Create();
        var small = Profiles.Minimal();
        var large = RetakeAdviceJson.ReadProfile(File.ReadAllText(Profiles.SamplePath("long-topic-list.json")));
        var expected = RetakeAdviceJson.WriteReport(OnFreshThread(() => advisor.Advise(small)));

        var longReport = advisor.Advise(large);
        var after = RetakeAdviceJson.WriteReport(advisor.Advise(small));

        Assert.True(longReport.Recommendations.Count > advisor.Advise(small).Recommendations.Count);
        Assert.Equal(expected, after);
    }

    private static T OnFreshThread<T>(Func<T> work)
    {
        T result = default!;
        var thread = new Thread(() => result = work());
        thread.Start();
        thread.Join();
        return result;
    }
}
