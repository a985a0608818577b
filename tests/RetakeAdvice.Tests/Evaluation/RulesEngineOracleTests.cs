using RetakeAdvice.Benchmarks.Support;
using RetakeAdvice.Model;
using RetakeAdvice.Evaluation;
using RulesEngine.Models;

namespace RetakeAdvice.Tests.Evaluation;

/// <summary>
/// Differential test: RulesEngine's own <c>ExecuteAllRulesAsync</c> is the oracle for every rule's condition.
/// The compiled path must agree with it on every rule for every profile the JSON tests and samples hold.
/// </summary>
public sealed class RulesEngineOracleTests
{
    private static readonly Lazy<(CompiledRuleSet Rules, Workflow[] Workflows, RulesEngine.RulesEngine Engine)> Shared = new(() =>
    {
        var rules = RetakeAdvisor.Create(RuleSource.FromDirectory(RepoPaths.Rules)).Rules;
        var workflows = RulesEngineWorkflows.Read(RepoPaths.Rules);
        return (rules, workflows, new RulesEngine.RulesEngine(workflows, new ReSettings()));
    });

    public static TheoryData<string> Profiles()
    {
        var data = new TheoryData<string>();
        foreach (var testCase in RuleTestSuite.Load(RepoPaths.Rules).Cases)
        {
            data.Add(testCase.ToString());
        }

        foreach (var sample in Directory.EnumerateFiles(RepoPaths.Samples, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add("samples/" + Path.GetFileName(sample));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task CompiledGates_AgreeWithRulesEngine(string name)
    {
        var profile = name.StartsWith("samples/", StringComparison.Ordinal)
            ? RetakeAdviceJson.ReadProfile(File.ReadAllText(Path.Combine(RepoPaths.Root, name)))
            : RuleTestSuite.Load(RepoPaths.Rules).Cases.Single(c => c.ToString() == name).Profile!;
        var (rules, workflows, engine) = Shared.Value;
        var facts = AdvicePipeline.Prepare(rules, profile, new DateOnly(2026, 11, 27));
        var disagreements = new List<string>();

        foreach (var workflow in workflows)
        {
            var results = await engine.ExecuteAllRulesAsync(workflow.WorkflowName, new RuleParameter("profile", profile), new RuleParameter("facts", facts));
            foreach (var result in results)
            {
                Assert.True(string.IsNullOrEmpty(result.ExceptionMessage), $"{result.Rule.RuleName}: RulesEngine reported {result.ExceptionMessage}");
                var compiled = rules.Rules.Single(r => r.Id == result.Rule.RuleName);
                var ours = compiled.Enabled && compiled.Gate(profile, facts, null);
                if (ours != result.IsSuccess)
                {
                    disagreements.Add($"{compiled.Id}: compiled {ours}, RulesEngine {result.IsSuccess}");
                }
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    [Fact]
    public async Task Oracle_SeesEveryShippedRule()
    {
        var (rules, workflows, engine) = Shared.Value;
        var profile = RetakeAdviceJson.ReadProfile(File.ReadAllText(Path.Combine(RepoPaths.Samples, "near-miss.json")));
        var facts = AdvicePipeline.Prepare(rules, profile, new DateOnly(2026, 11, 27));
        var seen = new List<string>();

        foreach (var workflow in workflows)
        {
            var results = await engine.ExecuteAllRulesAsync(workflow.WorkflowName, new RuleParameter("profile", profile), new RuleParameter("facts", facts));
            seen.AddRange(results.Select(r => r.Rule.RuleName));
        }

        Assert.Equal(rules.Rules.Select(r => r.Id).Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }
}
