using System.Text.Json.Nodes;
using RetakeAdvice.Cli;

namespace RetakeAdvice.Tests.Cli;

/// <summary><c>test --coverage</c>: for every rule, the cases where it fired, did not fire and was suppressed; rules with a side no test pins.</summary>
public sealed class CoverageTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, new StringReader(string.Empty), output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void ShippedTests_EveryRuleCounted_EveryCaseOnceForEachRule()
    {
        var suite = RuleTestSuite.Load(RepoPaths.Rules);

        var coverage = suite.Coverage(Shipped.Advisor);

        Assert.Equal(Shipped.Advisor.RuleIds, coverage.Select(c => c.Rule));
        Assert.All(coverage, c => Assert.True(c.Fired.Count + c.NotFired.Count + c.Suppressed.Count <= suite.Cases.Count));
        // The crisis card fires in the wellbeing cases and not elsewhere; planning.near-miss is suppressed by it there.
        var crisis = coverage.Single(c => c.Rule == "wellbeing.crisis-support");
        Assert.True(crisis.Covered);
        Assert.Contains(crisis.Fired, name => name.StartsWith("tests/wellbeing.json: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RuleNoTestFires_ListedUncovered_MinCoverageFails()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.SetRuleExpression("mentors.find-high-scorer", "facts.Distress > 10"); // loads, and no test profile reaches it

        var (exit, output, error) = await RunAsync("test", folder.Path, "--coverage", "--min-coverage", "100");

        Assert.Equal(1, exit);
        Assert.Contains("  never fired in a test: mentors.find-high-scorer\n", output, StringComparison.Ordinal);
        Assert.Matches(@"  mentors\.find-high-scorer\s+0\s+\d+\s+\d+  <- uncovered\n", output);
        Assert.Contains("mentors.find-high-scorer", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MinCoverage_AtOrUnderTheShippedRate_Passes_AboveItFails()
    {
        var coverage = RuleTestSuite.Load(RepoPaths.Rules).Coverage(Shipped.Advisor);
        var percent = 100.0 * coverage.Count(c => c.Covered) / coverage.Count;

        var under = await RunAsync("test", RepoPaths.Rules, "--min-coverage", Math.Floor(percent).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var over = await RunAsync("test", RepoPaths.Rules, "--min-coverage", "100");

        Assert.Equal(0, under.Exit);
        Assert.Equal(percent < 100 ? 1 : 0, over.Exit);
    }

    [Fact]
    public async Task Json_ForCi()
    {
        var (exit, output, _) = await RunAsync("test", RepoPaths.Rules, "--coverage", "--format", "json");

        Assert.Equal(0, exit);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(0, (int)json["failed"]!);
        Assert.Equal(Shipped.Advisor.RuleIds.Count, (int)json["coverage"]!["rules"]!);
        var byRule = json["coverage"]!["byRule"]!.AsArray();
        Assert.Equal(Shipped.Advisor.RuleIds, byRule.Select(r => (string?)r!["rule"]));
        Assert.All(byRule, r => Assert.Equal(r!["fired"]!.AsArray().Count > 0 && r["notFired"]!.AsArray().Count + r["suppressed"]!.AsArray().Count > 0, (bool)r["covered"]!));
    }

    [Fact]
    public async Task RuleSetWithoutRules_SaysSo()
    {
        var folder = Directory.CreateTempSubdirectory("retake-no-rules-").FullName;
        try
        {
            File.Copy(Path.Combine(RepoPaths.Rules, "ruleset.json"), Path.Combine(folder, "ruleset.json"));
            var workflow = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Rules, "resilience.json")))!.AsObject();
            workflow["Rules"] = new JsonArray();
            workflow.Remove("GlobalParams");
            await File.WriteAllTextAsync(Path.Combine(folder, "resilience.json"), workflow.ToJsonString());

            var (exit, output, error) = await RunAsync("test", folder, "--coverage");

            Assert.Equal(1, exit); // no test cases
            Assert.Contains("coverage: the rule set has no rules\n", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("101")]
    [InlineData("abc")]
    public async Task MinCoverage_NotAPercentage_Exit2(string value)
    {
        var (exit, _, error) = await RunAsync("test", RepoPaths.Rules, "--min-coverage", value);

        Assert.Equal(2, exit);
        Assert.Contains("--min-coverage", error, StringComparison.Ordinal);
    }
}
