namespace RetakeAdvice.Tests.Authoring;

/// <summary>A misspelt fact, member or name in an expression gets the nearest real one, and for a member the list.</summary>
public sealed class DidYouMeanTests
{
    private static string LoadError(string ruleId, string expression)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.SetRuleExpression(ruleId, expression);
        return Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Message;
    }

    [Fact]
    public void MisspeltFact_NearestFactAndTheListOfFacts()
    {
        var message = LoadError("wellbeing.counseling", "facts.Distres > 1");

        Assert.Contains("No property or field 'Distres' exists in type 'AdviceFacts'; did you mean 'Distress'? AdviceFacts has: Accommodations, AsOf, ", message, StringComparison.Ordinal);
        Assert.Contains(", ThoughtsOfSelfHarm, Topics, ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspeltProfileMember_NearestMember()
    {
        var message = LoadError("wellbeing.counseling", "profile.Wellbieng != null");

        Assert.Contains("did you mean 'Wellbeing'? RetakeProfile has: ", message, StringComparison.Ordinal);
    }

    [Fact]
    public void MisspeltParameter_NearestNameInScope()
    {
        var message = LoadError("wellbeing.counseling", "facts.Distress >= counselingDistres");

        Assert.Contains("Unknown identifier 'counselingDistres'; did you mean 'counselingDistress'?", message, StringComparison.Ordinal);
    }

    [Fact]
    public void NothingClose_NoGuess()
    {
        var message = LoadError("wellbeing.counseling", "facts.Zzzzzzzzzzz > 1");

        Assert.DoesNotContain("did you mean", message, StringComparison.Ordinal);
        Assert.Contains("AdviceFacts has: ", message, StringComparison.Ordinal);
    }
}

/// <summary>A missing comma is reported where it goes, not at the next value where System.Text.Json stopped.</summary>
public sealed class MissingCommaTests
{
    [Theory]
    [InlineData("wellbeing.json", "\"RuleName\": \"wellbeing.counseling\",")]
    [InlineData("ruleset.json", "\"version\": \"1.1.0\",")]
    [InlineData("tests/resilience.json", "\"name\": \"12.5 hours a day (over 12): burnout risk\",")]
    public void MissingComma_PointsAtTheEndOfThePreviousValue(string file, string lineWithComma)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        var text = File.ReadAllText(Path.Combine(folder.Path, file));
        var at = text.IndexOf(lineWithComma, StringComparison.Ordinal);
        Assert.True(at >= 0, $"{lineWithComma} is not in {file}");
        folder.Write(file, text.Remove(at + lineWithComma.Length - 1, 1));
        var line = text[..at].Count(c => c == '\n') + 1;
        var column = at - text.LastIndexOf('\n', at) + lineWithComma.Length - 1;

        var error = Assert.Throws<RuleSetException>(() =>
        {
            using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
            Testing.RuleTestSuite.Load(folder.Path);
        });

        var problem = Assert.Single(error.Errors);
        Assert.Equal((file, line, column), (problem.File, problem.Line, problem.Column));
        Assert.StartsWith($"a ',' is missing after this value (the next one starts at line {line + 1}, column ", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void QuoteInsideAText_IsNamedAtTheQuote_NotAsAMissingComma()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        var text = File.ReadAllText(Path.Combine(folder.Path, "school.json"));
        const string Summary = "\"summary\": \"";
        var at = text.IndexOf(Summary, StringComparison.Ordinal) + Summary.Length;
        // An author quotes a word inside the summary without escaping: "…"today" …".
        folder.Write("school.json", text.Insert(at, "Call \"today\" "));
        var line = text[..at].Count(c => c == '\n') + 1;
        var column = at - text.LastIndexOf('\n', at) + "Call ".Length;

        var error = Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)));

        var problem = Assert.Single(error.Errors);
        Assert.Equal(("school.json", line, column), (problem.File, problem.Line, problem.Column));
        Assert.StartsWith("this '\"' ends the text, and more follows at once: write \\\" for a quote inside a text", problem.Message, StringComparison.Ordinal);
    }
}
