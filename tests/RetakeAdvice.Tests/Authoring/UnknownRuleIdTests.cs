using RetakeAdvice.Cli;

namespace RetakeAdvice.Tests.Authoring;

/// <summary>
/// A test that names a rule the rule set does not have is refused, with the nearest real id: misspelt under
/// absent or counts it passed whatever the rules did, and under present it read as "the rule did not fire".
/// </summary>
public sealed class UnknownRuleIdTests : IDisposable
{
    private const string Profile = """{ "asOf": "2026-11-27", "failedAttempts": [ { "date": "2026-10-01", "pointsBelowPassing": 5 } ] }""";
    private readonly TempRuleFolder _folder = TempRuleFolder.CopyOfShippedRules();

    public void Dispose() => _folder.Dispose();

    private RuleTestSuite SuiteWith(string expect)
    {
        _folder.Write("tests/planted.json", $$"""{ "cases": [ { "name": "planted", "profile": {{Profile}}, "expect": {{expect}} } ] }""");
        return RuleTestSuite.Load(_folder.Path);
    }

    [Theory]
    [InlineData("""{ "absent": [ "resilience.burnout-risks" ] }""", "resilience.burnout-risks", "resilience.burnout-risk")]
    [InlineData("""{ "present": [ "resilience.self-car" ] }""", "resilience.self-car", "resilience.self-care")]
    [InlineData("""{ "counts": { "topics.focuss": 0 } }""", "topics.focuss", "topics.focus")]
    [InlineData("""{ "suppressed": [ { "id": "resilience.self-care", "by": "wellbeing.crisis-suport" } ] }""", "wellbeing.crisis-suport", "wellbeing.crisis-support")]
    [InlineData("""{ "readiness": { "decidedBy": "readiness.wellbeing-frist" } }""", "readiness.wellbeing-frist", "readiness.wellbeing-first")]
    public void MisspeltId_CaseFails_AndValidationNamesTheNearestRule(string expect, string misspelt, string meant)
    {
        var suite = SuiteWith(expect);
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(_folder.Path));
        var planted = suite.Cases.Single(c => c.Name == "planted");

        var result = RuleTestSuite.Run(advisor, planted);
        var problems = suite.CheckRuleIds(advisor);

        var expected = $"names the rule '{misspelt}', which the rule set does not have; did you mean '{meant}'?";
        Assert.False(result.Passed);
        Assert.Contains(expected, result.Failures);
        var problem = Assert.Single(problems);
        Assert.Equal("tests/planted.json", problem.File);
        Assert.Equal($"test 'planted' {expected}", problem.Message);
        // Located where the id is written (the file is one line): its path, line and column.
        var written = File.ReadAllText(System.IO.Path.Combine(_folder.Path, "tests", "planted.json"));
        Assert.StartsWith("$.cases[0].expect.", problem.Path, StringComparison.Ordinal);
        Assert.Equal(1, problem.Line);
        Assert.Equal(written.IndexOf($"\"{misspelt}\"", StringComparison.Ordinal) + 1, problem.Column);
    }

    [Fact]
    public void IdNothingLike_ListsTheRules()
    {
        var suite = SuiteWith("""{ "absent": [ "zzz" ] }""");
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(_folder.Path));

        var problem = Assert.Single(suite.CheckRuleIds(advisor));

        Assert.StartsWith("test 'planted' names the rule 'zzz', which the rule set does not have (its rules: accommodations.apply-early, ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedTests_NameOnlyRealRules() =>
        Assert.Empty(RuleTestSuite.LoadDefault().CheckRuleIds(Shipped.Advisor));

    [Fact]
    public async Task Validate_TestNamingAnUnknownRule_Exit3NamingFileCaseAndSuggestion()
    {
        SuiteWith("""{ "absent": [ "resilience.burnout-risks" ] }""");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApp.RunAsync(["validate", _folder.Path], new StringReader(string.Empty), output, error);

        Assert.Equal(3, exit);
        var written = File.ReadAllText(System.IO.Path.Combine(_folder.Path, "tests", "planted.json"));
        var column = written.IndexOf("\"resilience.burnout-risks\"", StringComparison.Ordinal) + 1;
        Assert.Contains($"tests/planted.json(1,{column}): $.cases[0].expect.absent[0]: test 'planted' names the rule 'resilience.burnout-risks', which the rule set does not have; did you mean 'resilience.burnout-risk'?", error.ToString(), StringComparison.Ordinal);
    }
}
