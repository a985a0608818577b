using System.Text.Json;
using RetakeAdvice.Evaluation;
using RetakeAdvice.Loading;
using RetakeAdvice.Model;

namespace RetakeAdvice.Testing;

/// <summary>
/// The JSON rule tests of a rule folder (<c>tests/*.json</c>), for <c>retake-advice test</c> and for test
/// frameworks that run each case on its own.
/// </summary>
public sealed partial class RuleTestSuite
{
    private RuleTestSuite(RuleFolder folder, IReadOnlyList<RuleTestCase> cases, IReadOnlyList<EquivalentMutant> equivalentMutants)
    {
        Folder = folder;
        EquivalentMutants = equivalentMutants;
        Location = folder.Location;
        Cases = cases;
    }

    /// <summary>Where the tests were read from.</summary>
    public string Location { get; }

    /// <summary>Every case, in file order then case order.</summary>
    public IReadOnlyList<RuleTestCase> Cases { get; }

    /// <summary>The mutants the test files declare equivalent (<c>equivalentMutants</c>), with their reasons.</summary>
    internal IReadOnlyList<EquivalentMutant> EquivalentMutants { get; }

    /// <summary>The folder the tests were read from, rules included (coverage and mutants load them).</summary>
    internal RuleFolder Folder { get; }

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

        return Run(advisor.Rules, testCase);
    }

    /// <summary>Runs one case on a compiled rule set (the advisor's, or a mutant's).</summary>
    internal static RuleTestResult Run(CompiledRuleSet rules, RuleTestCase testCase)
    {
        if (testCase.Profile is null)
        {
            return new RuleTestResult { Case = testCase, Failures = [$"the profile does not read: {testCase.ProfileError}"] };
        }

        try
        {
            // The advice pass itself, traced: what a case sees is what a student gets.
            var trace = new EvaluationTrace(rules, recordErrors: false);
            var report = AdvicePipeline.Run(rules, testCase.Profile, Today, trace, CancellationToken.None);
            return new RuleTestResult { Case = testCase, Failures = testCase.Check(report, trace, rules) };
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
        return [.. Cases.SelectMany(c => c.UnknownRules(ids).Select(unknown => c.Locate(unknown.Path, $"test '{c.Name}' {unknown.Message}")))];
    }

    /// <summary>
    /// The cases whose profile does not read (or has no <c>asOf</c>): they can only fail. <c>retake-advice validate</c>
    /// reports them with the file, line and path of the case's profile.
    /// </summary>
    /// <returns>The problems; empty when every case's profile reads.</returns>
    public IReadOnlyList<RuleSetError> CheckProfiles() =>
        [.. Cases.Where(c => c.ProfileError is not null).Select(c => c.Locate($"{c.Path}.profile", $"test '{c.Name}': the profile does not read: {c.ProfileError}"))];

    /// <summary>Runs every case.</summary>
    /// <param name="advisor">The advisor on the rule set under test.</param>
    /// <returns>One result per case, in order.</returns>
    public IReadOnlyList<RuleTestResult> RunAll(RetakeAdvisor advisor) => Cases.Select(c => Run(advisor, c)).ToArray();

    /// <summary>
    /// The day cases are advised on. Every case's profile carries its own <c>asOf</c> (a case without one does not
    /// read), so this only fills the pipeline's argument.
    /// </summary>
    private static DateOnly Today => DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);

    private static RuleTestSuite Load(RuleFolder folder)
    {
        var errors = new List<RuleSetError>();
        var cases = new List<RuleTestCase>();
        var equivalents = new List<EquivalentMutant>();
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
            for (var i = 0; i < (model.EquivalentMutants?.Count ?? 0); i++)
            {
                if (EquivalentMutant.Read(fields, model.EquivalentMutants![i], $"$.equivalentMutants[{i}]") is { } equivalent)
                {
                    equivalents.Add(equivalent);
                }
            }

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

        return new RuleTestSuite(folder, cases, equivalents);
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
        var idPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        var (readiness, decidedBy) = Readiness(fields, model.Name, expect.Readiness, $"{path}.expect.readiness");
        if (decidedBy is not null)
        {
            idPaths.TryAdd(decidedBy, $"{path}.expect.readiness.decidedBy");
        }

        foreach (var id in expect.Counts?.Keys ?? Enumerable.Empty<string>())
        {
            idPaths.TryAdd(id, JsonFields.Member($"{path}.expect.counts", id));
        }

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
            References(fields, model.Name, expect.Present, $"{path}.expect.present", idPaths),
            References(fields, model.Name, expect.Absent, $"{path}.expect.absent", idPaths),
            References(fields, model.Name, expect.Order, $"{path}.expect.order", idPaths),
            expect.Counts ?? [],
            readiness,
            decidedBy,
            checksWeeks,
            weeks,
            Suppressed(fields, model.Name, expect.Suppressed, $"{path}.expect.suppressed", idPaths));
        return new RuleTestCase(fields.File, model.Name, profile, profileError, expectation) { Path = path, Source = fields, IdPaths = idPaths };
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
    private static List<(string, string?)> Suppressed(JsonFields fields, string testName, List<JsonElement>? elements, string path, Dictionary<string, string> idPaths)
    {
        var result = new List<(string, string?)>();
        for (var i = 0; i < (elements?.Count ?? 0); i++)
        {
            var element = elements![i];
            var at = $"{path}[{i}]";
            if (element.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(element.GetString()))
            {
                result.Add((element.GetString()!, null));
                idPaths.TryAdd(element.GetString()!, at);
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                fields.CheckKeys(element, at, testName, ["id", "by"], "a suppression expectation");
                var id = fields.String(element, "id", at, testName, required: true);
                var by = fields.String(element, "by", at, testName, required: false);
                if (id is not null)
                {
                    result.Add((id, by));
                    idPaths.TryAdd(id, $"{at}.id");
                }

                if (by is not null)
                {
                    idPaths.TryAdd(by, $"{at}.by");
                }
            }
            else
            {
                fields.Error(testName, at, "must be a rule id, or an object { id, by }");
            }
        }

        return result;
    }

    private static List<RuleTestReference> References(JsonFields fields, string testName, List<JsonElement>? elements, string path, Dictionary<string, string> idPaths)
    {
        var result = new List<RuleTestReference>();
        for (var i = 0; i < (elements?.Count ?? 0); i++)
        {
            var element = elements![i];
            var at = $"{path}[{i}]";
            if (element.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(element.GetString()))
            {
                result.Add(new RuleTestReference(element.GetString()!, null, null, null));
                idPaths.TryAdd(element.GetString()!, at);
                continue;
            }

            if (element.ValueKind != JsonValueKind.Object)
            {
                fields.Error(testName, at, "must be an id, or an object { id, target, indicator, minutes, text }");
                continue;
            }

            fields.CheckKeys(element, at, testName, ["id", "target", "indicator", "minutes", "text"], "a recommendation reference");
            var id = fields.String(element, "id", at, testName, required: true);
            var target = fields.String(element, "target", at, testName, required: false);
            var indicatorText = fields.String(element, "indicator", at, testName, required: false);
            var minutes = fields.Int(element, "minutes", at, testName, required: false, 0, int.MaxValue);
            var text = fields.String(element, "text", at, testName, required: false);
            if (text is { Length: 0 })
            {
                fields.Error(testName, $"{at}.text", "must not be empty: the words the card must contain");
                text = null;
            }

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
                result.Add(new RuleTestReference(id, target, indicator, minutes, text));
                idPaths.TryAdd(id, $"{at}.id");
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
