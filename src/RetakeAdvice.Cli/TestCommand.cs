using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RetakeAdvice.Testing;

namespace RetakeAdvice.Cli;

/// <summary><c>test [DIR] [--coverage] [--min-coverage P] [--format json]</c>: runs a rule folder's JSON test cases.</summary>
internal static class TestCommand
{
    /// <summary>What to show besides the results: coverage, its floor, mutation testing, and JSON for CI.</summary>
    public sealed record Settings(bool Coverage, double? MinCoverage, bool Json)
    {
        /// <summary>Run mutation testing once every case passes.</summary>
        public bool Mutate { get; init; }

        /// <summary>How mutation testing runs.</summary>
        public MutationOptions Mutation { get; init; } = new();
    }

    public static async Task<int> RunAsync(string? rulesDirectory, Settings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        RetakeAdvisor advisor;
        RuleTestSuite suite;
        try
        {
            advisor = RetakeAdvisor.Create(rulesDirectory is null ? RuleSource.Embedded : RuleSource.FromDirectory(rulesDirectory));
            suite = rulesDirectory is null ? RuleTestSuite.LoadDefault() : RuleTestSuite.Load(rulesDirectory);
        }
        catch (RuleSetException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadRules;
        }

        using (advisor)
        {
            var passed = 0;
            var failures = new List<RuleTestResult>();
            RuleEvaluationException? ruleError = null;
            foreach (var testCase in suite.Cases)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = RuleTestSuite.Run(advisor, testCase);
                if (result.Passed)
                {
                    passed++;
                    continue;
                }

                failures.Add(result);
                ruleError ??= result.RuleError;
                if (!settings.Json)
                {
                    await output.WriteLineAsync($"FAIL {testCase}").ConfigureAwait(false);
                    foreach (var failure in result.Failures)
                    {
                        // A failure of several lines (a profile's problems) stays under its case.
                        await output.WriteLineAsync($"  - {failure.ReplaceLineEndings("\n    ")}").ConfigureAwait(false);
                    }
                }
            }

            if (suite.Cases.Count == 0)
            {
                await error.WriteLineAsync($"No test cases found in {suite.Location} (tests/*.json).").ConfigureAwait(false);
            }

            var coverage = settings.Coverage ? suite.Coverage() : null;
            var percent = coverage?.Percent ?? 100;
            // Mutants ask which changes make a passing test fail: with a failing case there is no answer.
            MutationReport? mutation = null;
            try
            {
                mutation = settings.Mutate && failures.Count == 0 && suite.Cases.Count > 0 ? suite.Mutate(settings.Mutation, cancellationToken) : null;
            }
            catch (RuleSetException ex)
            {
                // An equivalentMutants entry that names no mutant: a mistake in the tests, told with file and path.
                await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.BadRules;
            }

            if (settings.Json)
            {
                await output.WriteLineAsync(Json(passed, failures, coverage, mutation)).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync($"{passed} passed, {failures.Count} failed").ConfigureAwait(false);
                if (coverage is not null)
                {
                    await output.WriteAsync(Text(coverage)).ConfigureAwait(false);
                }

                if (mutation is not null)
                {
                    await output.WriteAsync(Text(mutation, settings.Mutation)).ConfigureAwait(false);
                }
            }

            if (settings.Mutate && mutation is null && suite.Cases.Count > 0)
            {
                await error.WriteLineAsync("--mutate: no mutants were run, because cases fail on the rules as they are; fix them first (mutation testing asks which changes make a passing test fail).").ConfigureAwait(false);
            }

            if (ruleError is not null)
            {
                // A rule that throws is a defect in the rules, whichever command meets it: exit 3, as advise and explain.
                await error.WriteLineAsync(ruleError.Message).ConfigureAwait(false);
                return ExitCodes.BadRules;
            }

            if (settings.MinCoverage is { } floor && percent < floor)
            {
                var uncovered = coverage!.Rules.Where(c => !c.Covered).Select(c => c.Rule).ToArray();
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"coverage {percent:0.#}% is under --min-coverage {floor:0.#}%: {(uncovered.Length == 0 ? "shared conditions" : string.Join(", ", uncovered))} need a test on another side.")).ConfigureAwait(false);
                return ExitCodes.TestsFailed;
            }

            if (mutation is not null && !mutation.AllCaught)
            {
                var survivors = mutation.Survivors.Count();
                var notRun = mutation.Mutants.Count(m => m.Outcome == MutantOutcome.NotRun);
                await error.WriteLineAsync(survivors > 0
                    ? $"{survivors} mutant(s) survived: no test fails when the rules change that way (each is listed{(settings.Json ? " in mutation.byMutant" : " above")}, with the test that would catch it)."
                    : $"{notRun} mutant(s) did not run within --time-budget: raise it{(settings.Mutation.MaxDegreeOfParallelism < Environment.ProcessorCount ? $", or run more at once with --parallel {Environment.ProcessorCount}" : string.Empty)}.").ConfigureAwait(false);
                return ExitCodes.TestsFailed;
            }

            return failures.Count == 0 && suite.Cases.Count > 0 ? ExitCodes.Ok : ExitCodes.TestsFailed;
        }
    }

    private static string Text(RuleCoverageReport coverage)
    {
        if (coverage.Rules.Count == 0)
        {
            return "coverage: the rule set has no rules\n";
        }

        var rules = coverage.Rules;
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"coverage: {coverage.SidesCovered} of {coverage.Sides} sides seen ({coverage.Percent:0.#}%); {rules.Count(c => c.Covered && !c.Disabled)} of {rules.Count(c => !c.Disabled)} rules fully covered\n");
        text.Append("  (a side: a rule firing and not; items kept and dropped; an escalation holding and not; each side of a threshold)\n");
        var width = rules.Max(c => c.Rule.Length);
        text.Append("  ").Append("rule".PadRight(width)).Append("  fired  not fired  suppressed  sides\n");
        foreach (var rule in rules)
        {
            var sides = rule.Disabled ? "disabled" : $"{rule.SidesCovered}/{rule.Sides}";
            text.Append(CultureInfo.InvariantCulture, $"  {rule.Rule.PadRight(width)}  {rule.Fired.Count,5}  {rule.NotFired.Count,9}  {rule.Suppressed.Count,10}  {sides}\n");
            if (rule.ItemsKept is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {string.Empty.PadRight(width)}    items kept in {Count(rule.ItemsKept.Count, "case")}, dropped in {rule.ItemsDropped!.Count}\n");
            }

            if (rule.Escalated is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {string.Empty.PadRight(width)}    escalated in {Count(rule.Escalated.Count, "case")}, not in {rule.NotEscalated!.Count}\n");
            }

            foreach (var threshold in rule.Thresholds)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {string.Empty.PadRight(width)}    {threshold.Comparison} ({Part(threshold.Path)}): {Sides(threshold)}\n");
            }
        }

        foreach (var threshold in coverage.SharedThresholds)
        {
            text.Append(CultureInfo.InvariantCulture, $"  shared parameter or condition: {threshold.Comparison} ({threshold.Path}): {Sides(threshold)}\n");
        }

        var gaps = rules.SelectMany(r => r.Gaps.Select(g => $"{r.Rule}: {g}"))
            .Concat(coverage.SharedThresholds.Where(t => !t.Covered).Select(t => $"shared parameter or condition: {t.Parameter}: {(t.Held.Count == 0 ? "never held" : "never failed with a known value")} ({t.Comparison}, at {t.Path})"))
            .ToArray();
        if (coverage.LiteralComparisons.Count > 0)
        {
            text.Append("compared against a number written in the expression (coverage and --mutate cannot see these; a threshold among them belongs in a named parameter):\n");
            foreach (var literal in coverage.LiteralComparisons)
            {
                text.Append("  - ").Append(literal).Append('\n');
            }
        }

        if (gaps.Length > 0)
        {
            text.Append("uncovered:\n");
            foreach (var gap in gaps)
            {
                text.Append("  - ").Append(gap).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Sides(ThresholdCoverage t) =>
        $"held in {Count(t.Held.Count, "case")}, not in {t.NotHeld.Count}{(t.Unknown.Count > 0 ? $", unknown in {t.Unknown.Count}" : string.Empty)}";

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";

    /// <summary>"resources.json $.Rules[2].Properties.detail" as "Properties.detail": the rule is on the line already.</summary>
    private static string Part(string path)
    {
        var rule = path.IndexOf("].", StringComparison.Ordinal);
        return rule < 0 ? path : path[(rule + 2)..];
    }

    private static JsonArray Cases(IReadOnlyList<string>? cases) => new([.. (cases ?? []).Select(x => JsonValue.Create(x))]);

    private static JsonObject Threshold(ThresholdCoverage t) => new()
    {
        ["parameter"] = t.Parameter,
        ["comparison"] = t.Comparison,
        ["path"] = t.Path,
        ["covered"] = t.Covered,
        ["held"] = Cases(t.Held),
        ["notHeld"] = Cases(t.NotHeld),
        ["unknown"] = Cases(t.Unknown),
    };

    private static string Text(MutationReport report, MutationOptions options)
    {
        var text = new System.Text.StringBuilder();
        var count = (MutantOutcome outcome) => report.Mutants.Count(m => m.Outcome == outcome);
        text.Append(CultureInfo.InvariantCulture, $"mutation: {report.Mutants.Count} mutants, {count(MutantOutcome.Killed)} killed, {count(MutantOutcome.Refused)} refused by the loader, {count(MutantOutcome.Equivalent)} declared equivalent, {count(MutantOutcome.Survived)} survived");
        if (count(MutantOutcome.NotRun) > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $", {count(MutantOutcome.NotRun)} not run (time budget)");
        }

        text.Append(CultureInfo.InvariantCulture, $" ({report.Elapsed.TotalSeconds:0.0} s, {options.MaxDegreeOfParallelism} at once)\n");
        foreach (var (outcome, title) in (ReadOnlySpan<(MutantOutcome, string)>)[(MutantOutcome.Survived, "survived (no test fails on them)"), (MutantOutcome.NotRun, "not run")])
        {
            var listed = report.Mutants.Where(m => m.Outcome == outcome).ToArray();
            if (listed.Length == 0)
            {
                continue;
            }

            text.Append(title).Append(":\n");
            if (outcome == MutantOutcome.Survived)
            {
                text.Append("  (a mutant no profile could tell apart can be declared in a test file's equivalentMutants, with the reason)\n");
            }

            foreach (var mutant in listed)
            {
                text.Append(CultureInfo.InvariantCulture, $"  - {mutant.Description} ({mutant.File} {mutant.Path})\n");
                if (mutant.Hint is not null)
                {
                    text.Append("      a test that would catch it: ").Append(mutant.Hint).Append('\n');
                }
            }
        }

        foreach (var stale in report.Mutants.Where(m => m.Outcome == MutantOutcome.Killed && m.Because is not null))
        {
            text.Append(CultureInfo.InvariantCulture, $"note: {stale.Description} is declared equivalent, but \"{stale.KilledBy}\" catches it: its equivalentMutants entry can go\n");
        }

        return text.ToString();
    }

    private static string Kind(MutantKind kind) => kind switch
    {
        MutantKind.RuleOff => "rule-off",
        MutantKind.RuleForcedOn => "rule-forced-on",
        MutantKind.ParameterRaised => "parameter-raised",
        MutantKind.ParameterLowered => "parameter-lowered",
        _ => "escalation-flipped",
    }; // the names a test file's equivalentMutants uses

    private static string Outcome(MutantOutcome outcome) => outcome switch
    {
        MutantOutcome.Killed => "killed",
        MutantOutcome.Survived => "survived",
        MutantOutcome.Refused => "refused",
        MutantOutcome.Equivalent => "equivalent",
        _ => "not-run",
    };

    private static string Json(int passed, List<RuleTestResult> failures, RuleCoverageReport? coverage, MutationReport? mutation)
    {
        var root = new JsonObject
        {
            ["passed"] = passed,
            ["failed"] = failures.Count,
            ["failures"] = new JsonArray([.. failures.Select(f => new JsonObject
            {
                ["case"] = f.Case.ToString(),
                ["failures"] = new JsonArray([.. f.Failures.Select(x => JsonValue.Create(x))]),
            })]),
        };
        if (coverage is not null)
        {
            root["coverage"] = new JsonObject
            {
                ["sides"] = coverage.Sides,
                ["covered"] = coverage.SidesCovered,
                ["percent"] = Math.Round(coverage.Percent, 1),
                ["rules"] = coverage.Rules.Count(c => !c.Disabled),
                ["rulesCovered"] = coverage.Rules.Count(c => c.Covered && !c.Disabled),
                ["byRule"] = new JsonArray([.. coverage.Rules.Select(c =>
                {
                    var rule = new JsonObject
                    {
                        ["rule"] = c.Rule,
                        ["covered"] = c.Covered,
                        ["sides"] = c.Sides,
                        ["sidesCovered"] = c.SidesCovered,
                        ["gaps"] = new JsonArray([.. c.Gaps.Select(x => JsonValue.Create(x))]),
                        ["fired"] = Cases(c.Fired),
                        ["notFired"] = Cases(c.NotFired),
                        ["suppressed"] = Cases(c.Suppressed),
                    };
                    if (c.Disabled)
                    {
                        rule["disabled"] = true;
                    }

                    if (c.ItemsKept is not null)
                    {
                        rule["itemsKept"] = Cases(c.ItemsKept);
                        rule["itemsDropped"] = Cases(c.ItemsDropped);
                    }

                    if (c.Escalated is not null)
                    {
                        rule["escalated"] = Cases(c.Escalated);
                        rule["notEscalated"] = Cases(c.NotEscalated);
                    }

                    rule["thresholds"] = new JsonArray([.. c.Thresholds.Select(Threshold)]);
                    return rule;
                })]),
                ["sharedThresholds"] = new JsonArray([.. coverage.SharedThresholds.Select(Threshold)]),
                ["literalComparisons"] = new JsonArray([.. coverage.LiteralComparisons.Select(x => JsonValue.Create(x))]),
            };
        }

        if (mutation is not null)
        {
            root["mutation"] = new JsonObject
            {
                ["mutants"] = mutation.Mutants.Count,
                ["killed"] = mutation.Mutants.Count(m => m.Outcome == MutantOutcome.Killed),
                ["refused"] = mutation.Mutants.Count(m => m.Outcome == MutantOutcome.Refused),
                ["survived"] = mutation.Mutants.Count(m => m.Outcome == MutantOutcome.Survived),
                ["notRun"] = mutation.Mutants.Count(m => m.Outcome == MutantOutcome.NotRun),
                ["equivalent"] = mutation.Mutants.Count(m => m.Outcome == MutantOutcome.Equivalent),
                ["seconds"] = Math.Round(mutation.Elapsed.TotalSeconds, 2),
                ["byMutant"] = new JsonArray([.. mutation.Mutants.Select(m => new JsonObject
                {
                    ["kind"] = Kind(m.Kind),
                    ["description"] = m.Description,
                    ["file"] = m.File,
                    ["path"] = m.Path,
                    ["rule"] = m.Rule,
                    ["parameter"] = m.Parameter,
                    ["outcome"] = Outcome(m.Outcome),
                    ["killedBy"] = m.KilledBy,
                    ["refusal"] = m.Refusal,
                    ["hint"] = m.Hint,
                    ["because"] = m.Because,
                })]),
            };
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
