using System.Text.Json;
using RetakeAdvice.Loading;

namespace RetakeAdvice.Testing;

/// <summary>
/// The JSON rule tests of a rule folder (<c>tests/*.json</c>), for <c>retake-advice test</c> and for test
/// frameworks that run each case on its own.
/// </summary>
public sealed class RuleTestSuite
{
    private RuleTestSuite(string location, IReadOnlyList<RuleTestCase> cases)
    {
        Location = location;
        Cases = cases;
    }

    /// <summary>Where the tests were read from.</summary>
    public string Location { get; }

    /// <summary>Every case, in file order then case order.</summary>
    public IReadOnlyList<RuleTestCase> Cases { get; }

    /// <summary>Loads the tests of the default rule set embedded in the package.</summary>
    /// <returns>The suite.</returns>
    /// <exception cref="RuleSetException">A test file is malformed.</exception>
    public static RuleTestSuite LoadDefault() => Load(RuleFolder.Embedded());

    /// <summary>Loads the tests of a rule folder.</summary>
    /// <param name="rulesDirectory">The rule folder; its tests are in <c>tests/*.json</c>.</param>
    /// <returns>The suite.</returns>
    /// <exception cref="RuleSetException">The folder is missing or a test file is malformed.</exception>
    public static RuleTestSuite Load(string rulesDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rulesDirectory);
        return Load(RuleFolder.FromDirectory(rulesDirectory));
    }

    /// <summary>Runs one case.</summary>
    /// <param name="advisor">The advisor on the rule set under test.</param>
    /// <param name="testCase">The case.</param>
    /// <returns>The outcome; a case whose rules throw fails with the rule's error.</returns>
    public static RuleTestResult Run(RetakeAdvisor advisor, RuleTestCase testCase)
    {
        ArgumentNullException.ThrowIfNull(advisor);
        ArgumentNullException.ThrowIfNull(testCase);
        if (testCase.Profile is null)
        {
            return new RuleTestResult { Case = testCase, Failures = [$"the profile does not read: {testCase.ProfileError}"] };
        }

        try
        {
            // The advice pass itself, traced: what a case sees is what a student gets.
            var rules = advisor.Rules;
            var (report, trace) = advisor.AdviseTraced(testCase.Profile);
            return new RuleTestResult { Case = testCase, Failures = testCase.Check(report, trace, rules.Rules) };
        }
        catch (Exception ex) when (ex is ProfileValidationException or RuleEvaluationException)
        {
            return new RuleTestResult { Case = testCase, Failures = [ex.Message], RuleError = ex as RuleEvaluationException };
        }
    }

    /// <summary>
    /// The cases that name a rule the advisor's rule set does not have, under present, absent, order, counts,
    /// readiness or suppressed: each a problem naming the test file and case, with the nearest real id when one is
    /// close. Running such a case fails it too; <c>retake-advice validate</c> reports them without running anything.
    /// </summary>
    /// <param name="advisor">The advisor on the rule set the tests are for.</param>
    /// <returns>The problems; empty when every id is a rule of the set.</returns>
    public IReadOnlyList<RuleSetError> CheckRuleIds(RetakeAdvisor advisor)
    {
        ArgumentNullException.ThrowIfNull(advisor);
        var ids = advisor.Rules.RuleIds;
        return [.. Cases.SelectMany(c => c.UnknownRules(ids).Select(message => new RuleSetError { File = c.File, Message = $"test '{c.Name}' {message}" }))];
    }

    /// <summary>
    /// Rule coverage: for every rule of the advisor's set, the cases where it fired, did not fire, and was suppressed.
    /// A rule the tests never see fire, or never see stay quiet, is a side of it no test pins. Cases whose profile
    /// does not read, or on which a rule throws, are left out (they fail when run).
    /// </summary>
    /// <param name="advisor">The advisor on the rule set under test.</param>
    /// <returns>One entry per rule, in the rule set's order.</returns>
    public IReadOnlyList<RuleCoverage> Coverage(RetakeAdvisor advisor)
    {
        ArgumentNullException.ThrowIfNull(advisor);
        var rules = advisor.Rules.Rules;
        var sides = rules.Select(_ => (Fired: new List<string>(), NotFired: new List<string>(), Suppressed: new List<string>())).ToArray();
        foreach (var testCase in Cases)
        {
            if (testCase.Profile is null)
            {
                continue;
            }

            Evaluation.EvaluationTrace trace;
            try
            {
                trace = advisor.AdviseTraced(testCase.Profile).Trace;
            }
            catch (Exception ex) when (ex is ProfileValidationException or RuleEvaluationException)
            {
                continue;
            }

            var name = testCase.ToString();
            for (var i = 0; i < rules.Count; i++)
            {
                switch (trace.OutcomeOf(rules[i]))
                {
                    case RuleOutcome.Fired:
                        sides[i].Fired.Add(name);
                        break;
                    case RuleOutcome.Suppressed:
                        sides[i].Suppressed.Add(name);
                        break;
                    case RuleOutcome.NotFired or RuleOutcome.NotReached:
                        sides[i].NotFired.Add(name);
                        break;
                }
            }
        }

        return [.. rules.Select((rule, i) => new RuleCoverage { Rule = rule.Id, Fired = sides[i].Fired, NotFired = sides[i].NotFired, Suppressed = sides[i].Suppressed })];
    }

    /// <summary>Runs every case.</summary>
    /// <param name="advisor">The advisor on the rule set under test.</param>
    /// <returns>One result per case, in order.</returns>
    public IReadOnlyList<RuleTestResult> RunAll(RetakeAdvisor advisor) => Cases.Select(c => Run(advisor, c)).ToArray();

    private static RuleTestSuite Load(RuleFolder folder)
    {
        var errors = new List<RuleSetError>();
        var cases = new List<RuleTestCase>();
        foreach (var file in folder.Tests)
        {
            RuleTestFileModel? model;
            try
            {
                model = JsonSerializer.Deserialize(file.Content, RuleTestJsonContext.Default.RuleTestFileModel);
            }
            catch (JsonException ex)
            {
                errors.Add(JsonErrors.FromJsonException(file.Path, ex, typeof(RuleTestFileModel), file.Content));
                continue;
            }
            catch (InvalidOperationException)
            {
                errors.Add(new RuleSetError { File = file.Path, Path = "$", Message = JsonFields.NotUnicode });
                continue;
            }

            if (model is null)
            {
                errors.Add(new RuleSetError { File = file.Path, Path = "$", Message = "must be a JSON object with cases" });
                continue;
            }

            var fields = new JsonFields(file.Path, errors, file.Content);
            for (var i = 0; i < model.Cases.Count; i++)
            {
                if (model.Cases[i] is null)
                {
                    fields.Error(null, $"$.cases[{i}]", "must be a case object: name, profile, expect");
                    continue;
                }

                cases.Add(ReadCase(fields, model.Cases[i], $"$.cases[{i}]"));
            }
        }

        if (errors.Count > 0)
        {
            throw new RuleSetException(folder.Location, errors);
        }

        return new RuleTestSuite(folder.Location, cases);
    }

    private static RuleTestCase ReadCase(JsonFields fields, RuleTestCaseModel model, string path)
    {
        RetakeProfile? profile = null;
        string? profileError = null;
        try
        {
            profile = RetakeAdviceJson.ReadProfile(model.Profile.GetRawText());
            if (profile.AsOf is null)
            {
                (profile, profileError) = (null, "give the profile an asOf, so the case does not depend on today's date");
            }
        }
        catch (ProfileValidationException ex)
        {
            profileError = ex.Message;
        }

        var expect = model.Expect;
        var (readiness, decidedBy) = Readiness(fields, model.Name, expect.Readiness, $"{path}.expect.readiness");
        StudyWeeks? weeks = null;
        var checksWeeks = expect.EstimatedStudyWeeks.ValueKind != JsonValueKind.Undefined;
        if (expect.EstimatedStudyWeeks.ValueKind == JsonValueKind.Object
            && expect.EstimatedStudyWeeks.TryGetProperty("min", out var min) && min.TryGetInt32(out var minValue)
            && expect.EstimatedStudyWeeks.TryGetProperty("max", out var max) && max.TryGetInt32(out var maxValue))
        {
            weeks = new StudyWeeks { Min = minValue, Max = maxValue };
        }
        else if (checksWeeks && expect.EstimatedStudyWeeks.ValueKind != JsonValueKind.Null)
        {
            fields.Error(model.Name, $"{path}.expect.estimatedStudyWeeks", "must be null or { \"min\": N, \"max\": N }");
        }

        var expectation = new RuleTestExpectation(
            References(fields, model.Name, expect.Present, $"{path}.expect.present"),
            References(fields, model.Name, expect.Absent, $"{path}.expect.absent"),
            References(fields, model.Name, expect.Order, $"{path}.expect.order"),
            expect.Counts ?? [],
            readiness,
            decidedBy,
            checksWeeks,
            weeks,
            Suppressed(fields, model.Name, expect.Suppressed, $"{path}.expect.suppressed"));
        return new RuleTestCase(fields.File, model.Name, profile, profileError, expectation);
    }

    /// <summary><c>"not-ready"</c>, or <c>{ "status": "not-ready", "decidedBy": "readiness.rule-id" }</c> (each optional).</summary>
    private static (ReadinessStatus?, string?) Readiness(JsonFields fields, string testName, JsonElement element, string path)
    {
        string? status = null;
        string? decidedBy = null;
        if (element.ValueKind == JsonValueKind.String)
        {
            status = element.GetString();
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            fields.CheckKeys(element, path, testName, ["status", "decidedBy"], "a readiness expectation");
            status = fields.String(element, "status", path, testName, required: false);
            decidedBy = fields.String(element, "decidedBy", path, testName, required: false);
        }
        else if (element.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            fields.Error(testName, path, "must be a status (ready, not-ready, unknown) or { \"status\", \"decidedBy\" }");
        }

        ReadinessStatus? parsed = status switch
        {
            null => null,
            "ready" => ReadinessStatus.Ready,
            "not-ready" => ReadinessStatus.NotReady,
            "unknown" => ReadinessStatus.Unknown,
            var other => Fail<ReadinessStatus?>(fields, testName, path, $"must be ready, not-ready or unknown (was \"{other}\")"),
        };
        return (parsed, decidedBy);
    }

    /// <summary>Each a rule id, or <c>{ "id", "by" }</c>: the rule must have been suppressed (by that rule).</summary>
    private static List<(string, string?)> Suppressed(JsonFields fields, string testName, List<JsonElement>? elements, string path)
    {
        var result = new List<(string, string?)>();
        for (var i = 0; i < (elements?.Count ?? 0); i++)
        {
            var element = elements![i];
            var at = $"{path}[{i}]";
            if (element.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(element.GetString()))
            {
                result.Add((element.GetString()!, null));
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                fields.CheckKeys(element, at, testName, ["id", "by"], "a suppression expectation");
                var id = fields.String(element, "id", at, testName, required: true);
                var by = fields.String(element, "by", at, testName, required: false);
                if (id is not null)
                {
                    result.Add((id, by));
                }
            }
            else
            {
                fields.Error(testName, at, "must be a rule id, or an object { id, by }");
            }
        }

        return result;
    }

    private static List<RuleTestReference> References(JsonFields fields, string testName, List<JsonElement>? elements, string path)
    {
        var result = new List<RuleTestReference>();
        for (var i = 0; i < (elements?.Count ?? 0); i++)
        {
            var element = elements![i];
            var at = $"{path}[{i}]";
            if (element.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(element.GetString()))
            {
                result.Add(new RuleTestReference(element.GetString()!, null, null, null));
                continue;
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                fields.Error(testName, at, "must be an id, or an object { id, target, indicator, minutes }");
                continue;
            }

            fields.CheckKeys(element, at, testName, ["id", "target", "indicator", "minutes"], "a recommendation reference");
            var id = fields.String(element, "id", at, testName, required: true);
            var target = fields.String(element, "target", at, testName, required: false);
            var indicatorText = fields.String(element, "indicator", at, testName, required: false);
            var minutes = fields.Int(element, "minutes", at, testName, required: false, 0, int.MaxValue);
            AdviceIndicator? indicator = indicatorText switch
            {
                null => null,
                "critical" => AdviceIndicator.Critical,
                "warning" => AdviceIndicator.Warning,
                "info" => AdviceIndicator.Info,
                _ => Fail<AdviceIndicator?>(fields, testName, $"{at}.indicator", "must be critical, warning or info"),
            };
            if (id is not null)
            {
                result.Add(new RuleTestReference(id, target, indicator, minutes));
            }
        }

        return result;
    }

    private static T? Fail<T>(JsonFields fields, string testName, string path, string message)
    {
        fields.Error(testName, path, message);
        return default;
    }
}
