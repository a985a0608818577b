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
        var profile = WithExam(0.2, null) with
        {
            FailedAttempts = [.. Enumerable.Range(0, 4).Select(i => new FailedAttempt { Date = new DateOnly(2025, 1 + (3 * i), 1), PointsBelowPassing = 5 })],
        };
        Assert.Equal(["all 4 attempts the USMLE allows have been used"], RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(profile).Readiness.Because);

        folder.EditJson("readiness.json", root =>
        {
            var rules = root["Rules"]!.AsArray();
            var third = rules[2]!; // readiness.latest-not-passing, before readiness.no-attempts-left
            rules.RemoveAt(2);
            rules.Insert(1, third);
        });
        var readiness = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(profile).Readiness;

        Assert.Equal(ReadinessStatus.NotReady, readiness.Status);
        Assert.Equal(["latest practice exam (NBME 30, 2026-11-20) is below the pass line"], readiness.Because);
    }

    [Fact]
    public void ReadinessRules_AfterACatchAll_AreRefusedAsNeverDeciding()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("readiness.json", root =>
        {
            var rules = root["Rules"]!.AsArray();
            var last = rules[^1]!;
            rules.RemoveAt(rules.Count - 1);
            rules.Insert(1, last);
        });

        var errors = Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors;

        Assert.Equal(["readiness.no-attempts-left", "readiness.latest-not-passing", "readiness.none-since-failure", "readiness.final-attempt-needs-two", "readiness.latest-passed"], errors.Select(e => e.Rule));
        Assert.All(errors, e => Assert.Equal("this readiness rule never decides: 'readiness.unknown' before it always holds; move it before 'readiness.unknown'", e.Message));
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

        Assert.Equal(("school.json", "school.readiness", "$.Rules[3].Properties.readiness"), (error.File, error.Rule, error.Path));
        Assert.Equal("readiness rules decide in the order they are written, so they must all be in one file: move this rule into readiness.json, which holds 7", error.Message);
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
        foreach (var id in new[] { "planning.near-miss", "planning.extended-study", "planning.repeat-coursework" })
        {
            folder.SetRuleExpression(id, "false"); // they name the default bands, which this manifest no longer has
        }

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

        Assert.Equal(["eligibility.img-registration", "school.arrange-logistics", "school.contact-now", "school.deadline"], errors.Select(e => e.Rule).Order(StringComparer.Ordinal));
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
            manifest["parameters"]!.AsArray().Add(JsonNode.Parse("""{ "name": "lastAttempts", "expression": "1" }"""));
            manifest["conditions"]!.AsArray().Add(JsonNode.Parse("""{ "name": "attemptsLeft", "expression": "facts.AttemptsLeft > lastAttempts" }"""));
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

    [Theory]
    [InlineData("planning.near-miss", "facts.FailureBand == \"nera\"", "\"nera\" is not a failure band of the manifest, so this comparison would never hold (did you mean 'near'?); the values are: near, moderate, low")]
    [InlineData("practice.ready", "facts.PracticeVerdict != \"pased\"", "\"pased\" is not a practice-exam verdict, so this comparison would never hold (did you mean 'passed'?); the values are: passed, close, failed")]
    [InlineData("practice.ready", "facts.LatestPracticeExam != null && facts.LatestPracticeExam.Measure == \"epc\"", "\"epc\" is not a practice-exam measure, so this comparison would never hold; the values are: passProbability, percentCorrect, score")]
    public void AFactWithKnownValues_ComparedWithOtherText_IsRefused(string rule, string expression, string message)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.SetRuleExpression(rule, expression);

        var error = Assert.Single(Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors);

        Assert.Equal((rule, message), (error.Rule, error.Message));
        Assert.EndsWith(".Expression", error.Path);
    }

    [Fact]
    public void FailureBand_CoveredByAnEarlierOne_IsRefusedAsNeverApplying()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["failureBands"]!.AsArray().Insert(0, JsonNode.Parse("""{ "name": "any", "studyWeeks": { "min": 1, "max": 2 } }""")));

        var errors = Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors;

        Assert.Equal(["$.failureBands[1]", "$.failureBands[2]", "$.failureBands[3]"], errors.Select(e => e.Path));
        Assert.Equal("the band 'near' never applies: bands are tried in order, and 'any' before it holds for every failure 'near' would; narrow 'any' or move 'near' before it", errors[0].Message);
    }

    [Fact]
    public void FailureBand_BoundOnlyByAttempts_AppliesWhenTheDistanceIsUnknown()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["failureBands"]!.AsArray().Add(JsonNode.Parse("""{ "name": "repeated", "failedAttempts": { "atLeast": 2 }, "studyWeeks": { "min": 12, "max": 16 } }""")));
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        FailedAttempt Undated(int month) => new() { Date = new DateOnly(2026, month, 1) };

        Assert.Equal(new StudyWeeks { Min = 12, Max = 16 }, advisor.Advise(Profiles.Minimal() with { FailedAttempts = [Undated(1), Undated(5)] }).EstimatedStudyWeeks);
        Assert.Null(advisor.Advise(Profiles.Minimal() with { FailedAttempts = [Undated(5)] }).EstimatedStudyWeeks);
    }

    [Fact]
    public void SharedName_TakenAgainByAWorkflow_IsRefusedNamingTheManifest()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["parameters"]!.AsArray().Add(JsonNode.Parse("""{ "name": "counselingDistress", "expression": "6" }""")));

        var error = Assert.Single(Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors);

        Assert.Equal(("wellbeing.json", "$.GlobalParams[0].Name"), (error.File, error.Path));
        Assert.Equal("'counselingDistress' is already a parameter or condition of the manifest (ruleset.json), which every workflow sees: use it, or give this one another name", error.Message);
    }

    [Fact]
    public void SharedCondition_NotTrueOrFalse_SaysConditionsAreTrueOrFalse()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["conditions"] = JsonNode.Parse("""[ { "name": "contacted", "expression": "facts.SchoolContacted" } ]"""));

        var error = Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors[0];

        Assert.StartsWith("a condition must be true or false (compare a fact that may be unknown with == true, for example): ", error.Message);
    }

    [Fact]
    public void Explain_ShowsWhatASharedConditionRead()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["conditions"]!.AsArray().Add(JsonNode.Parse("""{ "name": "attemptsLeft", "expression": "facts.AttemptsLeft > 0" }""")));
        folder.SetRuleExpression("resilience.self-care", "attemptsLeft");

        var values = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Explain(Profiles.Minimal()).Rules.Single(r => r.Id == "resilience.self-care").Values;

        Assert.Equal(["attemptsLeft = true", "facts.AttemptsLeft = 3"], values.Select(v => $"{v.Name} = {v.Value}"));
    }
}
