
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
                explanation.Rules.Where(r => r.Outcome == RuleOutcome.Fired && r.Readiness is null).Select(r => r.Id).Order(StringComparer.Ordinal));
            Assert.Equal(report.Readiness.Status, Assert.Single(explanation.Rules, r => r.Outcome == RuleOutcome.Fired && r.Readiness is not null).Readiness);
            Assert.All(
                explanation.Rules.Where(r => r.Outcome == RuleOutcome.Fired && r.Readiness is null),
                r => Assert.Equal(report.Recommendations.First(x => x.Id == r.Id).Indicator, r.Indicator));
        }
    }

    [Fact]
    public void Explain_UnknownFact_ShowsNull()
    {
        var explanation = Shipped.Advisor.Explain(Profiles.Minimal());

        var counseling = explanation.Rules.Single(r => r.Id == "wellbeing.counseling");
        Assert.Equal(RuleOutcome.NotFired, counseling.Outcome);
        Assert.Equal([Value("facts.Distress", "null"), Value("counselingDistress", "7")], counseling.Values);
    }

    [Fact]
    public void Explain_PerItemRule_ListsEveryItemWithScoreAndCut()
    {
        var topics = Enumerable.Range(0, 14).Select(i => new TopicResult { Name = $"T{i:00}", Discipline = "anatomy", Seen = 20, Incorrect = i + 1 }).ToArray();

        var focus = Shipped.Advisor.Explain(Profiles.Minimal() with { Topics = topics }).Rules.Single(r => r.Id == "topics.focus");

        Assert.Equal(RuleOutcome.Fired, focus.Outcome);
        Assert.Equal(14, focus.Items!.Count);
        Assert.Equal(Item("T13", true, 14 * 15, true), focus.Items[0]);
        Assert.Equal(10, focus.Items.Count(i => i.Kept));
        Assert.Equal([Item("T03", true, 4 * 15, false), Item("T02", true, 3 * 15, false)], focus.Items.Where(i => i.Matched && !i.Kept));
        Assert.Equal([Item("T00", false, 0, false), Item("T01", false, 0, false)], focus.Items.Where(i => !i.Matched));
    }

    [Fact]
    public void Explain_RuleThatThrows_IsRecordedNotThrown()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.SetRuleExpression("wellbeing.counseling", "facts.LatestPracticeExam.Score > 1");
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));

        var counseling = advisor.Explain(Profiles.Minimal()).Rules.Single(r => r.Id == "wellbeing.counseling");

        Assert.Equal(RuleOutcome.Failed, counseling.Outcome);
        Assert.StartsWith("threw while evaluating its Expression: NullReferenceException", counseling.Error);
        Assert.Throws<RuleEvaluationException>(() => advisor.Advise(Profiles.Minimal()));
    }

    private static ExplainedValue Value(string name, string value) => new() { Name = name, Value = value };

    private static ExplainedItem Item(string target, bool matched, double score, bool kept) => new() { Target = target, Matched = matched, Score = score, Kept = kept };
}
