using System.Text;
using RetakeAdvice.Evaluation;

namespace RetakeAdvice.Testing;

/// <summary>
/// One JSON rule test: a profile and what its report must hold (ids with targets present or absent, an order,
/// counts, readiness and the rule that decided it, study weeks, suppressions). Load cases with <see cref="RuleTestSuite"/>.
/// </summary>
public sealed class RuleTestCase
{
    internal RuleTestCase(string file, string name, RetakeProfile? profile, string? profileError, RuleTestExpectation expectation)
    {
        File = file;
        Name = name;
        Profile = profile;
        ProfileError = profileError;
        Expectation = expectation;
    }

    /// <summary>The test file, relative to the rule folder (for example <c>tests/wellbeing.json</c>).</summary>
    public string File { get; }

    /// <summary>The case's name.</summary>
    public string Name { get; }

    /// <summary>The profile; <see langword="null"/> when it does not read (see <see cref="ProfileError"/>).</summary>
    public RetakeProfile? Profile { get; }

    /// <summary>Why the case's profile does not read, when it does not.</summary>
    public string? ProfileError { get; }

    internal RuleTestExpectation Expectation { get; }

    /// <summary>The case's JSON path in its file (<c>$.cases[3]</c>).</summary>
    internal string Path { get; init; } = "$";

    /// <summary>The file the case was read from, for positions of problems found after loading.</summary>
    internal Loading.JsonFields? Source { get; init; }

