using System.Text.Json.Nodes;

namespace RetakeAdvice.Tests.Evaluation;

/// <summary>
/// Overrides between rules: a rule that fires drops the cards of the rules it suppresses (by id or by category),
/// the study-weeks estimate, or a readiness rule's say. Loading refuses what cannot be meant (unknown ids and
/// categories, a rule suppressing itself, cycles); explain and the JSON rule tests show who suppressed what.
/// </summary>
public sealed class SuppressionTests
{
    private static readonly TopicResult[] Topics =
    [
        new() { Name = "Renal tubular acidosis", Discipline = "physiology", Seen = 20, Incorrect = 6 },
        new() { Name = "Fetal erythropoiesis", Discipline = "physiology", Seen = 1, Incorrect = 0 },
    ];

    private static RetakeProfile Profile(int failures = 1) => Profiles.Minimal() with
    {
        FailedAttempts = [.. Enumerable.Range(0, failures).Select(i => new FailedAttempt { Date = new DateOnly(2026, 1 + (3 * i), 1), PointsBelowPassing = 5 })],
        Topics = Topics,
    };

    private static void AddRule(TempRuleFolder folder, string id, string expression, params string[] suppresses) =>
        folder.EditJson("planning.json", root => root["Rules"]!.AsArray().Add(new JsonObject
        {
            ["RuleName"] = id,
            ["Expression"] = expression,
            ["Properties"] = new JsonObject
            {
                ["step"] = 6,
                ["category"] = "planning",
                ["indicator"] = "critical",
                ["priority"] = 99,
                ["summary"] = "overrides",
                ["suppresses"] = new JsonArray([.. suppresses.Select(s => JsonValue.Create(s))]),
            },
        }));

    [Fact]
    public void Category_WhenTheRuleFires_DropsEveryCardOfTheCategory_AndExplainNamesTheSuppressor()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        AddRule(folder, "planning.no-topics", "facts.FailedAttemptCount >= 2", "category:topics");
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        Assert.Contains(advisor.Advise(Profile()).Recommendations, r => r.Id.StartsWith("topics.", StringComparison.Ordinal));

        var report = advisor.Advise(Profile(failures: 2));
        var explanation = advisor.Explain(Profile(failures: 2));

