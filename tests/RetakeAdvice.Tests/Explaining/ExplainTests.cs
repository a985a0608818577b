using RetakeAdvice.Tests.TestSupport;

namespace RetakeAdvice.Tests.Explaining;

public sealed class ExplainTests
{
    [Fact]
    public void Explain_EveryShippedCase_FiredRulesAreTheReportsRules()
    {
        foreach (var testCase in RuleTestSuite.Load(RepoPaths.Rules).Cases)
        {
            var explanation = Shipped.Advisor.Explain(testCase.Profile!);
            var report = Shipped.Advisor.Advise(testCase.Profile!);

            Assert.Equal(
                report.Recommendations.Select(r => r.Id).Distinct().Order(StringComparer.Ordinal),
                explanation.Rules.Where(r => r.Fired).Select(r => r.Id).Order(StringComparer.Ordinal));
            Assert.All(
                explanation.Rules.Where(r => r.Fired),
                r => Assert.Equal(report.Recommendations.First(x => x.Id == r.Id).Indicator, r.Indicator));
        }
    }

    [Fact]
    public void Explain_UnknownFact_ShowsNull()
    {
        var explanation = Shipped.Advisor.Explain(Profiles.Minimal());

        var counseling = explanation.Rules.Single(r => r.Id == "wellbeing.counseling");
        Assert.False(counseling.Fired);
        Assert.Equal([new ExplainedValue("facts.Distress", "null"), new ExplainedValue("counselingDistress", "7")], counseling.Values);
    }

    [Fact]
    public void Explain_PerItemRule_ListsEveryItemWithScoreAndCut()
    {
        var topics = Enumerable.Range(0, 14).Select(i => new TopicResult { Name = $"T{i:00}", Discipline = "anatomy", Seen = 20, Incorrect = i + 1 }).ToArray();

        var focus = Shipped.Advisor.Explain(Profiles.Minimal() with { Topics = topics }).Rules.Single(r => r.Id == "topics.focus");

        Assert.True(focus.Fired);
        Assert.Equal(14, focus.Items!.Count);
        Assert.Equal(new ExplainedItem("T13", true, 14, true), focus.Items[0]);
        Assert.Equal(10, focus.Items.Count(i => i.Kept));
        Assert.Equal([new ExplainedItem("T03", true, 4, false), new ExplainedItem("T02", true, 3, false)], focus.Items.Where(i => i.Matched && !i.Kept));
        Assert.Equal([new ExplainedItem("T00", false, 0, false), new ExplainedItem("T01", false, 0, false)], focus.Items.Where(i => !i.Matched));
    }

    [Fact]
    public void Explain_RuleThatThrows_IsRecordedNotThrown()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.SetRuleExpression("wellbeing.counseling", "facts.LatestPracticeExam.Score > 1");
        var advisor = RetakeAdvisor.FromDirectory(folder.Path);

        var counseling = advisor.Explain(Profiles.Minimal()).Rules.Single(r => r.Id == "wellbeing.counseling");

        Assert.False(counseling.Fired);
        Assert.StartsWith("threw while evaluating its Expression: NullReferenceException", counseling.Error);
        Assert.Throws<RuleEvaluationException>(() => advisor.Advise(Profiles.Minimal()));
    }
}
