using FsCheck.Xunit;
using RetakeAdvice.Benchmarks.Support;
using RetakeAdvice.Loading;
using RetakeAdvice.Tests.Properties;

namespace RetakeAdvice.Tests.Precompiling;

/// <summary>
/// Differential: the precompiled and the parsed path of the same folder give byte-identical reports and
/// explanations: on the default rule set and on the benchmarks' scaled sets (compiled here as a host project
/// compiles the generated file), for every profile of the rule folder's own test cases and every sample, and for
/// FsCheck-generated profiles.
/// </summary>
public sealed class PrecompiledDifferentialTests
{
    private static readonly Lazy<(RetakeAdvisor Parsed, RetakeAdvisor Precompiled)> Default = new(() =>
    {
        var precompiled = RetakeAdvisor.Create();
        Assert.True(precompiled.Status.Precompiled, $"the default rule set was parsed; from the repository's root, run: {PrecompiledDefaultTests.Regenerate}");
        return (RetakeAdvisor.ForRules(RuleSetLoader.Parse(RuleFolder.Embedded())), precompiled);
    });

    private static readonly Lazy<(RetakeAdvisor Parsed, RetakeAdvisor Precompiled)> Scaled = new(() => CompileScaled(120));

    public static TheoryData<string> CaseProfiles()
    {
        var data = new TheoryData<string>();
        foreach (var testCase in RuleTestSuite.Load(RepoPaths.Rules).Cases.Where(c => c.Profile is not null))
        {
            data.Add(testCase.ToString());
        }

        foreach (var sample in Profiles.SampleFiles())
        {
            data.Add("sample " + Path.GetFileName(sample));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseProfiles))]
    public void DefaultRules_BothPathsAgree_OnEveryCaseAndSample(string name) => AssertSame(Default.Value, ProfileNamed(name));

    [Theory]
    [MemberData(nameof(CaseProfiles))]
    public void ScaledRules_BothPathsAgree_OnEveryCaseAndSample(string name) => AssertSame(Scaled.Value, ProfileNamed(name));

    [Property(MaxTest = 300, Arbitrary = new[] { typeof(PropertyArbitraries) })]
    public void DefaultRules_BothPathsAgree_OnGeneratedProfiles(ValidProfileCase generated) => AssertSame(Default.Value, generated.Profile);

    [Property(MaxTest = 100, Arbitrary = new[] { typeof(PropertyArbitraries) })]
    public void ScaledRules_BothPathsAgree_OnGeneratedProfiles(ValidProfileCase generated) => AssertSame(Scaled.Value, generated.Profile);

    [Property(MaxTest = 100, Arbitrary = new[] { typeof(PropertyArbitraries) })]
    public void DefaultRules_BothPathsAgree_OnProfilesWithTopics(TopicProfileCase generated) => AssertSame(Default.Value, generated.Profile);

    private static void AssertSame((RetakeAdvisor Parsed, RetakeAdvisor Precompiled) advisors, RetakeProfile profile)
    {
        Assert.Equal(RetakeAdviceJson.WriteReport(advisors.Parsed.Advise(profile)), RetakeAdviceJson.WriteReport(advisors.Precompiled.Advise(profile)));
        Assert.Equal(RetakeAdviceJson.WriteExplanation(advisors.Parsed.Explain(profile)), RetakeAdviceJson.WriteExplanation(advisors.Precompiled.Explain(profile)));
    }

    private static RetakeProfile ProfileNamed(string name) =>
        name.StartsWith("sample ", StringComparison.Ordinal)
            ? RetakeAdviceJson.ReadProfile(File.ReadAllText(Profiles.SamplePath(name["sample ".Length..])))
            : RuleTestSuite.Load(RepoPaths.Rules).Cases.Single(c => c.ToString() == name).Profile!;

    /// <summary>A scaled copy of the shipped rules (copies of every workflow), compiled and loaded as a host would.</summary>
    private static (RetakeAdvisor, RetakeAdvisor) CompileScaled(int rules)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"retake-scaled-{Guid.NewGuid():N}");
        ScaledRuleFolder.Write(RepoPaths.Rules, folder, rules);
        var assembly = InMemoryCompiler.Compile(RuleSetCompiler.ToCSharp(folder, "Scaled.Rules", "ScaledRules"));
        var generated = assembly.GetType("Scaled.Rules.ScaledRules", throwOnError: true)!;
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(generated.Module.ModuleHandle);

        var precompiled = RetakeAdvisor.Create(RuleSource.FromDirectory(folder));
        Assert.All(precompiled.Rules.Rules, rule => Assert.Same(generated, rule.Gate.Method.DeclaringType));
        return (RetakeAdvisor.ForRules(RuleSetLoader.Parse(RuleFolder.FromDirectory(folder))), precompiled);
    }
}
