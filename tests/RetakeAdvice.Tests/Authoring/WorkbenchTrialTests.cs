using System.Text.Json.Nodes;
using static RetakeAdvice.Tests.TestSupport.CliRun;

namespace RetakeAdvice.Tests.Authoring;

/// <summary>What a new rule author met trying the workbench: each a behaviour that used to mislead, pinned.</summary>
public sealed class WorkbenchTrialTests
{
    private static void KeepCases(TempRuleFolder folder, string file, Func<JsonNode, bool> keep) =>
        folder.EditJson(file, tests =>
        {
            var cases = tests["cases"]!.AsArray();
            foreach (var gone in cases.Where(c => !keep(c!)).ToList())
            {
                cases.Remove(gone);
            }
        });

    [Fact]
    public void Coverage_CaseWithTheFactUnknown_IsOnNeitherSideOfTheLine()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        // Only cases at or over the counseling line, or with no distress at all: none below it.
        foreach (var file in Directory.GetFiles(Path.Combine(folder.Path, "tests"), "*.json"))
        {
            KeepCases(folder, Path.Combine("tests", Path.GetFileName(file)), c => (int?)c["profile"]!["wellbeing"]?["distress"] is null or >= 7);
        }

        var counseling = RuleTestSuite.Load(folder.Path).Coverage().Rules.Single(r => r.Rule == "wellbeing.counseling");

        var threshold = Assert.Single(counseling.Thresholds);
        Assert.Empty(threshold.NotHeld);
        Assert.NotEmpty(threshold.Unknown);
        Assert.NotEmpty(threshold.Held);
        Assert.False(threshold.Covered);
        Assert.Contains(counseling.Gaps, g => g.StartsWith("counselingDistress: never failed with a known value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Coverage_AThresholdWrittenAsANumber_IsListed_ForNeitherCoverageNorMutationCanSeeIt()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.SetRuleExpression("wellbeing.counseling", "facts.Distress >= 7");

        var coverage = RuleTestSuite.Load(folder.Path).Coverage();
        var (_, output, _) = await RunAsync("test", folder.Path, "--coverage");

        Assert.Contains("wellbeing.json $.Rules[1].Expression: facts.Distress >= 7", coverage.LiteralComparisons);
        Assert.Empty(coverage.Rules.Single(r => r.Rule == "wellbeing.counseling").Thresholds);
        // Decisions only: a text's "== 1 ? \"point\" : \"points\"" is grammar, and 0 is a sign or an empty count.
        Assert.DoesNotContain(coverage.LiteralComparisons, l => l.Contains("because", StringComparison.Ordinal) || l.Contains("summary", StringComparison.Ordinal));
        Assert.DoesNotContain(coverage.LiteralComparisons, l => l.EndsWith(" 0", StringComparison.Ordinal));
        Assert.Contains("  - wellbeing.json $.Rules[1].Expression: facts.Distress >= 7\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MisspeltEquivalentMutant_Exit3WithLineAndNearestName()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("tests/topics.json", tests => tests["equivalentMutants"]![0]!["parameter"] = "lowerAreaScor");

        var (exit, _, error) = await RunAsync("validate", folder.Path);

        Assert.Equal(3, exit);
        Assert.Matches(@"tests/topics\.json\(\d+,\d+\): \$\.equivalentMutants\[0\]: names no parameter-raised mutant: 'lowerAreaScor' is not among them \(did you mean 'lowerAreaScore'\?\)", error);
    }

    [Fact]
    public async Task TestCaseWhoseProfileDoesNotRead_ValidateNamesIt_TestIndentsItUnderTheCase()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("tests/wellbeing.json", tests => tests["cases"]![3]!["profile"]!["wellbeing"] = JsonNode.Parse("""{ "distres": 7 }"""));

        var (validateExit, _, error) = await RunAsync("validate", folder.Path);
        var (exit, output, _) = await RunAsync("test", folder.Path);

        Assert.Equal(3, validateExit);
        // Located at the case's profile: file, line, column and path.
        Assert.Matches(@"tests/wellbeing\.json\(\d+,\d+\): \$\.cases\[3\]\.profile: test 'distress 7 \(the line\): counseling': the profile does not read:", error);
        Assert.Contains("$.wellbeing.distres", error, StringComparison.Ordinal);
        // A failure of several lines stays under its case.
        Assert.Equal(1, exit);
        Assert.Contains("\n    - $.wellbeing.distres", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\n- $.wellbeing.distres", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TextReference_CardThereWordsNot_ShowsTheCardsWords()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules().KeepOnly("mentors.json");
        folder.EditJson("tests/mentors.json", tests =>
        {
            var first = tests["cases"]![0]!.DeepClone();
            first["expect"] = JsonNode.Parse("""{ "present": [{ "id": "mentors.find-high-scorer", "text": "SCORED 240+" }] }""");
            tests["cases"] = new JsonArray(first);
        });
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));

        var result = RuleTestSuite.Run(advisor, Assert.Single(RuleTestSuite.Load(folder.Path).Cases));

        Assert.Contains("missing: mentors.find-high-scorer saying \"SCORED 240+\"", result.Failures);
        Assert.Contains(result.Failures, f => f.StartsWith("mentors.find-high-scorer says: \"Find a mentor who scored high", StringComparison.Ordinal) && f.Contains("scored 240+", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"present\"", "\"presnt\"", "$.cases[0].expect.presnt: 'presnt' is not a known key here; did you mean 'present'? Known keys: present, absent, order")]
    [InlineData("\"expect\": {", "\"expect\": { \"absent\": [],  \"absent\": [], ", "$.cases[0].expect.absent: the key 'absent' is given twice: keep one")]
    public async Task TestFile_UnknownOrTwiceGivenKey_InTheAuthorsWords(string from, string to, string expected)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        var content = folder.Read("tests/mentors.json");
        var at = content.IndexOf(from, StringComparison.Ordinal);
        folder.Write("tests/mentors.json", content[..at] + to + content[(at + from.Length)..]);

        var (exit, _, error) = await RunAsync("test", folder.Path);

        Assert.Equal(3, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain(".NET", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorInATestFile_NamesTheTest_NotARule()
    {
        var error = new RuleSetError { File = "tests/school.json", Rule = "text empty", Path = "$.cases[29].expect.present[0].text", Message = "must not be empty" };

        Assert.Equal("tests/school.json: test 'text empty' at $.cases[29].expect.present[0].text: must not be empty", error.ToString());
        Assert.StartsWith("school.json: rule 'school.deadline' at", (error with { File = "school.json", Rule = "school.deadline" }).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_NoProfiles_Exit2_ABadOneNamed()
    {
        var empty = Directory.CreateTempSubdirectory("retake-empty-").FullName;
        var ndjson = Path.Combine(empty, "profiles.ndjson");
        try
        {
            var none = await RunAsync("diff", RepoPaths.Rules, RepoPaths.Rules, empty);
            await File.WriteAllTextAsync(ndjson, "{\"asOf\":\"2026-11-27\",\"failedAttempts\":[{\"date\":\"2026-10-01\",\"pointsBelowPassing\":5}]}\n{bad\n");
            var bad = await RunAsync("diff", RepoPaths.Rules, RepoPaths.Rules, ndjson);

            Assert.Equal(2, none.Exit);
            Assert.Contains("No profiles in", none.Error, StringComparison.Ordinal);
            Assert.Equal(2, bad.Exit);
            Assert.Contains("line 2: The profile is not valid", bad.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}
