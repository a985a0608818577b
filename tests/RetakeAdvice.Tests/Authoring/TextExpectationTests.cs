using System.Text.Json.Nodes;

namespace RetakeAdvice.Tests.Authoring;

/// <summary>A rule test can pin a card's words: <c>{ "id", "text" }</c> matches when the summary, detail or a reason contains them.</summary>
public sealed class TextExpectationTests
{
    private static RuleTestResult RunOne(string expect)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules().KeepOnly("mentors.json");
        folder.EditJson("tests/mentors.json", tests =>
        {
            var first = tests["cases"]!.AsArray().First(c => (string?)c!["name"] == "article: a roommate who scored 204 is not a mentor to follow")!;
            first["expect"] = JsonNode.Parse(expect);
            tests["cases"] = new JsonArray(first.DeepClone());
        });
        var suite = RuleTestSuite.Load(folder.Path);
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        return RuleTestSuite.Run(advisor, Assert.Single(suite.Cases));
    }

    [Fact]
    public void WordsInAReason_Pass()
    {
        var result = RunOne("""{ "present": [{ "id": "mentors.find-high-scorer", "text": "scored 240+" }] }""");

        Assert.True(result.Passed, string.Join("; ", result.Failures));
    }

    [Fact]
    public void WordsNotOnTheCard_FailNamingThem()
    {
        var result = RunOne("""{ "present": [{ "id": "mentors.find-high-scorer", "text": "scored 241+" }] }""");

        Assert.False(result.Passed);
        Assert.Contains("missing: mentors.find-high-scorer saying \"scored 241+\"", result.Failures);
    }

    [Fact]
    public void AbsentWithText_FailsWhenTheWordsAreThere()
    {
        var result = RunOne("""{ "absent": [{ "id": "mentors.find-high-scorer", "text": "scored 240+" }] }""");

        Assert.False(result.Passed);
        Assert.Contains(result.Failures, f => f.StartsWith("unexpected: mentors.find-high-scorer", StringComparison.Ordinal));
    }

    [Fact]
    public void EmptyText_IsAnErrorAtItsPath()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules().KeepOnly("mentors.json");
        folder.EditJson("tests/mentors.json", tests => tests["cases"]![0]!["expect"] = JsonNode.Parse("""{ "present": [{ "id": "mentors.find-high-scorer", "text": "" }] }"""));

        var ex = Assert.Throws<RuleSetException>(() => RuleTestSuite.Load(folder.Path));

        Assert.Contains("$.cases[0].expect.present[0].text", ex.Message, StringComparison.Ordinal);
    }
}