        Assert.DoesNotContain(report.Recommendations, r => r.Id.StartsWith("topics.", StringComparison.Ordinal));
        Assert.Contains(report.Recommendations, r => r.Id == "planning.no-topics");
        var focus = explanation.Rules.Single(r => r.Id == "topics.focus");
        Assert.Equal((RuleOutcome.Suppressed, "planning.no-topics"), (focus.Outcome, focus.SuppressedBy));
        Assert.Equal("planning.no-topics", explanation.Rules.Single(r => r.Id == "topics.skip-low-yield").SuppressedBy);
    }

    [Fact]
    public void IdsAndStudyWeeks_AreDroppedOnlyWhenTheRuleFires()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        AddRule(folder, "planning.stop", "facts.FailedAttemptCount >= 2", "planning.near-miss", "resilience.self-care", "estimatedStudyWeeks");
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));

        var once = advisor.Advise(Profile());
        var twice = advisor.Advise(Profile(failures: 2));

        Assert.NotNull(once.EstimatedStudyWeeks);
        Assert.Contains(once.Recommendations, r => r.Id == "planning.near-miss");
        Assert.Null(twice.EstimatedStudyWeeks);
        Assert.DoesNotContain(twice.Recommendations, r => r.Id is "planning.near-miss" or "resilience.self-care");
        Assert.Contains(twice.Recommendations, r => r.Id == "wellbeing.find-confidant" || r.Id == "practice.take-nbme" || r.Id == "planning.stop");
    }

    [Fact]
    public void AReadinessRule_Suppressed_CannotDecide_TheNextOneDoes()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        AddRule(folder, "planning.no-verdict", "true", "readiness.none-since-failure");
        var profile = Profile() with { PracticeExams = [] };

        var readiness = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(profile).Readiness;

        Assert.Equal(ReadinessStatus.Unknown, readiness.Status);
    }

    [Fact]
    public void ASuppressedRule_SuppressesNothing()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        AddRule(folder, "planning.first", "true", "planning.second");
        AddRule(folder, "planning.second", "true", "resilience.self-care");

        var explanation = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Explain(Profile());

        Assert.Equal(RuleOutcome.Suppressed, explanation.Rules.Single(r => r.Id == "planning.second").Outcome);
        Assert.Equal(RuleOutcome.Fired, explanation.Rules.Single(r => r.Id == "resilience.self-care").Outcome);
    }

    [Theory]
    [InlineData("topics.focs", "there is no rule 'topics.focs' to suppress (did you mean 'topics.focus'?); write a rule id, \"category:<category>\" or \"estimatedStudyWeeks\"")]
    [InlineData("category:topic", "there is no card rule of category 'topic' (did you mean 'topics'?); the categories are: accommodations, eligibility, mentors, planning, practice-exams, resilience, resources, school, tactics, topics, wellbeing")]
    [InlineData("planning.overrides", "a rule cannot suppress itself")]
    [InlineData("planning.overides", "there is no rule 'planning.overides' to suppress; write a rule id, \"category:<category>\" or \"estimatedStudyWeeks\"")] // never "did you mean" itself
    public void UnknownOrSelf_IsRefusedWithFileRuleAndPosition(string target, string message)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        AddRule(folder, "planning.overrides", "true", "planning.near-miss", target);

        var error = Assert.Single(Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors);

        Assert.Equal(("planning.json", "planning.overrides", "$.Rules[6].Properties.suppresses[1]", message), (error.File, error.Rule, error.Path, error.Message));
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void Cycle_IsRefusedNamingTheRulesInIt()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        AddRule(folder, "planning.a", "true", "planning.b");
        AddRule(folder, "planning.b", "true", "category:wellbeing");
        folder.EditJson("wellbeing.json", root => root["Rules"]![1]!["Properties"]!["suppresses"] = new JsonArray("planning.a"));

        var error = Assert.Single(Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors);

        Assert.Equal("suppression cycle: planning.a suppresses planning.b suppresses wellbeing.counseling (through \"category:wellbeing\") suppresses planning.a; one of them must stop suppressing the other", error.Message);
        Assert.EndsWith(".Properties.suppresses[0]", error.Path);
    }

    [Fact]
    public void ReadinessRule_CannotSuppress()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("readiness.json", root => root["Rules"]![0]!["Properties"]!["suppresses"] = new JsonArray("topics.focus"));

        var error = Assert.Single(Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors);

        Assert.Equal(("readiness.json", "$.Rules[0].Properties.readiness"), (error.File, error.Path));
        Assert.Equal("a rule's Properties are a card or a readiness verdict, not both: remove 'readiness' to keep the card, or suppresses to make a readiness rule", error.Message);
    }

    [Fact]
    public void JsonTest_SuppressedExpectation_PassesAndFailsAsItShould()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        AddRule(folder, "planning.no-topics", "facts.FailedAttemptCount >= 2", "category:topics");
        folder.Write("tests/suppression.json", """
            { "cases": [
              { "name": "two failures: no topics",
                "profile": { "asOf": "2026-11-27", "failedAttempts": [ { "date": "2026-01-01", "pointsBelowPassing": 5 }, { "date": "2026-04-01", "pointsBelowPassing": 5 } ],
                             "topics": [ { "name": "RTA", "discipline": "physiology", "seen": 20, "incorrect": 6 } ] },
                "expect": { "suppressed": [ "topics.focus", { "id": "topics.skip-low-yield", "by": "planning.no-topics" } ] } },
              { "name": "one failure: wrongly expects a suppression",
                "profile": { "asOf": "2026-11-27", "failedAttempts": [ { "date": "2026-01-01", "pointsBelowPassing": 5 } ],
                             "topics": [ { "name": "RTA", "discipline": "physiology", "seen": 20, "incorrect": 6 } ] },
                "expect": { "suppressed": [ { "id": "topics.focus", "by": "planning.no-topics" } ] } }
            ] }
            """);
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        var suite = RuleTestSuite.Load(folder.Path);

        var results = suite.Cases.Where(c => c.File == "tests/suppression.json").Select(c => RuleTestSuite.Run(advisor, c)).ToArray();

        Assert.True(results[0].Passed, string.Join("\n", results[0].Failures));
        Assert.Equal("suppressed: expected topics.focus to be suppressed by planning.no-topics, but it was not suppressed (it fired)", results[1].Failures[0]);
    }

    [Fact]
    public async Task Cli_UnknownSuppressionTarget_ExitsThreeNamingIt()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        AddRule(folder, "planning.overrides", "true", "topics.nothing");
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await RetakeAdvice.Cli.CliApp.RunAsync(["validate", folder.Path], TextReader.Null, output, error);

        Assert.Equal(3, exit);
        Assert.Contains("planning.json", error.ToString());
        Assert.Contains("rule 'planning.overrides' at $.Rules[6].Properties.suppresses[0]: there is no rule 'topics.nothing' to suppress", error.ToString());
    }

    [Fact]
    public void ACategoryHoldingOnlyTheSuppressor_IsRefused()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        AddRule(folder, "planning.alone", "true");
        folder.EditJson("planning.json", root => root["Rules"]![6]!["Properties"]!["category"] = "endgame");
        folder.EditJson("planning.json", root => root["Rules"]![6]!["Properties"]!["suppresses"] = new JsonArray("category:endgame"));

        var error = Assert.Single(Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors);

        Assert.Equal("the category 'endgame' holds no rule but this one, so it suppresses nothing", error.Message);
    }

    [Fact]
    public void Explain_ShowsTheVerdict_TheWeeksAndWhoSuppressedThem_AndNoValuesForRulesNotEvaluated()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        AddRule(folder, "planning.stop", "true", "estimatedStudyWeeks", "category:topics");

        var explanation = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Explain(Profile());

        Assert.Equal((ReadinessStatus.Unknown, (StudyWeeks?)null, "planning.stop"), (explanation.Readiness.Status, explanation.EstimatedStudyWeeks, explanation.StudyWeeksSuppressedBy));
        Assert.Empty(explanation.Rules.Single(r => r.Id == "topics.focus").Values);
        Assert.Equal(
            ["readiness.no-attempts-left", "readiness.latest-not-passing", "readiness.none-since-failure", "readiness.final-attempt-needs-two", "readiness.latest-passed", "readiness.unknown"],
            explanation.Rules.TakeLast(6).Select(r => r.Id));
        Assert.Equal([RuleOutcome.NotFired, RuleOutcome.NotFired, RuleOutcome.NotFired, RuleOutcome.NotFired, RuleOutcome.NotFired, RuleOutcome.Fired], explanation.Rules.TakeLast(6).Select(r => r.Outcome));
    }
}
