using System.Text.Json.Nodes;
using static RetakeAdvice.Tests.TestSupport.CliRun;

namespace RetakeAdvice.Tests.Cli;

/// <summary>
/// <c>test --coverage</c>: for every rule, the cases where it fired, did not fire and was suppressed; items kept and
/// dropped; escalations both ways; each threshold's two sides; and the sides no test pins.
/// </summary>
public sealed class CoverageTests
{
    [Fact]
    public void ShippedTests_EveryRuleCounted_EveryCaseOnceForEachRule()
    {
        var suite = RuleTestSuite.Load(RepoPaths.Rules);

        var coverage = suite.Coverage().Rules;

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
        Assert.Contains("  - mentors.find-high-scorer: never fired\n", output, StringComparison.Ordinal);
        Assert.Matches(@"  mentors\.find-high-scorer\s+0\s+\d+\s+\d+  1/2\n", output); // quiet in every case: one side of two
        Assert.Contains("mentors.find-high-scorer", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MinCoverage_AtOrUnderTheShippedRate_Passes_AboveItFails()
    {
        var percent = RuleTestSuite.Load(RepoPaths.Rules).Coverage().Percent;

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
        Assert.All(byRule, r => Assert.Equal(r!["gaps"]!.AsArray().Count == 0, (bool)r["covered"]!));
        Assert.Equal(byRule.Sum(r => (int)r!["sides"]!) + (2 * json["coverage"]!["sharedThresholds"]!.AsArray().Count), (int)json["coverage"]!["sides"]!);
        // The per-item, escalation and threshold sides are there for CI to read.
        var focus = byRule.Single(r => (string?)r!["rule"] == "topics.focus")!;
        Assert.NotEmpty(focus["itemsKept"]!.AsArray());
        Assert.Contains(focus["thresholds"]!.AsArray(), t => (string?)t!["parameter"] == "focusMinIncorrect" && (bool)t["covered"]!);
        var gate = byRule.Single(r => (string?)r!["rule"] == "practice.gate-not-passed")!;
        Assert.NotEmpty(gate["escalated"]!.AsArray());
        Assert.NotEmpty(gate["notEscalated"]!.AsArray());
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

    [Fact]
    public void Shipped_ThresholdsItemsAndEscalations_SeenOnTheirSides()
    {
        var suite = RuleTestSuite.Load(RepoPaths.Rules);

        var rules = suite.Coverage().Rules.ToDictionary(r => r.Rule);

        // The counseling line is tested at 7 and at 6: both sides of counselingDistress, and each side's cases named.
        var counseling = Assert.Single(rules["wellbeing.counseling"].Thresholds);
        Assert.Equal("counselingDistress", counseling.Parameter);
        Assert.Equal("facts.Distress >= counselingDistress", counseling.Comparison);
        Assert.Contains("tests/wellbeing.json: distress 7 (the line): counseling", counseling.Held);
        Assert.Contains("tests/wellbeing.json: distress 6 (just under): no counseling card", counseling.NotHeld);
        Assert.DoesNotContain("tests/wellbeing.json: distress 7 (the line): counseling", counseling.NotHeld);
        // A comparison inside a lambda is seen too, named by the lambda's own parameter.
        Assert.Contains(rules["mentors.find-high-scorer"].Thresholds, t => t.Parameter == "highStep1Score" && t.Covered);
        // Per-item rules have kept and dropped sides; other rules have none.
        Assert.NotNull(rules["topics.focus"].ItemsDropped);
        Assert.Null(rules["wellbeing.counseling"].ItemsKept);
        // An escalation has its two outcomes; a rule without one has none.
        Assert.NotEmpty(rules["practice.gate-not-passed"].Escalated!);
        Assert.NotEmpty(rules["practice.gate-not-passed"].NotEscalated!);
        Assert.Null(rules["wellbeing.counseling"].Escalated);
        // A per-item rule whose every profile keeps all its items: its dropped side is a named gap.
        Assert.Contains("no item dropped", rules["resources.add-core"].Gaps);
    }

    [Fact]
    public async Task ThresholdTestedOnOneSideOnly_NamedWithItsParameter_MinCoverageFails()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        // Leave only cases under the counseling line: nothing tests a distress at or over counselingDistress.
        foreach (var file in Directory.GetFiles(Path.Combine(folder.Path, "tests"), "*.json"))
        {
            var relative = Path.Combine("tests", Path.GetFileName(file));
            folder.EditJson(relative, tests =>
            {
                var cases = tests["cases"]!.AsArray();
                foreach (var high in cases.Where(c => (int?)c!["profile"]!["wellbeing"]?["distress"] >= 7).ToList())
                {
                    cases.Remove(high);
                }
            });
        }

        var (exit, output, error) = await RunAsync("test", folder.Path, "--coverage", "--min-coverage", "100");

        Assert.Equal(1, exit);
        Assert.Contains("  - wellbeing.counseling: never fired\n", output, StringComparison.Ordinal);
        Assert.Contains("  - wellbeing.counseling: counselingDistress: never held (facts.Distress >= counselingDistress, at wellbeing.json $.Rules[1].Expression)\n", output, StringComparison.Ordinal);
        Assert.Contains("wellbeing.counseling", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ProbedRuleSet_GivesTheSameAdvice_AndRecordsOnlyWhileCollecting()
    {
        var probes = new RetakeAdvice.Loading.ThresholdProbes();
        var probed = RetakeAdvice.Loading.RuleSetLoader.Parse(RetakeAdvice.Loading.RuleFolder.FromDirectory(RepoPaths.Rules), probes);
        var suite = RuleTestSuite.Load(RepoPaths.Rules);
        Assert.Contains(probes.Sites, s => s.Parameter == "criticalWithinDays" && s.Path.EndsWith(".escalation.when", StringComparison.Ordinal));

        var hits = new RetakeAdvice.Loading.ThresholdHits(probes.Sites.Count);
        foreach (var testCase in suite.Cases.Where(c => c.Profile is not null))
        {
            // The instrumented rules give each case exactly the report the advisor gives.
            var expected = Shipped.Advisor.Advise(testCase.Profile!);
            using (RetakeAdvice.Loading.ThresholdProbes.Collect(hits))
            {
                Assert.Equal(expected, Shipped.Advisor.AdviseWith(probed, testCase.Profile!, CancellationToken.None));
            }
        }

        Assert.Contains(Enumerable.Range(0, probes.Sites.Count), i => hits.Held(i));
        // Once a collection's scope ends, advice on the same thread records nothing into it (and nothing throws).
        var ended = new RetakeAdvice.Loading.ThresholdHits(probes.Sites.Count);
        using (RetakeAdvice.Loading.ThresholdProbes.Collect(ended))
        {
        }

        foreach (var testCase in suite.Cases.Where(c => c.Profile is not null))
        {
            Shipped.Advisor.AdviseWith(probed, testCase.Profile!, CancellationToken.None);
        }

        Assert.DoesNotContain(Enumerable.Range(0, probes.Sites.Count), i => ended.Held(i) || ended.NotHeld(i) || ended.Unknown(i));
    }

    [Fact]
    public void DisabledRule_CountsForNothing()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("mentors.json", workflow => workflow["Rules"]![0]!["Enabled"] = false);
        using (var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)))
        {
            Assert.Contains("mentors.find-high-scorer", advisor.RuleIds);
        }

        var coverage = RuleTestSuite.Load(folder.Path).Coverage();

        var mentors = coverage.Rules.Single(r => r.Rule == "mentors.find-high-scorer");
        Assert.True(mentors.Disabled);
        Assert.Equal(0, mentors.Sides);
        Assert.Empty(mentors.Gaps);
        Assert.Equal(coverage.Rules.Sum(r => r.Sides) + (2 * coverage.SharedThresholds.Count), coverage.Sides);
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
