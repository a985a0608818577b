using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RetakeAdvice.Cli;

namespace RetakeAdvice.Tests.Cli;

/// <summary>Spec section 5: <c>retake-advice advise</c> and <c>test</c>, run in process; exit codes 0, 1, 2, 3.</summary>
public sealed partial class CliTests
{
    private static readonly string SamplePath = Profiles.SamplePath("near-miss.json");

    private sealed record CliResult(int ExitCode, string Output, string Error)
    {
        public string[] OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static async Task<CliResult> RunWithStdin(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await CliApp.RunAsync(args, new StringReader(stdin), output, error);

        return new CliResult(code, output.ToString(), error.ToString());
    }

    private static Task<CliResult> Run(params string[] args) => RunWithStdin(string.Empty, args);

    [GeneratedRegex(@"^\d+ passed, 0 failed$")]
    private static partial Regex AllPassedLine();

    [GeneratedRegex(@"^\d+ passed, [1-9]\d* failed$")]
    private static partial Regex SomeFailedLine();

    private static void AssertNoStackTrace(string text)
    {
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("--- End of", text);
    }

    // ---- advise ----

    public static TheoryData<string> SampleFiles() => new(Profiles.SampleFiles());

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public async Task Advise_Sample_ExitsZeroWithAJsonReport(string path)
    {
        var result = await Run("advise", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        using var report = JsonDocument.Parse(result.Output);
        Assert.Equal(1, report.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.True(report.RootElement.GetProperty("recommendations").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Advise_Sample_SameJsonValueAsTheLibrary()
    {
        var library = RetakeAdviceJson.WriteReport(RetakeAdvisor.Create().Advise(RetakeAdviceJson.ReadProfile(File.ReadAllText(SamplePath))));

        var result = await Run("advise", SamplePath);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(library), JsonNode.Parse(result.Output)), "the CLI's report differs from the library's");
    }

    [Fact]
    public async Task Advise_FormatText_WritesARankedListForPeople()
    {
        var result = await Run("advise", SamplePath, "--format", "text");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Equal($"Advice for 2026-11-27  (rule set default {Shipped.Advisor.RuleSet.Version})", lines[0]);
        Assert.Equal("Readiness: not ready — latest practice exam (NBME 31, 2026-11-20) is below the pass line", lines[1]);
        Assert.Equal("Estimated study: 4–8 weeks", lines[2]);
        Assert.Equal(" 1. [CRITICAL] Do not sit the retake until a practice exam shows a pass: move the date if you need to.", lines[4]);
        Assert.Contains("    do:  study-topic Type I hypersensitivity (60 min)", lines);
        Assert.Contains("10. [INFO] You were close: plan several more focused weeks of review rather than starting over.", lines);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(result.Output));
    }

    [Theory]
    [InlineData("advise", "--format", "text")]
    [InlineData("explain", "--format", "text")]
    public async Task TextOutput_ProfileTextWithControlCharacters_ShownEscaped(string command, string option, string format)
    {
        // A topic that would set the window title, clear the screen, forge a card on a line of its own and reverse
        // what follows; a topic whose quote would forge a field in explain.
        const string Topic = "\u001B]0;pwned\u0007\u001B[2J\n 2. [CRITICAL] forged\u202Eevil";
        var json = Profiles.MinimalJson($$"""
            "topics": [ { "name": {{System.Text.Json.JsonSerializer.Serialize(Topic)}}, "seen": 10, "incorrect": 5 }, { "name": "x\" forged = \"y", "seen": 1, "incorrect": 0 } ]
            """);

        var result = await RunWithStdin(json, command, "-", option, format);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain(result.Output, c => c is '\u001B' or '\u0007' or '\u202E');
        Assert.Contains("\\u001B]0;pwned\\u0007\\u001B[2J\\u000A 2. [CRITICAL] forged\\u202Eevil", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Output.Split('\n'), line => line.TrimStart().StartsWith("2. [CRITICAL] forged", StringComparison.Ordinal));
        if (command == "explain")
        {
            Assert.Contains("Name = \"x\\\" forged = \\\"y\"", result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Advise_FormatJsonExplicitly_SameAsDefault()
    {
        var byDefault = await Run("advise", SamplePath);

        var explicitJson = await Run("advise", SamplePath, "--format", "json");

        Assert.Equal(byDefault.Output, explicitJson.Output);
    }

    [Fact]
    public async Task Advise_Dash_ReadsTheProfileFromStandardInput()
    {
        var fromFile = await Run("advise", SamplePath);

        var fromStdin = await RunWithStdin(File.ReadAllText(SamplePath), "advise", "-");

        Assert.Equal(0, fromStdin.ExitCode);
        Assert.Equal(fromFile.Output, fromStdin.Output);
    }

    [Fact]
    public async Task Advise_AsOf_OverridesTheProfilesAsOf()
    {
        var result = await Run("advise", SamplePath, "--as-of", "2026-11-30");

        Assert.Equal(0, result.ExitCode);
        using var report = JsonDocument.Parse(result.Output);
        Assert.Equal("2026-11-30", report.RootElement.GetProperty("asOf").GetString());
        var gate = report.RootElement.GetProperty("recommendations")[0];
        Assert.Equal("your retake is scheduled for 2026-12-08, 8 days away", gate.GetProperty("because")[1].GetString());
    }

    [Fact]
    public async Task Advise_AsOfBeforeTheFailure_IsBadInput()
    {
        var result = await Run("advise", SamplePath, "--as-of", "2026-09-30");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("$.failedAttempts[0].date: is after asOf 2026-09-30 (was 2026-10-02)", result.Error);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task Advise_AsOfEarlierThanTheProfiles_ValidatesAgainstTheOverride()
    {
        const string Profile = """{"asOf":"2026-12-10","failedAttempts":[{"date":"2026-10-01","pointsBelowPassing":5}],"examDate":"2026-12-08"}""";

        var result = await RunWithStdin(Profile, "advise", "-", "--as-of", "2026-11-27");

        Assert.Equal(string.Empty, result.Error);
        Assert.Equal(0, result.ExitCode);
        using var report = JsonDocument.Parse(result.Output);
        Assert.Equal("2026-11-27", report.RootElement.GetProperty("asOf").GetString());
    }

    // ---- bad input: exit 2 ----

    [Fact]
    public async Task Advise_InvalidProfile_ExitsTwoNamingTheFieldsOnStderr()
    {
        const string Profile = """{"asOf":"2026-11-27","failedAttempts":[{"date":"2026-10-01","pointsBelowPassing":5}],"wellbeing":{"distress":11},"nickname":"x"}""";

        var result = await RunWithStdin(Profile, "advise", "-");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Equal(
            "The profile is not valid:\n- $.nickname: is not a known field\n- $.wellbeing.distress: must be between 0 and 10 (was 11)\n",
            result.Error);
        AssertNoStackTrace(result.Error);
    }

    [Fact]
    public async Task Advise_FailedScoreAtTheStandard_ExitsTwo()
    {
        const string Profile = """{"asOf":"2026-11-27","failedAttempts":[{"date":"2019-06-01","score":194}]}""";

        var result = await RunWithStdin(Profile, "advise", "-");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("$.failedAttempts[0].score: is at or above the passing standard 194 (was 194)", result.Error);
        Assert.Equal(string.Empty, result.Output);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"asOf\":")]
    [InlineData("[1, 2]")]
    public async Task Advise_StdinNotAProfile_ExitsTwoWithoutStackTrace(string stdin)
    {
        var result = await RunWithStdin(stdin, "advise", "-");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("The profile is not valid:\n- $: ", result.Error);
        Assert.Equal(string.Empty, result.Output);
        AssertNoStackTrace(result.Error);
    }

    [Fact]
    public async Task Advise_MissingFile_ExitsTwo()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-profile-" + Guid.NewGuid().ToString("N") + ".json");

        var result = await Run("advise", path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"Cannot read the profile '{path}': ", result.Error);
        Assert.Equal(string.Empty, result.Output);
        AssertNoStackTrace(result.Error);
    }

    [Theory]
    [InlineData("27/11/2026")]
    [InlineData("2026-02-30")]
    [InlineData("today")]
    public async Task Advise_BadAsOf_ExitsTwo(string asOf)
    {
        var result = await Run("advise", SamplePath, "--as-of", asOf);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"--as-of: '{asOf}' is not a date written yyyy-MM-dd.\n", result.Error);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task Advise_UnknownOption_ExitsTwo()
    {
        var result = await Run("advise", SamplePath, "--bogus");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Unrecognized command or argument '--bogus'.\nRun 'retake-advice --help' for usage.\n", result.Error);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task Advise_UnknownFormat_ExitsTwo()
    {
        var result = await Run("advise", SamplePath, "--format", "xml");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("xml", result.Error);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task Advise_WithoutProfileArgument_ExitsTwo()
    {
        var result = await Run("advise");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("advise needs a profile file (or - for standard input), or --batch FILE.", result.Error);
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwo()
    {
        var result = await Run("advice", SamplePath);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'advice'", result.Error);
    }

    // ---- bad rules: exit 3 ----

    [Fact]
    public async Task Advise_RulesFolderBroken_ExitsThreeNamingFileAndRule()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card => card["step"] = 8);

        var result = await Run("advise", SamplePath, "--rules", folder.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(
            $"The rule set in {folder.Path} is not valid (1 error):\n- school.json: rule 'school.contact-now' at $.Rules[0].Properties.step: must be a step the manifest lists: 1, 2, 3, 4, 5, 6, 7 (was 8)\n",
            System.Text.RegularExpressions.Regex.Replace(result.Error, @"\(\d+,\d+\):", ":"));
        Assert.Matches(@"- school\.json\(\d+,\d+\): rule", result.Error);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task Advise_RulesFolderBrokenAndProfileInvalid_ReportsTheRulesFirst()
    {
        // The profile is deserialized before the rules are loaded (they may be loading on another thread), but
        // a broken rule set still decides the exit code and the message, as when the rules were read first.
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card => card["step"] = 8);
        var profile = Path.GetTempFileName();
        File.WriteAllText(profile, "{\"failedAttempts\": \"many\"}");

        var result = await Run("advise", profile, "--rules", folder.Path);
        var withGoodRules = await Run("advise", profile, "--rules", RepoPaths.Rules);
        File.Delete(profile);

        Assert.Equal(2, withGoodRules.ExitCode);
        Assert.Contains("failedAttempts", withGoodRules.Error);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("school.json", result.Error);
        Assert.DoesNotContain("failedAttempts", result.Error);
    }

    [Theory]
    [InlineData(true, "advise", "profile.json")]
    [InlineData(true, "explain", "-", "--format", "json")]
    [InlineData(true, "validate")]
    [InlineData(true, "test")]
    [InlineData(false, "advise", "profile.json", "--rules", "dir")]
    [InlineData(false, "advise", "profile.json", "--rules=dir")]
    [InlineData(false, "validate", "dir")]
    [InlineData(false, "test", "dir")]
    [InlineData(false, "advise", "--help")]
    [InlineData(false, "serve", "--rules", "dir")]
    [InlineData(false, "serve")]
    [InlineData(false)]
    public void Preload_StartsOnlyForCommandsOnTheEmbeddedRules(bool expected, params string[] args)
    {
        Assert.Equal(expected, DefaultRulesPreload.UsesEmbeddedRules(args));
    }

    [Fact]
    public async Task Explain_RuleThatThrows_ExplainsTheRestAndExitsThreeNamingIt()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule["Expression"] = "facts.LatestPracticeExam.Score > 1");
        const string Profile = """{"asOf":"2026-11-27","failedAttempts":[{"date":"2026-10-01","pointsBelowPassing":5}]}""";

        var result = await RunWithStdin(Profile, "explain", "-", "--rules", folder.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("ERROR", result.Output, StringComparison.Ordinal);
        Assert.Contains("wellbeing.crisis-support", result.Output, StringComparison.Ordinal); // the rules after it are explained too
        Assert.StartsWith("school.json: rule 'school.contact-now' threw while evaluating its Expression", result.Error, StringComparison.Ordinal);
        AssertNoStackTrace(result.Error);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("99999999999")]
    public async Task Serve_MaxConnectionsNotAPositiveNumber_ExitsTwoWithoutAStackTrace(string value)
    {
        var result = await Run("serve", "--urls", "http://127.0.0.1:0", "--max-connections", value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--max-connections must be a whole number from 1 to {int.MaxValue} (was '{value}')", result.Error, StringComparison.Ordinal);
        AssertNoStackTrace(result.Error);
    }

    [Fact]
    public async Task Advise_RuleThatThrows_ExitsThreeNamingFileAndRule()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule["Expression"] = "facts.LatestPracticeExam.Score > 1");
        const string Profile = """{"asOf":"2026-11-27","failedAttempts":[{"date":"2026-10-01","pointsBelowPassing":5}]}""";

        var result = await RunWithStdin(Profile, "advise", "-", "--rules", folder.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith("school.json: rule 'school.contact-now' threw while evaluating its Expression", result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        AssertNoStackTrace(result.Error);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task Advise_RulesFolderWithAnExtraRule_UsesThatFolder()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card => card["summary"] = "Email the dean today.");

        var result = await Run("advise", SamplePath, "--rules", folder.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"summary\": \"Email the dean today.\"", result.Output);
    }

    [Fact]
    public async Task Advise_RulesManifestWithNullSource_ExitsThreeWithoutStackTrace()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["source"] = null);

        var result = await Run("advise", SamplePath, "--rules", folder.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("ruleset.json", result.Error);
        AssertNoStackTrace(result.Error);
    }

    [Fact]
    public async Task Advise_ProfileWithRepeatedKeyAndUnknownField_ExitsTwoWithoutStackTrace()
    {
        const string Profile = """{"asOf":"2026-11-27","asOf":"2026-11-27","failedAttempts":[{"date":"2026-10-01","pointsBelowPassing":5}],"nickname":"x"}""";

        var result = await RunWithStdin(Profile, "advise", "-");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("$.nickname", result.Error);
        AssertNoStackTrace(result.Error);
    }

    // ---- test ----

    [Fact]
    public async Task Test_ShippedRulesFolder_AllPass()
    {
        var result = await Run("test", RepoPaths.Rules);

        Assert.Equal(0, result.ExitCode);
        var lines = result.OutputLines;
        Assert.Matches(AllPassedLine(), lines[^1]);
        Assert.Equal($"{RuleTestSuite.Load(RepoPaths.Rules).Cases.Count} passed, 0 failed", lines[^1]);
        Assert.DoesNotContain(lines, l => l.StartsWith("FAIL", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Test_EmbeddedRules_AllPass()
    {
        var result = await Run("test");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(AllPassedLine(), result.OutputLines[^1]);
    }

    [Fact]
    public async Task Test_RuleSwitchedOff_FailsNamingTheCaseAndWhatIsMissing()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule["Expression"] = "false");

        var result = await Run("test", folder.Path);

        Assert.Equal(1, result.ExitCode);
        var lines = result.OutputLines;
        var fail = Array.IndexOf(lines, "FAIL tests/school.json: not contacted: contact the school now");
        Assert.True(fail >= 0, "no FAIL line for the school case:\n" + result.Output);
        Assert.Equal("  - missing: school.contact-now", lines[fail + 1]);
        Assert.Matches(SomeFailedLine(), lines[^1]);
    }

    [Fact]
    public async Task Test_BrokenRules_ExitsThree()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Replace("wellbeing.json", "facts.Distress >= counselingDistress", "facts.Distres >= counselingDistress");

        var result = await Run("test", folder.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.Matches(@"wellbeing\.json\(\d+,\d+\): rule 'wellbeing\.counseling' at \$\.Rules\[1\]\.Expression: No property or field 'Distres'", result.Error);
        Assert.Equal(string.Empty, result.Output);
    }

    [Fact]
    public async Task Test_TestFileWithNullCases_ExitsThreeNamingTheFile()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Write("tests/school.json", """{ "cases": null }""");

        var result = await Run("test", folder.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("tests/school.json", result.Error);
        AssertNoStackTrace(result.Error);
    }

    [Fact]
    public async Task Test_FolderWithoutTests_FailsSayingSo()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        Directory.Delete(folder.FilePath("tests"), recursive: true);

        var result = await Run("test", folder.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("0 passed, 0 failed", result.OutputLines[^1]);
        Assert.StartsWith("No test cases found in ", result.Error);
    }
}
