using System.Text.Json.Nodes;

namespace RetakeAdvice.Tests.Guards;

/// <summary>
/// The engine knows nothing of the article: readiness, failure bands, the steps a card may cite and their sources,
/// the order in which practice-exam measures decide a verdict, and gates shared across files all come from the rule
/// folder. Each test changes only JSON and sees the advice follow.
/// </summary>
public sealed class AdviceLogicIsDataTests
{
    private static RetakeProfile WithExam(double? probability, double? percentCorrect) => Profiles.Minimal() with
    {
        PracticeExams = [new PracticeExam { Name = "NBME 30", Date = new DateOnly(2026, 11, 20), PassProbability = probability, PercentCorrect = percentCorrect }],
    };

    [Fact]
    public void ReadinessRules_Reordered_DecideInTheNewOrder()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        var profile = WithExam(0.2, null);
        Assert.Equal(ReadinessStatus.NotReady, RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(profile).Readiness.Status);

        folder.EditJson("readiness.json", root =>
        {
            var rules = root["Rules"]!.AsArray();
            var last = rules[^1]!;
            rules.RemoveAt(rules.Count - 1);
            rules.Insert(0, last);
        });
        var readiness = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(profile).Readiness;

        Assert.Equal(ReadinessStatus.Unknown, readiness.Status);
        Assert.Equal(["no practice exam results were given, so readiness cannot be judged yet"], readiness.Because);
    }

    [Fact]
    public void ReadinessRule_Rewritten_GivesItsOwnStatusAndReason()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("readiness.json", root =>
        {
            var rule = root["Rules"]!.AsArray().Single(r => (string)r!["RuleName"]! == "readiness.latest-not-passing")!;
            rule["Properties"] = new JsonObject { ["readiness"] = "ready", ["because"] = new JsonArray("close enough: {facts.LatestPracticeExam.Name}", "{\"\"}") };
        });

        var readiness = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(WithExam(0.2, null)).Readiness;

        Assert.Equal(ReadinessStatus.Ready, readiness.Status);
        Assert.Equal(["close enough: NBME 30"], readiness.Because);
    }

    [Fact]
    public void ReadinessRules_NoneHolds_UnknownWithNoReasons()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("readiness.json", root => root["Rules"] = new JsonArray());

        var readiness = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(WithExam(0.2, null)).Readiness;

        Assert.Equal(ReadinessStatus.Unknown, readiness.Status);
        Assert.Empty(readiness.Because);
    }

    [Fact]
    public void ReadinessRules_InTwoFiles_AreRefusedNamingTheFiles()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("school.json", root => root["Rules"]!.AsArray().Add(new JsonObject
        {
            ["RuleName"] = "school.readiness",
            ["Expression"] = "true",
            ["Properties"] = new JsonObject { ["readiness"] = "ready" },
        }));

        var error = Assert.Single(Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors);

        Assert.Equal(("school.json", "school.readiness", "$.Rules[2].Properties.readiness"), (error.File, error.Rule, error.Path));
        Assert.Equal("readiness rules decide in the order they are written, so they must all be in one file; the first is in readiness.json", error.Message);
    }

    [Fact]
    public void FailureBands_AnyNumber_BoundedByPointsAndAttempts()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["failureBands"] = JsonNode.Parse("""
            [
              { "name": "first-close", "pointsBelowPassing": { "atMost": 10 }, "failedAttempts": { "atMost": 1 }, "studyWeeks": { "min": 2, "max": 3 } },
              { "name": "repeat-close", "pointsBelowPassing": { "atMost": 10 }, "studyWeeks": { "min": 6, "max": 9 } },
              { "name": "middle", "pointsBelowPassing": { "below": 25 }, "studyWeeks": { "min": 10, "max": 14 } },
              { "name": "far", "pointsBelowPassing": { "atLeast": 25, "below": 40 } }
            ]
            """));
        folder.EditJson("planning.json", root => root["Rules"]!.AsArray().Add(new JsonObject
        {
            ["RuleName"] = "planning.band",
            ["Expression"] = "facts.FailureBand != null",
            ["Properties"] = new JsonObject { ["step"] = 6, ["category"] = "planning", ["indicator"] = "info", ["priority"] = 1, ["summary"] = "band {facts.FailureBand}" },
        }));
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));

        (string? Band, StudyWeeks? Weeks) Advise(double points, int attempts)
        {
            var failures = Enumerable.Range(0, attempts).Select(i => new FailedAttempt { Date = new DateOnly(2026, 1 + (3 * i), 1), PointsBelowPassing = points }).ToArray();
            var report = advisor.Advise(Profiles.Minimal() with { FailedAttempts = failures });
            return (report.Recommendations.SingleOrDefault(r => r.Id == "planning.band")?.Summary, report.EstimatedStudyWeeks);
        }

        Assert.Equal(("band first-close", new StudyWeeks { Min = 2, Max = 3 }), Advise(10, 1));
        Assert.Equal(("band repeat-close", new StudyWeeks { Min = 6, Max = 9 }), Advise(3, 2));
        Assert.Equal(("band middle", new StudyWeeks { Min = 10, Max = 14 }), Advise(24.5, 1));
        Assert.Equal(("band far", (StudyWeeks?)null), Advise(25, 1));
        Assert.Equal(((string?)null, (StudyWeeks?)null), Advise(40, 1)); // no band holds
    }

    [Fact]
    public void Steps_AreTheManifests_AndSoAreTheirSources()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["steps"]!.AsArray().Add(new JsonObject
        {
            ["step"] = 9,
            ["source"] = new JsonObject { ["label"] = "Our school's own guide, part 9", ["url"] = "https://example.org/guide#9" },
        }));
        folder.EditFirstCard("school.json", card => card["step"] = 9);

        var card = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))
            .Advise(Profiles.Minimal() with { School = new SchoolStatus { Contacted = false } })
            .Recommendations.Single(r => r.Id == "school.contact-now");

        Assert.Equal(9, card.Step);
        Assert.Equal(new AdviceSource { Label = "Our school's own guide, part 9", Url = "https://example.org/guide#9" }, card.Source);
    }

    [Fact]
    public void Steps_AStepTheManifestDoesNotList_IsRefusedNamingTheListedOnes()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["steps"]!.AsArray().RemoveAt(0));

        var errors = Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors;

        Assert.Equal(["school.arrange-logistics", "school.contact-now"], errors.Select(e => e.Rule).Order(StringComparer.Ordinal));
        Assert.All(errors, e => Assert.Equal("must be a step the manifest lists: 2, 3, 4, 5, 6, 7 (was 1)", e.Message));
    }

    [Fact]
    public void VerdictMeasures_DecideInTheManifestsOrder()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        var profile = WithExam(0.9, 50);
        Assert.Equal(ReadinessStatus.Ready, RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(profile).Readiness.Status);

        folder.EditJson("ruleset.json", manifest =>
        {
            var measures = manifest["practiceExamVerdict"]!.AsArray();
            var first = measures[0]!;
            measures.RemoveAt(0);
            measures.Add(first);
        });
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));

        Assert.Equal(ReadinessStatus.NotReady, advisor.Advise(profile).Readiness.Status);
        Assert.Contains(advisor.Explain(profile).Rules.Single(r => r.Id == "readiness.latest-not-passing").Values, v => v == new ExplainedValue { Name = "facts.PracticeVerdict", Value = "\"failed\"" });
    }

    [Fact]
    public void VerdictMeasures_AnExamWithNoListedMeasure_HasNoVerdict()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["practiceExamVerdict"]!.AsArray().RemoveAt(0));

        var explanation = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Explain(WithExam(0.9, null));

        Assert.Contains(explanation.Rules.Single(r => r.Id == "practice.ready").Values, v => v == new ExplainedValue { Name = "facts.PracticeVerdict", Value = "null" });
    }

    [Fact]
    public void SharedConditionAndParameter_DeclaredOnceInTheManifest_AreSeenByEveryWorkflow()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest =>
        {
            manifest["parameters"] = JsonNode.Parse("""[ { "name": "lastAttempts", "expression": "1" } ]""");
            manifest["conditions"] = JsonNode.Parse("""[ { "name": "attemptsLeft", "expression": "facts.AttemptsLeft > lastAttempts" } ]""");
        });
        folder.SetRuleExpression("wellbeing.find-confidant", "attemptsLeft");
        folder.SetRuleExpression("resilience.self-care", "attemptsLeft");
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));

        string[] Ids(int failures) => advisor.Advise(Profiles.Minimal() with
        {
            FailedAttempts = [.. Enumerable.Range(0, failures).Select(i => new FailedAttempt { Date = new DateOnly(2026, 1 + (3 * i), 1), PointsBelowPassing = 5 })],
        }).Recommendations.Select(r => r.Id).Where(id => id is "wellbeing.find-confidant" or "resilience.self-care").Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["resilience.self-care", "wellbeing.find-confidant"], Ids(1));
        Assert.Empty(Ids(3));
    }

    [Fact]
    public void SharedCondition_NotTrueOrFalse_IsRefusedAtItsPosition()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["conditions"] = JsonNode.Parse("""[ { "name": "attemptsLeft", "expression": "facts.AttemptsLeft" } ]"""));

        var error = Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors[0];

        Assert.Equal(("ruleset.json", "$.conditions[0].expression"), (error.File, error.Path));
        Assert.NotNull(error.Line);
    }
}