    /// <summary>Where the case first names each rule id.</summary>
    internal IReadOnlyDictionary<string, string> IdPaths { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A problem of this case at a path of its file, with the line and column when the file is known: of the value
    /// when it is a text (a rule id), else of its key.
    /// </summary>
    internal RuleSetError Locate(string path, string message) =>
        Source?.Locate(null, path, message, offsetInValue: -1) ?? new RuleSetError { File = File, Message = message };

    /// <summary>The case as "file: name".</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{File}: {Name}";

    /// <summary>Checks a report, and the trace of the pass that made it, against the case.</summary>
    internal List<string> Check(AdviceReport report, EvaluationTrace trace, Model.CompiledRuleSet ruleSet)
    {
        // A misspelt id would pass under absent and counts, and read as "did not fire" under present.
        var failures = UnknownRules(ruleSet.RuleIds).ConvertAll(u => u.Message);
        var rules = ruleSet.Rules;
        var recommendations = report.Recommendations;
        foreach (var expected in Expectation.Present)
        {
            if (IndexOf(recommendations, expected) < 0)
            {
                failures.Add($"missing: {expected}");
                if (expected.Text is not null && IndexOf(recommendations, expected with { Text = null }) is >= 0 and var card)
                {
                    // The card is there, its words are not: show them, so the author sees what to write (matching is case-sensitive).
                    var words = recommendations[card];
                    failures.Add($"{expected.Id} says: \"{words.Summary}\"{(words.Because.Count > 0 ? $"; because: \"{string.Join("\", \"", words.Because)}\"" : string.Empty)}{(words.Detail is null ? string.Empty : $"; detail: \"{words.Detail}\"")}");
                }
            }
        }

        foreach (var unexpected in Expectation.Absent)
        {
            var index = IndexOf(recommendations, unexpected);
            if (index >= 0)
            {
                failures.Add($"unexpected: {Describe(recommendations[index])}");
            }
        }

        var previous = -1;
        RuleTestReference? previousReference = null;
        foreach (var expected in Expectation.Order)
        {
            var index = IndexOf(recommendations, expected);
            if (index < 0)
            {
                failures.Add($"order: missing {expected}");
                continue;
            }

            if (index <= previous)
            {
                failures.Add($"order: expected {previousReference} before {expected}, but it came at position {previous + 1} and {expected} at {index + 1}");
            }

            previous = index;
            previousReference = expected;
        }

        foreach (var (id, count) in Expectation.Counts)
        {
            var actual = recommendations.Count(r => r.Id == id);
            if (actual != count)
            {
                failures.Add($"count: expected {count} × {id}, got {actual}");
            }
        }

        if (Expectation.Readiness is { } readiness && readiness != report.Readiness.Status)
        {
            failures.Add($"readiness: expected {StatusName(readiness)}, got {StatusName(report.Readiness.Status)}");
        }

        if (Expectation.ReadinessDecidedBy is { } decider)
        {
            var decided = rules.FirstOrDefault(r => r.Verdict is not null && trace.OutcomeOf(r) == RuleOutcome.Fired)?.Id;
            if (decided != decider)
            {
                failures.Add($"readiness: expected {decider} to decide, but {(decided is null ? "no readiness rule held" : decided + " decided")}");
            }
        }

        foreach (var (id, by) in Expectation.Suppressed)
        {
            var rule = rules.FirstOrDefault(r => r.Id == id);
            var suppressor = rule is null ? null : trace.SuppressorOf(rule);
            if (suppressor is null)
            {
                failures.Add($"suppressed: expected {id} to be suppressed{(by is null ? "" : $" by {by}")}, but it was {(rule is null ? "not found" : Outcome(trace.OutcomeOf(rule)))}");
            }
            else if (by is not null && by != suppressor)
            {
                failures.Add($"suppressed: expected {id} to be suppressed by {by}, but {suppressor} suppressed it");
            }
        }

        if (Expectation.ChecksWeeks && Expectation.Weeks != report.EstimatedStudyWeeks)
        {
            failures.Add($"estimatedStudyWeeks: expected {Weeks(Expectation.Weeks)}, got {Weeks(report.EstimatedStudyWeeks)}");
        }

        if (failures.Count > 0)
        {
            failures.Add("the report had: " + (recommendations.Count == 0 ? "no recommendations" : string.Join(", ", recommendations.Select(Describe))));
        }

        return failures;
    }

    private static int IndexOf(IReadOnlyList<Recommendation> recommendations, RuleTestReference reference)
    {
        for (var i = 0; i < recommendations.Count; i++)
        {
            if (reference.Matches(recommendations[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string Describe(Recommendation r) =>
        r.Target is null ? r.Id : $"{r.Id} [{r.Target}]";

    private static string StatusName(ReadinessStatus status) => status switch
    {
        ReadinessStatus.Ready => "ready",
        ReadinessStatus.NotReady => "not-ready",
        _ => "unknown",
    };

    /// <summary>The rule ids the case names (present, absent, order, counts, readiness, suppressed), each once.</summary>
    internal IEnumerable<string> RuleIdsNamed() =>
        Expectation.Present.Concat(Expectation.Absent).Concat(Expectation.Order).Select(r => r.Id)
            .Concat(Expectation.Counts.Keys)
            .Concat(Expectation.ReadinessDecidedBy is { } decider ? [decider] : [])
            .Concat(Expectation.Suppressed.SelectMany(s => s.By is null ? [s.Id] : new[] { s.Id, s.By }))
            .Distinct(StringComparer.Ordinal);

    /// <summary>One message per named id the rule set does not have, with the nearest real id when one is close.</summary>
    internal List<(string Message, string Path)> UnknownRules(IReadOnlyCollection<string> ruleIds) =>
        [.. RuleIdsNamed()
            .Where(id => !ruleIds.Contains(id, StringComparer.Ordinal))
            .Select(id => (Primitives.Spelling.Nearest(id, ruleIds) is { } closest
                ? $"names the rule '{id}', which the rule set does not have; did you mean '{closest}'?"
                : $"names the rule '{id}', which the rule set does not have (its rules: {string.Join(", ", ruleIds.Order(StringComparer.Ordinal))})",
                IdPaths.TryGetValue(id, out var at) ? at : $"{Path}.expect"))];

    private static string Outcome(RuleOutcome outcome) => outcome switch
    {
        RuleOutcome.Fired => "not suppressed (it fired)",
        RuleOutcome.Disabled => "not suppressed (it is disabled)",
        RuleOutcome.NotReached => "not suppressed (not reached)",
        RuleOutcome.Failed => "not suppressed (it threw)",
        _ => "not suppressed (it did not fire)",
    };

    private static string Weeks(StudyWeeks? weeks) => weeks is null ? "null" : $"{weeks.Min}–{weeks.Max}";
}

/// <summary>What a case expects.</summary>
internal sealed record RuleTestExpectation(
    IReadOnlyList<RuleTestReference> Present,
    IReadOnlyList<RuleTestReference> Absent,
    IReadOnlyList<RuleTestReference> Order,
    IReadOnlyDictionary<string, int> Counts,
    ReadinessStatus? Readiness,
    string? ReadinessDecidedBy,
    bool ChecksWeeks,
    StudyWeeks? Weeks,
    IReadOnlyList<(string Id, string? By)> Suppressed);

/// <summary>A recommendation a case refers to: an id, and optionally its target, indicator and action minutes.</summary>
internal sealed record RuleTestReference(string Id, string? Target, AdviceIndicator? Indicator, int? Minutes, string? Text = null)
{
    public bool Matches(Recommendation r) =>
        r.Id == Id
        && (Target is null || r.Target == Target)
        && (Indicator is null || r.Indicator == Indicator)
        && (Minutes is null || r.Actions.Any(a => a.Minutes == Minutes))
        && (Text is null || r.Summary.Contains(Text, StringComparison.Ordinal) || r.Detail?.Contains(Text, StringComparison.Ordinal) == true
            || r.Because.Any(b => b.Contains(Text, StringComparison.Ordinal)));

    public override string ToString()
    {
        var text = new StringBuilder(Id);
        if (Target is not null)
        {
            text.Append(" [").Append(Target).Append(']');
        }

        if (Indicator is not null)
        {
            text.Append(" as ").Append(Indicator switch { AdviceIndicator.Critical => "critical", AdviceIndicator.Warning => "warning", _ => "info" });
        }

        if (Minutes is not null)
        {
            text.Append(" with ").Append(Minutes).Append(" minutes");
        }

        if (Text is not null)
        {
            text.Append(" saying \"").Append(Text).Append('"');
        }

        return text.ToString();
    }
}
