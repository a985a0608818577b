namespace RetakeAdvice.Tests.Rules;

/// <summary>Every JSON rule test case beside the shipped rules runs here as its own test.</summary>
public sealed class RuleCaseTests
{
    private static readonly RetakeAdvisor Advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(RepoPaths.Rules));
    private static readonly RuleTestSuite Suite = RuleTestSuite.Load(RepoPaths.Rules);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var testCase in Suite.Cases)
        {
            data.Add(testCase.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ShippedRules_Case_Passes(string name)
    {
        var testCase = Suite.Cases.Single(c => c.ToString() == name);

        var result = RuleTestSuite.Run(Advisor, testCase);

        Assert.True(result.Passed, string.Join("\n", result.Failures));
    }

    [Fact]
    public void ShippedRules_HaveCases_ForEveryRule()
    {
        var cards = Advisor.Rules.Rules.Where(r => r.Card is not null).Select(r => r.Id).ToHashSet();
        var readiness = Advisor.Rules.ReadinessRules.Select(r => r.Id).ToHashSet();
        var present = Suite.Cases.SelectMany(c => c.Expectation.Present.Select(p => p.Id)).ToHashSet();
        var decided = Suite.Cases.Select(c => c.Expectation.ReadinessDecidedBy).OfType<string>().ToHashSet();

        Assert.Empty(cards.Except(present));
        Assert.Empty(readiness.Except(decided));
    }

    [Fact]
    public void EmbeddedRules_AreTheRulesFolder()
    {
        Assert.Equal(Advisor.RuleSet, RetakeAdvisor.Create().RuleSet);
        Assert.Equal(Suite.Cases.Count, RuleTestSuite.LoadDefault().Cases.Count);
    }
}
