namespace RetakeAdvice.Tests.Rules;

/// <summary>Every JSON rule test case beside the shipped rules runs here as its own test.</summary>
public sealed class RuleCaseTests
{
    private static readonly RetakeAdvisor Advisor = RetakeAdvisor.FromDirectory(RepoPaths.Rules);
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
        var ids = Advisor.Rules.Rules.Select(r => r.Id).ToHashSet();
        var tested = Suite.Cases.SelectMany(c => c.Expectation.Present.Select(p => p.Id)).ToHashSet();

        Assert.Empty(ids.Except(tested));
    }

    [Fact]
    public void EmbeddedRules_AreTheRulesFolder()
    {
        Assert.Equal(Advisor.RuleSet, RetakeAdvisor.CreateDefault().RuleSet);
        Assert.Equal(Suite.Cases.Count, RuleTestSuite.LoadDefault().Cases.Count);
    }
}
