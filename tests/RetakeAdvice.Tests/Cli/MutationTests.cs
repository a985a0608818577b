using System.Text.Json.Nodes;
using static RetakeAdvice.Tests.TestSupport.CliRun;

namespace RetakeAdvice.Tests.Cli;

/// <summary>
/// <c>test --mutate</c>: each rule switched off and forced on, each escalation negated, each numeric parameter and
/// threshold nudged both ways; survivors listed with the test that would catch them, exit 1.
/// </summary>
public sealed class MutationTests
{
    /// <summary>The manifest, the mentor and accommodation rules and their own tests: a rule set small enough to mutate often.</summary>
    private static TempRuleFolder Small() => TempRuleFolder.CopyOfShippedRules().KeepOnly("mentors.json", "accommodations.json");

    private static void RemoveCases(TempRuleFolder folder, string file, Func<JsonNode, bool> remove) =>
        folder.EditJson(file, tests =>
        {
            var cases = tests["cases"]!.AsArray();
            foreach (var gone in cases.Where(c => remove(c!)).ToList())
            {
                cases.Remove(gone);
            }
        });

    [Fact]
    public async Task ShippedRules_EveryMutantCaught_Json()
    {
        var (exit, output, error) = await RunAsync("test", RepoPaths.Rules, "--mutate", "--format", "json");

        Assert.True(exit == 0, error + output);
        var mutation = JsonNode.Parse(output)!["mutation"]!;
        var mutants = mutation["byMutant"]!.AsArray();
        Assert.Equal(0, (int)mutation["survived"]!);
        Assert.Equal(mutants.Count, (int)mutation["mutants"]!);
        Assert.All(mutants, m => Assert.Contains((string?)m!["outcome"], (string[])["killed", "refused", "equivalent"]));
        // Every kind is made, from rules, escalations, GlobalParams and the manifest's thresholds.
        Assert.Equal(["escalation-flipped", "parameter-lowered", "parameter-raised", "rule-forced-on", "rule-off"], mutants.Select(m => (string)m!["kind"]!).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(mutants, m => (string?)m!["description"] == "counselingDistress 7 → 8" && (string?)m["killedBy"] == "tests/wellbeing.json: distress 7 (the line): counseling");
        Assert.Contains(mutants, m => (string?)m!["description"] == "counselingDistress 7 → 6" && (string?)m["killedBy"] == "tests/wellbeing.json: distress 6 (just under): no counseling card");
        // The smallest step follows how the value is written: 0.7 moves by 0.1, -10 by 1.
        Assert.Contains(mutants, m => (string?)m!["description"] == "practiceExamVerdict[passProbability].passAtLeast 0.7 → 0.8");
        Assert.Contains(mutants, m => (string?)m!["description"] == "practiceExamVerdict[passProbability].passAtLeast 0.7 → 0.6");
        Assert.Contains(mutants, m => (string?)m!["description"] == "practiceExamVerdict[score].closeAtLeast -10 → -11");
        Assert.Contains(mutants, m => (string?)m!["description"] == "failureBands[near].pointsBelowPassing.atMost 10 → 11" && (string?)m["outcome"] == "killed");
        Assert.Contains(mutants, m => (string?)m!["rule"] == "practice.gate-not-passed" && (string?)m["kind"] == "escalation-flipped" && (string?)m["outcome"] == "killed");
        // Each rule is switched off once; each enabled rule whose gate is not already "true" is forced on once.
        Assert.Equal(Shipped.Advisor.RuleIds.Order(StringComparer.Ordinal), mutants.Where(m => (string?)m!["kind"] == "rule-off").Select(m => (string)m!["rule"]!).Order(StringComparer.Ordinal));
        var equivalent = mutants.Where(m => (string?)m!["outcome"] == "equivalent").ToArray();
        Assert.All(equivalent, m => Assert.False(string.IsNullOrWhiteSpace((string?)m!["because"])));
    }

    [Fact]
    public async Task ThresholdTestedOnOneSideOnly_SurvivorNamed_WithTheComparison_Exit1()
    {
        using var folder = Small();
        RemoveCases(folder, "tests/mentors.json", c => ((string)c["name"]!).StartsWith("Step 1 239", StringComparison.Ordinal));

        var (exit, output, error) = await RunAsync("test", folder.Path, "--mutate");

        Assert.Equal(1, exit);
        Assert.Contains("  - highStep1Score 240 → 239 (mentors.json $.GlobalParams[0].Expression)\n", output, StringComparison.Ordinal);
        // The hint names the value that crosses the line, and which way.
        Assert.Contains("a test that would catch it: add a case where it.Step1Score is 239 (it.Step1Score >= highStep1Score does not hold there today and would with 239), expecting what mentors.find-high-scorer gives it today", output, StringComparison.Ordinal);
        Assert.DoesNotContain("  - highStep1Score 240 → 241", output, StringComparison.Ordinal); // the case at 240 still catches raising it
        Assert.Contains("mutant(s) survived", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Step 1 240", "highStep1Score 240 → 241", "add a case where it.Step1Score is 240 (it.Step1Score >= highStep1Score holds there today and would not with 241)")]
    [InlineData("Step 1 239", "highStep1Score 240 → 239", "add a case where it.Step1Score is 239 (it.Step1Score >= highStep1Score does not hold there today and would with 239)")]
    public void FollowingTheThresholdHint_KillsTheSurvivor(string removed, string mutant, string hint)
    {
        using var folder = Small();
        var original = JsonNode.Parse(folder.Read("tests/mentors.json"))!["cases"]!.AsArray().First(c => ((string)c!["name"]!).StartsWith(removed, StringComparison.Ordinal))!.DeepClone();
        RemoveCases(folder, "tests/mentors.json", c => ((string)c["name"]!).StartsWith(removed, StringComparison.Ordinal));

        var survivor = RuleTestSuite.Load(folder.Path).Mutate().Mutants.Single(m => m.Description == mutant);

        Assert.Equal(MutantOutcome.Survived, survivor.Outcome);
        Assert.StartsWith(hint, survivor.Hint, StringComparison.Ordinal);
        // The case the hint asks for (the removed one: that value, expecting what the rules give it today) kills it.
        folder.EditJson("tests/mentors.json", tests => tests["cases"]!.AsArray().Add(original));
        Assert.Equal(MutantOutcome.Killed, RuleTestSuite.Load(folder.Path).Mutate().Mutants.Single(m => m.Description == mutant).Outcome);
    }

    [Fact]
    public async Task RuleWithNoTest_OffAndOnSurvive_HintsNameACase()
    {
        using var folder = Small();
        RemoveCases(folder, "tests/accommodations.json", c => c["expect"]!.ToJsonString().Contains("accommodations.apply-early", StringComparison.Ordinal));
        var suite = RuleTestSuite.Load(folder.Path);

        var report = suite.Mutate();

        var off = report.Mutants.Single(m => m.Kind == MutantKind.RuleOff && m.Rule == "accommodations.apply-early");
        var on = report.Mutants.Single(m => m.Kind == MutantKind.RuleForcedOn && m.Rule == "accommodations.apply-early");
        Assert.Equal(MutantOutcome.Survived, off.Outcome);
        Assert.Equal(MutantOutcome.Survived, on.Outcome);
        Assert.StartsWith("no case makes accommodations.apply-early fire", off.Hint, StringComparison.Ordinal);
        Assert.Matches("^expect it to stay quiet where it does: add \"accommodations.apply-early\" to expect.absent in \"tests/.+[.]json: .+\"$", on.Hint);
        Assert.False(report.AllCaught);
        // The rules the tests still pin are caught.
        Assert.Equal(MutantOutcome.Killed, report.Mutants.Single(m => m.Kind == MutantKind.RuleOff && m.Rule == "mentors.find-high-scorer").Outcome);
    }

    [Fact]
    public void Parallel_GivesTheSameOutcomes_AsOneAtATime()
    {
        using var folder = Small();
        var suite = RuleTestSuite.Load(folder.Path);

        var serial = suite.Mutate(new MutationOptions { MaxDegreeOfParallelism = 1 });
        var parallel = suite.Mutate(new MutationOptions { MaxDegreeOfParallelism = 4 });

        Assert.Equal(serial.Mutants.Select(m => (m.Description, m.Outcome, m.KilledBy)), parallel.Mutants.Select(m => (m.Description, m.Outcome, m.KilledBy)));
        Assert.Contains(serial.Mutants, m => m.Outcome == MutantOutcome.Killed);
        Assert.Contains(serial.Mutants, m => m.Outcome == MutantOutcome.Survived); // the manifest's lines: no wellbeing test pins them
    }

    [Fact]
    public async Task TimeBudgetRunsOut_NotRunListed_Exit1()
    {
        using var folder = Small();

        var (exit, output, error) = await RunAsync("test", folder.Path, "--mutate", "--time-budget", "0.001", "--parallel", "1");

        Assert.Equal(1, exit);
        Assert.Matches(@"\d+ not run \(time budget\)", output);
        Assert.Contains("not run:\n", output, StringComparison.Ordinal);
        Assert.Contains("--time-budget", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--time-budget", "0")]
    [InlineData("--time-budget", "soon")]
    [InlineData("--parallel", "0")]
    [InlineData("--parallel", "many")]
    public async Task BadOptions_Exit2(string option, string value)
    {
        var (exit, _, error) = await RunAsync("test", RepoPaths.Rules, "--mutate", option, value);

        Assert.Equal(2, exit);
        Assert.Contains(option, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingCase_NoMutantsRun_Exit1()
    {
        using var folder = Small();
        folder.EditJson("tests/mentors.json", tests => tests["cases"]![0]!["expect"] = JsonNode.Parse("""{ "absent": ["mentors.find-high-scorer"] }"""));

        var (exit, output, error) = await RunAsync("test", folder.Path, "--mutate");

        Assert.Equal(1, exit);
        Assert.DoesNotContain("mutation:", output, StringComparison.Ordinal);
        Assert.Contains("no mutants were run, because cases fail on the rules as they are", error, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => RuleTestSuite.Load(folder.Path).Mutate());
    }

    [Fact]
    public async Task EquivalentMutant_Declared_NotASurvivor_AndAMisspeltOneIsAnError()
    {
        using var folder = Small();
        RemoveCases(folder, "tests/mentors.json", c => ((string)c["name"]!).StartsWith("Step 1 239", StringComparison.Ordinal));
        folder.EditJson("tests/mentors.json", tests => tests["equivalentMutants"] = JsonNode.Parse(
            """[{ "kind": "parameter-lowered", "parameter": "highStep1Score", "because": "for this test: declared, not caught" }]"""));

        var report = RuleTestSuite.Load(folder.Path).Mutate();

        var declared = report.Mutants.Single(m => m.Description == "highStep1Score 240 → 239");
        Assert.Equal(MutantOutcome.Equivalent, declared.Outcome);
        Assert.Equal("for this test: declared, not caught", declared.Because);
        Assert.DoesNotContain(report.Survivors, m => m.Parameter == "highStep1Score");

        folder.EditJson("tests/mentors.json", tests => tests["equivalentMutants"]![0]!["parameter"] = "highStep1Scor");
        var (exit, _, error) = await RunAsync("test", folder.Path, "--mutate");

        Assert.Equal(3, exit);
        Assert.Contains("tests/mentors.json", error, StringComparison.Ordinal);
        Assert.Contains("$.equivalentMutants[0]", error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'highStep1Score'?", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EquivalentMutant_ThatATestCatches_IsReportedAsStale()
    {
        using var folder = Small();
        folder.EditJson("tests/mentors.json", tests => tests["equivalentMutants"] = JsonNode.Parse(
            """[{ "kind": "rule-off", "rule": "mentors.find-high-scorer", "because": "wrongly declared" }]"""));

        var (_, output, _) = await RunAsync("test", folder.Path, "--mutate");

        Assert.Contains("note: mentors.find-high-scorer switched off is declared equivalent, but \"tests/mentors.json: ", output, StringComparison.Ordinal);
        Assert.Contains("its equivalentMutants entry can go", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "kind": "rule-sideways", "rule": "mentors.find-high-scorer", "because": "x" }""", "$.equivalentMutants[0].kind")]
    [InlineData("""{ "kind": "rule-off", "parameter": "highStep1Score", "because": "x" }""", "$.equivalentMutants[0].parameter")]
    [InlineData("""{ "kind": "rule-off", "rule": "mentors.find-high-scorer" }""", "$.equivalentMutants[0].because")]
    [InlineData("""{ "kind": "rule-off", "rule": "mentors.find-high-scorer", "because": " " }""", "$.equivalentMutants[0].because")]
    public async Task EquivalentMutant_Malformed_ErrorNamesFileAndPath(string entry, string path)
    {
        using var folder = Small();
        folder.EditJson("tests/mentors.json", tests => tests["equivalentMutants"] = new JsonArray(JsonNode.Parse(entry)));

        var (exit, _, error) = await RunAsync("test", folder.Path);

        Assert.Equal(3, exit);
        Assert.Contains("tests/mentors.json", error, StringComparison.Ordinal);
        Assert.Contains(path, error, StringComparison.Ordinal);
    }
}
