using System.Text.Json.Nodes;

namespace RetakeAdvice.Tests.Loading;

/// <summary>
/// Spec section 4: a rule folder loads strictly; every problem is reported together, each naming file, rule and
/// JSON path; a rule that throws while evaluating is surfaced, never read as "not fired".
/// </summary>
public sealed class RuleSetLoaderTests
{
    private const string CounselingExpression = "facts.Distress >= counselingDistress";

    private static RuleSetException LoadFails(TempRuleFolder folder) =>
        Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)));

    private static RuleSetError SingleError(TempRuleFolder folder) => Assert.Single(LoadFails(folder).Errors);

    /// <summary>Most tests pin file, rule, path and message; the positions have tests of their own.</summary>
    private static RuleSetError NoPosition(RuleSetError error) => error with { Line = null, Column = null };

    private static string WithoutPositions(string message) => System.Text.RegularExpressions.Regex.Replace(message, @"\(\d+,\d+\):", ":");

    private static RetakeProfile NotContacted() => Profiles.Minimal() with { School = new SchoolStatus { Contacted = false } };

    // ---- expressions ----

    [Fact]
    public void Load_ExpressionWithUnknownMember_NamesFileRulePathAndMember()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Replace("wellbeing.json", CounselingExpression, "facts.Distres >= counselingDistress");

        var ex = LoadFails(folder);

        var error = Assert.Single(ex.Errors);
        var facts = string.Join(", ", typeof(AdviceFacts).GetProperties().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(
            RuleSetErrors.At("wellbeing.json", "wellbeing.counseling", "$.Rules[1].Expression", null, null,
                $"No property or field 'Distres' exists in type 'AdviceFacts'; did you mean 'Distress'? AdviceFacts has: {facts} (at character 7 of \"facts.Distres >= counselingDistress\")"),
            NoPosition(error));
        Assert.Equal(
            $"The rule set in {folder.Path} is not valid (1 error):\n"
            + $"- wellbeing.json: rule 'wellbeing.counseling' at $.Rules[1].Expression: No property or field 'Distres' exists in type 'AdviceFacts'; did you mean 'Distress'? AdviceFacts has: {facts} (at character 7 of \"facts.Distres >= counselingDistress\")",
            WithoutPositions(ex.Message));
        Assert.Equal(folder.Path, ex.Location);
    }

    [Fact]
    public void Load_ExpressionSyntaxError_NamesPositionInTheExpression()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Replace("wellbeing.json", CounselingExpression, "facts.Distress >= (counselingDistress");

        var error = SingleError(folder);

        Assert.Equal(
            RuleSetErrors.At("wellbeing.json", "wellbeing.counseling", "$.Rules[1].Expression", null, null,
                "')' or operator expected (at character 38 of \"facts.Distress >= (counselingDistress\")"),
            NoPosition(error));
    }

    [Fact]
    public void Load_NonBooleanRuleExpression_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Replace("wellbeing.json", CounselingExpression, "facts.Distress");

        var error = SingleError(folder);

        Assert.Equal(
            RuleSetErrors.At("wellbeing.json", "wellbeing.counseling", "$.Rules[1].Expression", null, null,
                "Expression of type 'Boolean' expected (at character 1 of \"facts.Distress\")"),
            NoPosition(error));
    }

    [Fact]
    public void Load_EmptyRuleExpression_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule["Expression"] = " ");

        var error = SingleError(folder);

        Assert.Equal(RuleSetErrors.At("school.json", "school.contact-now", "$.Rules[0].Expression", null, null, "the expression is empty"), NoPosition(error));
    }

    [Fact]
    public void Load_MissingRuleExpression_IsRequired()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule.Remove("Expression"));

        var error = SingleError(folder);

        Assert.Equal(RuleSetErrors.At("school.json", "school.contact-now", "$.Rules[0].Expression", null, null, "is required"), NoPosition(error));
    }

    [Fact]
    public void Load_BrokenGlobalParam_NamesTheParameterFirst()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Replace("wellbeing.json", "\"Expression\": \"7\"", "\"Expression\": \"7 +\"");

        var ex = LoadFails(folder);

        Assert.Equal(
            RuleSetErrors.At("wellbeing.json", null, "$.GlobalParams[0].Expression", null, null, "Expression expected (at character 4 of \"7 +\")"),
            NoPosition(ex.Errors[0]));
        Assert.All(ex.Errors.Skip(1), e => Assert.Equal("wellbeing.counseling", e.Rule));
        // A rule that reads it is told where the fault is, not "Unknown identifier".
        Assert.NotEmpty(ex.Errors.Skip(1));
        Assert.All(ex.Errors.Skip(1), e => Assert.Contains("uses 'counselingDistress', which did not compile: fix it at wellbeing.json $.GlobalParams[0].Expression", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_GlobalParamWithReservedName_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("wellbeing.json", root => root["GlobalParams"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["Name"] = "facts", ["Expression"] = "1" }));

        var error = SingleError(folder);

        Assert.Equal("$.GlobalParams[3].Name", error.Path);
        Assert.Equal("'facts' must be a new identifier (letters, digits, _), not profile, facts, item or another parameter's name", error.Message);
    }

    [Fact]
    public void Load_TextPlaceholderWithUnknownMember_NamesTheTextField()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card => card["summary"] = "Call them within {facts.DaysSinceResults} days.");

        var error = SingleError(folder);

        Assert.Equal("school.json", error.File);
        Assert.Equal("school.contact-now", error.Rule);
        Assert.Equal("$.Rules[0].Properties.summary", error.Path);
        Assert.StartsWith("placeholder {facts.DaysSinceResults}: No property or field 'DaysSinceResults' exists in type 'AdviceFacts'", error.Message);
    }

    [Fact]
    public void Load_TextWithUnmatchedBrace_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card => card["detail"] = "Call them {facts.DaysSinceResult days.");

        var error = SingleError(folder);

        Assert.Equal(
            RuleSetErrors.At("school.json", "school.contact-now", "$.Rules[0].Properties.detail", null, null,
                "unmatched '{' at character 11 of the text (write '{{' for a literal brace)"),
            NoPosition(error));
    }

    [Fact]
    public void Load_EscalationWithNonBooleanWhen_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("practice.json", workflow => workflow["Rules"]![0]!["Properties"]!["escalation"]!["when"] = "facts.DaysUntilExam");

        var error = SingleError(folder);

        Assert.Equal("practice.gate-not-passed", error.Rule);
        Assert.Equal("$.Rules[0].Properties.escalation.when", error.Path);
        Assert.StartsWith("Expression of type 'Boolean' expected", error.Message);
    }

    // ---- JSON ----

    [Fact]
    public void Load_TruncatedWorkflowJson_GivesLineAndColumn()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Write("school.json", "{\n  \"WorkflowName\": \"school\",\n  \"Rules\": [\n    { \"RuleName\": ");

        var error = SingleError(folder);

        Assert.Equal("school.json", error.File);
        Assert.Null(error.Rule);
        Assert.Equal((4, 19), (error.Line, error.Column));
        Assert.StartsWith("Expected depth to be zero at the end of the JSON payload.", error.Message);
    }

    [Fact]
    public void Load_WorkflowFileHoldingAList_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Write("school.json", "[]");

        var error = SingleError(folder);

        Assert.Equal(RuleSetErrors.At("school.json", null, "$", null, null, "a workflow file must hold a JSON object (was a list)"), NoPosition(error));
    }

    [Fact]
    public void Load_WorkflowWithoutRules_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("school.json", root => root.Remove("Rules"));

        var error = SingleError(folder);

        Assert.Equal(RuleSetErrors.At("school.json", null, "$.Rules", null, null, "is required: a list of rules"), NoPosition(error));
    }

    [Fact]
    public void Load_UnknownKeyInARule_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule["Expresion"] = "true");

        var error = SingleError(folder);

        Assert.Equal("school.json", error.File);
        Assert.Equal("school.contact-now", error.Rule);
        Assert.Equal("$.Rules[0].Expresion", error.Path);
        Assert.StartsWith("'Expresion' is not a known key of a rule; did you mean 'Expression'? known keys: RuleName, ", error.Message);
    }

    [Fact]
    public void Load_UnknownKeyInACard_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card => card["colour"] = "red");

        var error = SingleError(folder);

        Assert.Equal(
            RuleSetErrors.At("school.json", "school.contact-now", "$.Rules[0].Properties.colour", null, null,
                "'colour' is not a known key of a card (Properties); known keys: step, category, indicator, priority, summary, detail, because, actions, source, escalation, target, pin, suppresses"),
            NoPosition(error));
    }

    [Fact]
    public void Load_UnknownKeyInAnAction_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card => card["actions"]![0]!["url"] = "https://example.org");

        var error = SingleError(folder);

        Assert.Equal("$.Rules[0].Properties.actions[0].url", error.Path);
        Assert.Equal("school.contact-now", error.Rule);
    }

    [Theory]
    [InlineData("step")]
    [InlineData("category")]
    [InlineData("indicator")]
    [InlineData("priority")]
    [InlineData("summary")]
    public void Load_CardWithoutARequiredProperty_IsAnError(string key)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card => card.Remove(key));

        var error = SingleError(folder);

        Assert.Equal(RuleSetErrors.At("school.json", "school.contact-now", $"$.Rules[0].Properties.{key}", null, null, "is required"), NoPosition(error));
    }

    [Fact]
    public void Load_CardWithoutSeveralRequiredProperties_ListsEach()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card =>
        {
            card.Remove("category");
            card.Remove("priority");
            card.Remove("summary");
        });

        var ex = LoadFails(folder);

        Assert.Equal(
            ["$.Rules[0].Properties.category", "$.Rules[0].Properties.priority", "$.Rules[0].Properties.summary"],
            ex.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Load_RuleWithoutProperties_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule.Remove("Properties"));

        var error = SingleError(folder);

        Assert.Equal("$.Rules[0].Properties", error.Path);
        Assert.StartsWith("is required: an object with the card", error.Message);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(0)]
    public void Load_StepOutsideOneToSeven_IsAnError(int step)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card => card["step"] = step);

        var error = SingleError(folder);

        Assert.Equal(RuleSetErrors.At("school.json", "school.contact-now", "$.Rules[0].Properties.step", null, null, $"must be a step the manifest lists: 1, 2, 3, 4, 5, 6, 7 (was {step})"), NoPosition(error));
    }

    [Fact]
    public void Load_StepAsString_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card => card["step"] = "1");

        var error = SingleError(folder);

        Assert.Equal("must be a whole number (was the string \"1\")", error.Message);
    }

    [Theory]
    [InlineData(101)]
    [InlineData(-1)]
    public void Load_PriorityOutsideZeroToHundred_IsAnError(int priority)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card => card["priority"] = priority);

        var error = SingleError(folder);

        Assert.Equal(RuleSetErrors.At("school.json", "school.contact-now", "$.Rules[0].Properties.priority", null, null, $"must be from 0 to 100 (was {priority})"), NoPosition(error));
    }

    [Theory]
    [InlineData("urgent")]
    [InlineData("Critical")]
    public void Load_UnknownIndicator_IsAnError(string indicator)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card => card["indicator"] = indicator);

        var error = SingleError(folder);

        Assert.Equal(
            RuleSetErrors.At("school.json", "school.contact-now", "$.Rules[0].Properties.indicator", null, null, $"must be critical, warning or info (was \"{indicator}\")"),
            NoPosition(error));
    }

    [Fact]
    public void Load_SummaryOf141Characters_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card => card["summary"] = new string('x', 141));

        var error = SingleError(folder);

        Assert.Equal(
            RuleSetErrors.At("school.json", "school.contact-now", "$.Rules[0].Properties.summary", null, null, "is 141 characters long; a summary has at most 140"),
            NoPosition(error));
    }

    [Fact]
    public void Load_SummaryOf140Characters_Loads()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        var summary = new string('x', 140);
        folder.EditFirstCard("school.json", card => card["summary"] = summary);

        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));

        Assert.Equal(summary, advisor.Advise(NotContacted()).Recommendations.Single(r => r.Id == "school.contact-now").Summary);
    }

    [Fact]
    public void Load_UnknownPin_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card => card["pin"] = "last");

        var error = SingleError(folder);

        Assert.Equal(RuleSetErrors.At("school.json", "school.contact-now", "$.Rules[0].Properties.pin", null, null, "the only pin is \"first\" (was \"last\")"), NoPosition(error));
    }

    [Fact]
    public void Load_DuplicateRuleNameAcrossFiles_NamesBothFiles()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("planning.json", rule => rule["RuleName"] = "school.contact-now");

        var error = SingleError(folder);

        Assert.Equal(
            RuleSetErrors.At("school.json", "school.contact-now", "$.Rules[0].RuleName", null, null,
                "the rule name is already used in planning.json; rule names are recommendation ids and must be unique"),
            NoPosition(error));
    }

    [Fact]
    public void Load_DuplicateWorkflowNameAcrossFiles_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("school.json", root => root["WorkflowName"] = "planning");

        var error = SingleError(folder);

        Assert.Equal(RuleSetErrors.At("school.json", null, "$.WorkflowName", null, null, "the workflow 'planning' is also defined in planning.json"), NoPosition(error));
    }

    [Fact]
    public void Load_RulesEngineActions_AreNotSupported()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule["Actions"] = JsonNode.Parse("""{ "OnSuccess": { "Name": "OutputExpression" } }"""));

        var error = SingleError(folder);

        Assert.Equal(
            RuleSetErrors.At("school.json", "school.contact-now", "$.Rules[0].Actions", null, null, "Actions is not supported by RetakeAdvice: card actions go in Properties.actions"),
            NoPosition(error));
    }

    [Fact]
    public void Load_NestedRulesWithOperator_AreNotSupported()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule =>
        {
            rule["Rules"] = JsonNode.Parse("""[ { "RuleName": "inner", "Expression": "true" } ]""");
            rule["Operator"] = "And";
        });

        var ex = LoadFails(folder);

        Assert.Equal(
            [
                RuleSetErrors.At("school.json", "school.contact-now", "$.Rules[0].Rules", null, null, "Rules is not supported by RetakeAdvice"),
                RuleSetErrors.At("school.json", "school.contact-now", "$.Rules[0].Operator", null, null, "Operator is not supported by RetakeAdvice"),
            ],
            ex.Errors.Select(NoPosition));
    }

    [Fact]
    public void Load_WorkflowsToInject_AreNotSupported()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("school.json", root => root["WorkflowsToInject"] = JsonNode.Parse("""[ "planning" ]"""));

        var error = SingleError(folder);

        Assert.Equal(RuleSetErrors.At("school.json", null, "$.WorkflowsToInject", null, null, "WorkflowsToInject is not supported by RetakeAdvice"), NoPosition(error));
    }

    [Fact]
    public void Load_RuleExpressionTypeOtherThanLambda_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule["RuleExpressionType"] = "Sql");

        var error = SingleError(folder);

        Assert.Equal("$.Rules[0].RuleExpressionType", error.Path);
        Assert.Equal("must be \"LambdaExpression\" (was the string \"Sql\")", error.Message);
    }

    [Fact]
    public void Load_PerItemTargetOverANonList_IsAnErrorAtTargetItems()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("topics.json", card => card["target"]!["items"] = "facts.Distress");

        var ex = LoadFails(folder);

        var first = ex.Errors[0];
        Assert.Equal(("topics.json", "topics.focus", "$.Rules[0].Properties.target.items"), (first.File, first.Rule, first.Path));
        Assert.StartsWith("must give a list of items, but gives a ", first.Message);
        Assert.All(ex.Errors, e => Assert.Equal("topics.focus", e.Rule));
    }

    [Fact]
    public void Load_PerItemTargetOverAString_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("topics.json", card => card["target"]!["items"] = "facts.TargetSpecialty");

        var error = SingleError(folder); // regression: the texts that read `item` used to add five more errors

        Assert.Equal("$.Rules[0].Properties.target.items", error.Path);
        Assert.Equal("must give a list of items, but gives text (String) (in \"facts.TargetSpecialty\")", error.Message);
    }

    [Fact]
    public void Load_PerItemTargetWithoutName_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("topics.json", card => card["target"]!.AsObject().Remove("name"));

        var error = SingleError(folder);

        Assert.Equal(RuleSetErrors.At("topics.json", "topics.focus", "$.Rules[0].Properties.target.name", null, null, "is required"), NoPosition(error));
    }

    [Fact]
    public void Load_PerItemScoreThatIsNotANumber_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("topics.json", card => card["target"]!["score"] = "item.Name");

        var error = SingleError(folder);

        Assert.Equal("$.Rules[0].Properties.target.score", error.Path);
        Assert.Equal("must give a number, but gives text (String) (in \"item.Name\")", error.Message);
    }

    // ---- the manifest ----

    [Fact]
    public void Load_MissingManifest_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Delete("ruleset.json");

        var error = SingleError(folder);

        Assert.Equal(RuleSetErrors.At("ruleset.json", null, null, null, null, "the manifest is missing"), NoPosition(error));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("//example.org/no-scheme")]
    [InlineData("not a url")]
    public void Load_SourceUrlNotHttp_IsAnErrorInACardAndInTheManifest(string url)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("school.json", workflow => workflow["Rules"]![0]!["Properties"]!["source"] = new System.Text.Json.Nodes.JsonObject { ["label"] = "x", ["url"] = url });
        folder.EditJson("ruleset.json", manifest => manifest["steps"]![0]!["source"]!["url"] = url);

        var errors = Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors;

        Assert.Equal(
            [("ruleset.json", "$.steps[0].source.url"), ("school.json", "$.Rules[0].Properties.source.url")],
            errors.Select(e => (e.File, e.Path)).Order());
        Assert.All(errors, e => Assert.Equal($"must be an http or https address (was \"{url}\")", e.Message));
    }

    [Fact]
    public void Load_SourceUrlHttps_Loads()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["steps"]![0]!["source"]!["url"] = "https://example.org/seven-steps");

        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));

        Assert.Contains(advisor.Advise(Profiles.Minimal() with { School = new SchoolStatus { Contacted = false } }).Recommendations, r => r.Source.Url == "https://example.org/seven-steps");
    }

    [Fact]
    public void Load_ParametersThatDoubleWithEveryStep_AreRefusedWhereTheyOutgrowTheLimit()
    {
        // p0 = facts.Distress, pN = pN-1 + pN-1: inlined, p16 is 65,536 copies of p0, which overflowed the stack on
        // the first call after the folder validated.
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("wellbeing.json", workflow =>
        {
            var parameters = workflow["GlobalParams"]!.AsArray();
            parameters.Add(new System.Text.Json.Nodes.JsonObject { ["Name"] = "p0", ["Expression"] = "facts.Distress" });
            for (var i = 1; i <= 16; i++)
            {
                parameters.Add(new System.Text.Json.Nodes.JsonObject { ["Name"] = $"p{i}", ["Expression"] = $"p{i - 1} + p{i - 1}" });
            }
        });

        var errors = Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors;

        var first = errors[0];
        Assert.Equal(("wellbeing.json", "$.GlobalParams[16].Expression"), (first.File, first.Path)); // p13: 24,575 nodes
        Assert.Equal("the expression expands to 24575 nodes once its parameters are put in; at most 20000 are allowed (a parameter is copied wherever it is named)", first.Message);
    }

    [Fact]
    public void Load_NegationsChainedThroughParameters_AreRefusedWhereTheyNestTooDeep()
    {
        // Each parameter is under the 2,000-character limit; together they nest 1,991 levels deep.
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("wellbeing.json", workflow =>
        {
            var parameters = workflow["GlobalParams"]!.AsArray();
            parameters.Add(new System.Text.Json.Nodes.JsonObject { ["Name"] = "q0", ["Expression"] = "facts.HasConfidant == true" });
            for (var i = 1; i <= 5; i++)
            {
                parameters.Add(new System.Text.Json.Nodes.JsonObject { ["Name"] = $"q{i}", ["Expression"] = new string('!', 398) + $"q{i - 1}" });
            }
        });

        var first = Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path))).Errors[0];

        Assert.Equal("$.GlobalParams[4].Expression", first.Path);
        Assert.Equal("the expression nests 401 levels deep once its parameters are put in; at most 200 are allowed", first.Message);
    }

    [Fact]
    public void Load_NestedScanThroughAParameterAlias_IsRefusedAsTheDirectOneIs()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("topics.json", workflow =>
        {
            workflow["GlobalParams"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["Name"] = "allTopics", ["Expression"] = "facts.Topics" });
            workflow["Rules"]![1]!["Expression"] = "facts.Topics != null && allTopics.Count(a => allTopics.Count(b => b.Name == a.Name) > 1) > 0";
        });

        var error = SingleError(folder);

        Assert.Equal(("topics.skip-low-yield", "$.Rules[1].Expression"), (error.Rule, error.Path));
        Assert.Contains("inside another query's lambda enumerates it once per item (quadratic)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1 / 0", "its value cannot be computed: Attempted to divide by zero.")]
    [InlineData("int.Parse(\"x\")", "its value cannot be computed: The input string 'x' was not in a correct format.")]
    public void Load_ConstantParameterThatThrows_IsARuleSetErrorNotACrash(string expression, string message)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("wellbeing.json", workflow => workflow["GlobalParams"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["Name"] = "boom", ["Expression"] = expression }));

        var error = SingleError(folder);

        Assert.Equal(("wellbeing.json", "$.GlobalParams[3].Expression", message), (error.File, error.Path, error.Message));
    }

    [Fact]
    public void Load_EmptyCrisisLines_IsAnError()
    {
        // The crisis card and the no-attempts-left card name the first crisis line: an empty list leaves them naming nothing.
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["crisisLines"] = new System.Text.Json.Nodes.JsonArray());

        var error = SingleError(folder);

        Assert.Equal(("ruleset.json", "$.crisisLines"), (error.File, error.Path));
        Assert.StartsWith("must list at least one line open at any hour", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("crisisLines")]
    [InlineData("supportLines")]
    public void Load_LineWithoutHow_IsAnError(string key)
    {
        // Cards print each line's hours: a line without them would read "988 ()".
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest[key]![0]!.AsObject().Remove("how"));

        var error = SingleError(folder);

        Assert.Equal(($"$.{key}[0].how", "is required"), (error.Path, error.Message));
    }

    [Fact]
    public void Load_ManifestMissingAKey_NamesTheKey()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest.Remove("attemptLimit"));

        var error = SingleError(folder);

        Assert.Equal("ruleset.json", error.File);
        Assert.Equal("$.attemptLimit", error.Path);
        Assert.NotNull(error.Line);
        Assert.Equal("is required", error.Message);
    }

    [Fact]
    public void Load_ManifestKeyOfTheWrongType_NamesPathAndPosition()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Write("ruleset.json", folder.Read("ruleset.json").Replace("\"attemptLimit\": 4,", "\"attemptLimit\": \"four\",", StringComparison.Ordinal));

        var line = folder.Read("ruleset.json").Split('\n').ToList().FindIndex(l => l.Contains("\"attemptLimit\"", StringComparison.Ordinal)) + 1;

        var error = SingleError(folder);

        Assert.Equal(("ruleset.json", "$.attemptLimit", line), (error.File, error.Path, error.Line));
        Assert.NotNull(error.Column);
        Assert.Equal("must be a whole number from 1 to 1000 (was the string \"four\")", error.Message);
    }

    [Fact]
    public void Load_ManifestKeyOfTheWrongType_MessageDoesNotNameInternalTypes()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Write("ruleset.json", folder.Read("ruleset.json").Replace("\"attemptLimit\": 4,", "\"attemptLimit\": \"four\",", StringComparison.Ordinal));

        var error = SingleError(folder);

        Assert.DoesNotContain("RetakeAdvice.Loading", error.Message);
        Assert.DoesNotContain("ManifestModel", error.Message);
    }

    [Theory]
    [InlineData("steps")]
    [InlineData("passingStandards")]
    [InlineData("failureBands")]
    [InlineData("practiceExamVerdict")]
    [InlineData("resources")]
    [InlineData("disciplineWeights")]
    [InlineData("competitiveSpecialties")]
    [InlineData("crisisLines")]
    public void Load_ManifestKeyGivenAsNull_IsARuleSetErrorNotACrash(string key)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest[key] = null);

        var ex = Record.Exception(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)));

        var error = Assert.Single(Assert.IsType<RuleSetException>(ex).Errors);
        Assert.Equal("ruleset.json", error.File);
        Assert.Contains(key, error.Path + " " + error.Message);
    }

    [Theory]
    [InlineData("resources", "core")]
    [InlineData("disciplineWeights", "weights")]
    [InlineData("resources", "aliases")]
    public void Load_ManifestTableGivenAsNull_IsARuleSetErrorNotACrash(string parent, string key)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest[parent]![key] = null);

        var ex = Record.Exception(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)));

        Assert.Equal("ruleset.json", Assert.Single(Assert.IsType<RuleSetException>(ex).Errors).File);
    }

    [Fact]
    public void Load_NullInsideManifestLists_IsARuleSetErrorNotACrash()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest =>
        {
            manifest["resources"]!["aliases"]!["UWorld"] = null;
            manifest["crisisLines"] = new JsonArray((JsonNode?)null);
        });

        var ex = Record.Exception(() => RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)));

        Assert.All(Assert.IsType<RuleSetException>(ex).Errors, e => Assert.Equal("ruleset.json", e.File));
    }

    [Theory]
    [InlineData("""{ "cases": null }""")]
    [InlineData("""{ "cases": [ null ] }""")]
    [InlineData("""{ "cases": [ { "name": "x", "profile": { }, "expect": null } ] }""")]
    public void RuleTestSuiteLoad_NullWhereACaseBelongs_IsARuleSetErrorNotACrash(string testFile)
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Write("tests/school.json", testFile);

        var ex = Record.Exception(() => RuleTestSuite.Load(folder.Path));

        Assert.Equal("tests/school.json", Assert.Single(Assert.IsType<RuleSetException>(ex).Errors).File);
    }

    [Fact]
    public void RuleTestSuiteLoad_ReferenceThatIsNotAnIdOrObject_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Write("tests/school.json", """{ "cases": [ { "name": "x", "profile": { }, "expect": { "present": [ 5 ] } } ] }""");

        var ex = Assert.Throws<RuleSetException>(() => RuleTestSuite.Load(folder.Path));

        Assert.Equal(
            RuleSetErrors.At("tests/school.json", "x", "$.cases[0].expect.present[0]", null, null, "must be an id, or an object { id, target, indicator, minutes, text }"),
            NoPosition(Assert.Single(ex.Errors)));
    }

    [Fact]
    public void Load_ManifestWithUnknownKey_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["colour"] = "red");

        var error = SingleError(folder);

        Assert.Equal(("ruleset.json", "$.colour"), (error.File, error.Path));
        Assert.StartsWith("'colour' is not a known key of the manifest; known keys: $schema, name, version, steps,", error.Message);
    }

    [Fact]
    public void Load_ManifestStandardsOutOfOrder_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["passingStandards"]![1]!["from"] = "2013-01-01");

        var error = SingleError(folder);

        Assert.Equal(RuleSetErrors.At("ruleset.json", null, "$.passingStandards[1].from", null, null, "must be later than the entry before it"), NoPosition(error));
    }

    [Fact]
    public void Load_ManifestBandBoundsThatHoldNothing_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["failureBands"]![1]!["pointsBelowPassing"] = new JsonObject { ["above"] = 20, ["below"] = 10 });

        var error = SingleError(folder);

        Assert.Equal(RuleSetErrors.At("ruleset.json", null, "$.failureBands[1].pointsBelowPassing", null, null, "no value lies within these bounds"), NoPosition(error));
    }

    [Fact]
    public void Load_MissingFolder_IsAnError()
    {
        var path = Path.Combine(Path.GetTempPath(), "retake-rules-missing-" + Guid.NewGuid().ToString("N"));

        var ex = Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(path)));

        Assert.Equal(RuleSetErrors.At(".", null, null, null, null, "the rule folder does not exist"), NoPosition(Assert.Single(ex.Errors)));
    }

    [Fact]
    public void Load_FolderWithOnlyAManifest_SaysThereAreNoWorkflows()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        foreach (var file in Directory.EnumerateFiles(folder.Path, "*.json").Where(f => Path.GetFileName(f) != "ruleset.json").ToList())
        {
            File.Delete(file);
        }

        var error = SingleError(folder);

        Assert.Equal("the folder has no workflow files (*.json beside ruleset.json)", error.Message);
    }

    // ---- how an error reads ----

    [Fact]
    public void RuleSetErrorToString_EveryPart_ReadsFileLineRulePathMessage()
    {
        var error = RuleSetErrors.At("school.json", "school.contact-now", "$.Rules[0].Expression", 12, 7, "is wrong");

        Assert.Equal("school.json(12,7): rule 'school.contact-now' at $.Rules[0].Expression: is wrong", error.ToString());
    }

    [Fact]
    public void RuleSetErrorToString_PathWithoutRule_ReadsFilePathMessage()
    {
        var error = RuleSetErrors.At("ruleset.json", null, "$.attemptLimit", null, null, "must be from 1 to 1000 (was 0)");

        Assert.Equal("ruleset.json: $.attemptLimit: must be from 1 to 1000 (was 0)", error.ToString());
    }

    [Fact]
    public void RuleSetErrorToString_NeitherRuleNorPath_HasOneColon()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Delete("ruleset.json");

        var ex = LoadFails(folder);

        Assert.Equal("ruleset.json: the manifest is missing", ex.Errors[0].ToString());
        Assert.Equal("f.json(4,19): m", RuleSetErrors.At("f.json", null, null, 4, 19, "m").ToString());
    }

    // ---- every problem at once ----

    [Fact]
    public void Load_ProblemsInSeveralFiles_AllReportedInOneException()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card => card["step"] = 8);
        folder.Replace("wellbeing.json", CounselingExpression, "facts.Distres >= counselingDistress");
        folder.EditFirstCard("resilience.json", card => card["indicator"] = "urgent");

        var ex = LoadFails(folder);

        Assert.Equal(
            [
                ("resilience.json", "resilience.burnout-risk", "$.Rules[0].Properties.indicator"),
                ("school.json", "school.contact-now", "$.Rules[0].Properties.step"),
                ("wellbeing.json", "wellbeing.counseling", "$.Rules[1].Expression"),
            ],
            ex.Errors.Select(e => (e.File, e.Rule!, e.Path!)));
        Assert.StartsWith($"The rule set in {folder.Path} is not valid (3 errors):\n- resilience.json: rule 'resilience.burnout-risk' at ", WithoutPositions(ex.Message));
    }

    [Fact]
    public void Load_ManifestAndWorkflowProblems_ReportedTogether()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditJson("ruleset.json", manifest => manifest["attemptLimit"] = 0);
        folder.EditFirstCard("school.json", card => card["priority"] = 101);

        var ex = LoadFails(folder);

        Assert.Equal(["ruleset.json", "school.json"], ex.Errors.Select(e => e.File));
        Assert.Equal("must be from 1 to 1000 (was 0)", ex.Errors[0].Message);
    }

    // ---- switching rules off ----

    [Fact]
    public void Load_ExpressionFalse_LoadsAndTheRuleNeverFires()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule["Expression"] = "false");

        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        var report = advisor.Advise(NotContacted());

        Assert.DoesNotContain(report.Recommendations, r => r.Id == "school.contact-now");
        Assert.Contains(advisor.Rules.Rules, r => r.Id == "school.contact-now");
        Assert.Contains(Shipped.Advisor.Advise(NotContacted()).Recommendations, r => r.Id == "school.contact-now");
    }

    [Fact]
    public void Load_EnabledFalse_LoadsAndTheRuleNeverFires()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule["Enabled"] = false);

        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        var report = advisor.Advise(NotContacted());

        Assert.DoesNotContain(report.Recommendations, r => r.Id == "school.contact-now");
        Assert.False(advisor.Rules.Rules.Single(r => r.Id == "school.contact-now").Enabled);
    }

    [Fact]
    public void Load_EnabledTrue_TheRuleFires()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule["Enabled"] = true);

        var report = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(NotContacted());

        Assert.Contains(report.Recommendations, r => r.Id == "school.contact-now");
    }

    [Fact]
    public void Load_EnabledNotABoolean_IsAnError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule["Enabled"] = "no");

        var error = SingleError(folder);

        Assert.Equal(RuleSetErrors.At("school.json", "school.contact-now", "$.Rules[0].Enabled", null, null, "must be true or false (was the string \"no\")"), NoPosition(error));
    }

    // ---- evaluation ----

    [Fact]
    public void Advise_RuleThatThrows_RaisesRuleEvaluationExceptionNamingFileAndRule()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule["Expression"] = "facts.LatestPracticeExam.Score > 1");
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));

        var ex = Assert.Throws<RuleEvaluationException>(() => advisor.Advise(Profiles.Minimal()));

        Assert.Equal(("school.json", "school.contact-now", "Expression"), (ex.File, ex.Rule, ex.Part));
        Assert.IsType<NullReferenceException>(ex.InnerException);
        Assert.StartsWith("school.json: rule 'school.contact-now' threw while evaluating its Expression: NullReferenceException: ", ex.Message);
    }

    [Fact]
    public void Advise_RuleThatThrowsOnlyWithoutItsData_FiresWhenTheDataIsThere()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule["Expression"] = "facts.LatestPracticeExam.Score > 1");
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        var profile = Profiles.Minimal() with { PracticeExams = [new PracticeExam { Name = "NBME 18", Date = new DateOnly(2026, 11, 20), Score = 190 }] };

        var report = advisor.Advise(profile);

        Assert.Contains(report.Recommendations, r => r.Id == "school.contact-now");
    }

    [Fact]
    public async Task AdviseAsync_RuleThatThrows_FaultsWithRuleEvaluationException()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule["Expression"] = "facts.LatestPracticeExam.Score > 1");
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));

        var ex = await Assert.ThrowsAsync<RuleEvaluationException>(() => advisor.AdviseAsync(Profiles.Minimal()).AsTask());

        Assert.Equal("school.contact-now", ex.Rule);
    }

    [Fact]
    public void Advise_TextPlaceholderThatThrows_NamesThePart()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstCard("school.json", card => card["summary"] = "Latest: {facts.LatestPracticeExam.Name.Length} letters.");
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));

        var ex = Assert.Throws<RuleEvaluationException>(() => advisor.Advise(NotContacted()));

        Assert.Equal(("school.json", "school.contact-now", "card"), (ex.File, ex.Rule, ex.Part));
    }

    [Fact]
    public void RuleTestSuiteRun_RuleThatThrows_FailsTheCaseWithTheRulesError()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.EditFirstRule("school.json", rule => rule["Expression"] = "facts.LatestPracticeExam.Score > 1");
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path));
        var testCase = RuleTestSuite.Load(folder.Path).Cases.First(c => c.File == "tests/school.json");

        var result = RuleTestSuite.Run(advisor, testCase);

        Assert.False(result.Passed);
        Assert.StartsWith("school.json: rule 'school.contact-now' threw while evaluating its Expression", Assert.Single(result.Failures));
    }

    // ---- rule authors add rules in JSON only ----

    [Fact]
    public void Load_NewWorkflowFile_ItsRuleAppearsInTheReport()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Write("extra.json", """
            {
              "WorkflowName": "extra",
              "GlobalParams": [ { "Name": "minAttemptsLeft", "Expression": "1" } ],
              "Rules": [
                {
                  "RuleName": "extra.attempts-left",
                  "Expression": "facts.AttemptsLeft >= minAttemptsLeft",
                  "Properties": {
                    "step": 6, "category": "planning", "indicator": "info", "priority": 20,
                    "summary": "You have {facts.AttemptsLeft} of {facts.AttemptLimit} attempts left.",
                    "because": [ "{facts.FailedAttemptCount} failed attempt so far" ],
                    "actions": [ { "kind": "plan-study-period", "minutes": "facts.AttemptsLeft * 60" } ],
                    "source": { "label": "Our school's handbook", "url": "https://example.org/handbook" }
                  }
                }
              ]
            }
            """);

        var report = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(Profiles.Minimal());

        var card = Assert.Single(report.Recommendations, r => r.Id == "extra.attempts-left");
        Assert.Equal("You have 3 of 4 attempts left.", card.Summary);
        Assert.Equal(["1 failed attempt so far"], card.Because);
        Assert.Equal(new AdviceAction { Kind = "plan-study-period", Minutes = 180 }, Assert.Single(card.Actions));
        Assert.Equal(new AdviceSource { Label = "Our school's handbook", Url = "https://example.org/handbook" }, card.Source);
        Assert.DoesNotContain(Shipped.Advisor.Advise(Profiles.Minimal()).Recommendations, r => r.Id == "extra.attempts-left");
    }

    [Fact]
    public void Load_NewPerItemRule_OneRecommendationPerMatchingItem()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        folder.Write("resources.json", """
            {
              "WorkflowName": "resources",
              "Rules": [
                {
                  "RuleName": "resources.drop",
                  "Expression": "facts.PlannedResources != null",
                  "Properties": {
                    "step": 5, "category": "resources", "indicator": "info", "priority": 45,
                    "target": { "items": "facts.PlannedResources", "where": "!item.IsCore", "name": "item.Name" },
                    "summary": "Consider dropping {item.Name}.",
                    "actions": [ { "kind": "drop-resource", "target": "{item.Name}" } ]
                  }
                }
              ]
            }
            """);
        var profile = Profiles.Minimal() with { PlannedResources = ["UW", "BRS Pathology", "Anki", "FA"] };

        var report = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(profile);

        var cards = report.Recommendations.Where(r => r.Id == "resources.drop").ToList();
        Assert.Equal(["Anki", "BRS Pathology"], cards.Select(c => c.Target));
        Assert.Equal("Consider dropping Anki.", cards[0].Summary);
        Assert.Equal("Seven practical steps after failing Step 1, step 5", cards[0].Source.Label);
    }

    [Fact]
    public void Load_CamelCaseWorkflowKeys_LoadAndAdviseLikePascalCase()
    {
        using var folder = TempRuleFolder.CopyOfShippedRules();
        foreach (var file in new[] { "school.json", "wellbeing.json" })
        {
            folder.Write(file, folder.Read(file)
                .Replace("\"WorkflowName\"", "\"workflowName\"", StringComparison.Ordinal)
                .Replace("\"GlobalParams\"", "\"globalParams\"", StringComparison.Ordinal)
                .Replace("\"Name\"", "\"name\"", StringComparison.Ordinal)
                .Replace("\"Rules\"", "\"rules\"", StringComparison.Ordinal)
                .Replace("\"RuleName\"", "\"ruleName\"", StringComparison.Ordinal)
                .Replace("\"Expression\"", "\"expression\"", StringComparison.Ordinal)
                .Replace("\"Properties\"", "\"properties\"", StringComparison.Ordinal));
        }

        Assert.Contains("\"ruleName\": \"school.contact-now\"", folder.Read("school.json"));
        var profile = NotContacted() with { Wellbeing = new WellbeingStatus { Distress = 8, ThoughtsOfSelfHarm = true } };

        var camel = RetakeAdvisor.Create(RuleSource.FromDirectory(folder.Path)).Advise(profile);
        var pascal = Shipped.Advisor.Advise(profile);

        Assert.Equal(
            ["wellbeing.crisis-support", "school.contact-now", "wellbeing.counseling", "planning.near-miss", "resilience.self-care"],
            camel.Recommendations.Select(r => r.Id));
        Assert.Equal(
            RetakeAdviceJson.WriteReport(pascal with { RuleSet = camel.RuleSet }),
            RetakeAdviceJson.WriteReport(camel));
    }

    [Fact]
    public void Load_ShippedRules_EveryRuleCompiled()
    {
        var ids = Shipped.Advisor.Rules.Rules.Select(r => r.Id).Order(StringComparer.Ordinal);
        var written = Directory.EnumerateFiles(RepoPaths.Rules, "*.json")
            .Where(f => Path.GetFileName(f) != "ruleset.json")
            .SelectMany(f => System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(f))!["Rules"]!.AsArray().Select(r => (string)r!["RuleName"]!))
            .Order(StringComparer.Ordinal);

        Assert.Equal(written, ids);
        Assert.Equal(30, Shipped.Advisor.Rules.Rules.Count(r => r.Card is not null)); // the catalogue and the hard cases
        Assert.Equal(7, Shipped.Advisor.Rules.ReadinessRules.Length);
    }
}
