using System.Text.Json;

namespace RetakeAdvice.Tests.Cli;

/// <summary>validate and explain: the rule author's commands.</summary>
public sealed partial class CliTests
{
    [Fact]
    public async Task Validate_ShippedRules_ExitsZeroWithASummary()
    {
        var result = await Run("validate", RepoPaths.Rules);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith($"valid: rule set default {Shipped.Advisor.RuleSet.Version} (sha256 {Shipped.Advisor.RuleSet.Sha256})", result.OutputLines[0]);
        Assert.Matches($@"^{Shipped.Advisor.RuleIds.Count} rules; \d+ test cases in \d+ files$", result.OutputLines[1]);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public async Task Validate_EmbeddedRules_ExitsZero()
    {
        var result = await Run("validate");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("the embedded default rule set", result.OutputLines[0]);
    }

    [Fact]
    public async Task Validate_BrokenRulesAndTests_ExitsThreeListingEveryError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.SetRuleExpression("wellbeing.counseling", "facts.Distres >= counselingDistress");
        folder.EditFirstCard("school.json", card => card["indicator"] = "urgent");
        folder.Write("tests/school.json", "{ \"cases\": [ { \"name\": \"x\" ");

        var result = await Run("validate", folder.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Matches(@"wellbeing\.json\(\d+,\d+\): rule 'wellbeing\.counseling' at \$\.Rules\[1\]\.Expression: No property or field 'Distres'", result.Error);
        Assert.Matches(@"school\.json\(\d+,\d+\): rule 'school\.contact-now' at \$\.Rules\[0\]\.Properties\.indicator: must be critical, warning or info", result.Error);
        Assert.Matches(@"tests/school\.json\(1,\d+\):", result.Error);
        AssertNoStackTrace(result.Error);
    }

    [Fact]
    public async Task Explain_Sample_ShowsEveryRuleWithItsValues()
    {
        var result = await Run("explain", SamplePath);

        Assert.Equal(0, result.ExitCode);
        var lines = result.OutputLines;
        Assert.Matches($@"^{Shipped.Advisor.RuleIds.Count} rules, \d+ fired, for 2026-11-27", lines[0]);
        Assert.Equal(Shipped.Advisor.RuleIds.Count, lines.Count(l => l.StartsWith("FIRED", StringComparison.Ordinal) || l.StartsWith("not fired", StringComparison.Ordinal) || l.StartsWith("not reached", StringComparison.Ordinal)));
        Assert.Contains("FIRED      readiness.latest-not-passing  (readiness.json)  readiness: not-ready", lines);
        Assert.Contains("not reached  readiness.unknown  (readiness.json)  readiness: unknown", lines);
        Assert.Contains("FIRED      wellbeing.counseling  (wellbeing.json)  warning", lines);
        Assert.Contains("      facts.Distress = 7", lines);
        Assert.Contains("      counselingDistress = 7", lines);
        Assert.Contains("not fired  school.arrange-logistics  (school.json)", lines);
        Assert.Contains("    escalate when: facts.DaysUntilExam <= criticalWithinDays -> yes", lines);
        Assert.Contains("      Renal tubular acidosis: kept, score 175", lines);
        Assert.Contains("      Fetal erythropoiesis: no match", lines);
    }

    [Fact]
    public async Task Explain_FormatJson_IsAnExplanationThatAgreesWithAdvise()
    {
        var explained = await Run("explain", SamplePath, "--format", "json");
        var advised = await Run("advise", SamplePath);

        Assert.Equal(0, explained.ExitCode);
        using var explanation = JsonDocument.Parse(explained.Output);
        using var report = JsonDocument.Parse(advised.Output);
        var fired = explanation.RootElement.GetProperty("rules").EnumerateArray()
            .Where(r => r.GetProperty("outcome").GetString() == "fired" && r.GetProperty("readiness").ValueKind == JsonValueKind.Null)
            .Select(r => r.GetProperty("id").GetString()).Order(StringComparer.Ordinal);
        var reported = report.RootElement.GetProperty("recommendations").EnumerateArray()
            .Select(r => r.GetProperty("id").GetString()).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(reported, fired);
    }

    [Fact]
    public async Task Explain_BadProfile_ExitsTwo()
    {
        var result = await RunWithStdin("{ \"failedAttempts\": [] }", "explain", "-");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("$.failedAttempts: must list at least one failed attempt", result.Error);
    }
}
