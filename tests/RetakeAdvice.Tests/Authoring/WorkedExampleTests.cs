using System.Text.Json.Nodes;

namespace RetakeAdvice.Tests.Authoring;

/// <summary>The worked example of rules/README.md, done for real: a rule and its tests added by JSON alone.</summary>
public sealed class WorkedExampleTests
{
    private const string Rule = """
        {
          "RuleName": "school.pause-before-planning",
          "Expression": "facts.DaysSinceResult < freshResultDays",
          "Properties": {
            "step": 2, "category": "wellbeing", "indicator": "info", "priority": 45,
            "summary": "Give yourself a day or two before you plan the retake.",
            "because": "your result arrived less than {freshResultDays} days ago",
            "actions": [ { "kind": "rest" } ]
          }
        }
        """;

    private const string Cases = """
        [
          { "name": "result 2 days old: pause first",
            "profile": { "asOf": "2026-11-27", "failedAttempts": [ { "date": "2026-10-01", "pointsBelowPassing": 5 } ], "daysSinceResult": 2 },
            "expect": { "present": [ "school.pause-before-planning" ] } },
          { "name": "result 3 days old (the line): no pause card",
            "profile": { "asOf": "2026-11-27", "failedAttempts": [ { "date": "2026-10-01", "pointsBelowPassing": 5 } ], "daysSinceResult": 3 },
            "expect": { "absent": [ "school.pause-before-planning" ] } },
          { "name": "days since result unknown: no guess",
            "profile": { "asOf": "2026-11-27", "failedAttempts": [ { "date": "2026-10-01", "pointsBelowPassing": 5 } ] },
            "expect": { "absent": [ "school.pause-before-planning" ] } }
        ]
        """;

    [Fact]
    public void WorkedExample_RuleAddedByJsonAlone_ValidatesPassesItsTestsAndAdvises()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("school.json", workflow =>
        {
            // Added to the file's own parameters, as the guide says.
            (workflow["GlobalParams"] ??= new JsonArray()).AsArray().Add(new JsonObject { ["Name"] = "freshResultDays", ["Expression"] = "3" });
            workflow["Rules"]!.AsArray().Add(JsonNode.Parse(Rule));
        });
        folder.EditJson("tests/school.json", tests =>
        {
            foreach (var testCase in JsonNode.Parse(Cases)!.AsArray().ToArray())
            {
                testCase!.Parent!.AsArray().Remove(testCase);
                tests["cases"]!.AsArray().Add(testCase);
            }
        });

        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        var results = RuleTestSuite.Load(folder.Path).RunAll(advisor);
        var report = advisor.Advise(Profiles.Minimal() with { DaysSinceResult = 1 });

        Assert.All(results, r => Assert.True(r.Passed, r.Case + ": " + string.Join("; ", r.Failures)));
        Assert.Equal(3, results.Count(r => r.Case.Name.Contains("pause", StringComparison.Ordinal) || r.Case.Name.Contains("days since result unknown", StringComparison.Ordinal)));
        var card = Assert.Single(report.Recommendations, r => r.Id == "school.pause-before-planning");
        Assert.Equal(["your result arrived less than 3 days ago"], card.Because);
    }
}
