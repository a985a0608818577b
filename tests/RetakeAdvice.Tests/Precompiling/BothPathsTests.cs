using RetakeAdvice.Loading;

namespace RetakeAdvice.Tests.Precompiling;

/// <summary>Reload and the rule tests work on both paths, and a reload moves between them as the folder changes.</summary>
public sealed class BothPathsTests
{
    [Fact]
    public void ShippedRuleTests_PassOnBothPaths_WithTheSameFailures()
    {
        var suite = RuleTestSuite.Load(RepoPaths.Rules);
        var precompiled = Shipped.Advisor;
        var parsed = RetakeAdvisor.ForRules(RuleSetLoader.Parse(RuleFolder.FromDirectory(RepoPaths.Rules)));
        Assert.True(precompiled.Status.Precompiled);
        Assert.False(parsed.Status.Precompiled);

        var onPrecompiled = suite.RunAll(precompiled);
        var onParsed = suite.RunAll(parsed);

        Assert.All(onPrecompiled, result => Assert.True(result.Passed, $"{result.Case}: {string.Join("; ", result.Failures)}"));
        Assert.Equal(onParsed.Select(r => string.Join("\n", r.Failures)), onPrecompiled.Select(r => string.Join("\n", r.Failures)));
        Assert.Equal(suite.Cases.Count, onParsed.Count(r => r.Passed));
    }

    [Fact]
    public void Reload_MovesBetweenPaths_AsTheFolderChanges()
    {
        using var copy = TempRuleFolder.CopyOfShippedRules();
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(copy.Path));
        var original = copy.Read("wellbeing.json");
        Assert.True(advisor.Status.Precompiled);

        copy.Write("wellbeing.json", original + " "); // another SHA-256: no precompiled set was made from this folder
        advisor.Reload();
        var edited = advisor.Status;

        copy.Write("wellbeing.json", original);
        advisor.Reload();

        Assert.False(edited.Precompiled);
        Assert.NotEqual(Shipped.Advisor.RuleSet.Sha256, edited.RuleSet.Sha256);
        Assert.True(advisor.Status.Precompiled);
        Assert.Equal(Shipped.Advisor.RuleSet.Sha256, advisor.RuleSet.Sha256);
    }
}
