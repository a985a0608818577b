using System.Text.Json;
using RetakeAdvice.Loading;
using RetakeAdvice.Testing;

namespace RetakeAdvice;

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
            return new RuleTestResult(testCase, [$"the profile does not read: {testCase.ProfileError}"]);
        }

        try
        {
            return new RuleTestResult(testCase, testCase.Check(advisor.Advise(testCase.Profile)));
        }
        catch (Exception ex) when (ex is ProfileValidationException or RuleEvaluationException)
        {
            return new RuleTestResult(testCase, [ex.Message]);
        }
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
                model = JsonSerializer.Deserialize(file.Content, RuleSetJsonContext.Default.RuleTestFileModel);
            }
            catch (JsonException ex)
            {
                errors.Add(RuleSetLoader.FromJsonException(file.Path, ex, typeof(RuleTestFileModel)));
                continue;
            }
            catch (InvalidOperationException)
            {
                errors.Add(new RuleSetError(file.Path, null, "$", null, null, "holds text that is not valid Unicode (a lone surrogate, or bytes that are not UTF-8)"));
                continue;
            }

            if (model is null)
            {
                errors.Add(new RuleSetError(file.Path, null, "$", null, null, "must be a JSON object with cases"));
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
        ReadinessStatus? readiness = expect.Readiness switch
        {
            null => null,
            "ready" => ReadinessStatus.Ready,
            "not-ready" => ReadinessStatus.NotReady,
            "unknown" => ReadinessStatus.Unknown,
            var other => Fail<ReadinessStatus?>(fields, model.Name, $"{path}.expect.readiness", $"must be ready, not-ready or unknown (was \"{other}\")"),
        };

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
            checksWeeks,
            weeks);
        return new RuleTestCase(fields.File, model.Name, profile, profileError, expectation);
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
