using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RetakeAdvice.Testing;

namespace RetakeAdvice.Cli;

/// <summary><c>test [DIR] [--coverage] [--min-coverage P] [--format json]</c>: runs a rule folder's JSON test cases.</summary>
internal static class TestCommand
{
    /// <summary>What to show besides the results: coverage, its floor, and JSON for CI.</summary>
    public sealed record Settings(bool Coverage, double? MinCoverage, bool Json);

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
                        await output.WriteLineAsync($"  - {failure}").ConfigureAwait(false);
                    }
                }
            }

            if (suite.Cases.Count == 0)
            {
                await error.WriteLineAsync($"No test cases found in {suite.Location} (tests/*.json).").ConfigureAwait(false);
            }

            var coverage = settings.Coverage ? suite.Coverage(advisor) : null;
            var percent = coverage is null || coverage.Count == 0 ? 100 : 100.0 * coverage.Count(c => c.Covered) / coverage.Count;
            if (settings.Json)
            {
                await output.WriteLineAsync(Json(passed, failures, coverage, percent)).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync($"{passed} passed, {failures.Count} failed").ConfigureAwait(false);
                if (coverage is not null)
                {
                    await output.WriteAsync(Text(coverage, percent)).ConfigureAwait(false);
                }
            }

            if (ruleError is not null)
            {
                // A rule that throws is a defect in the rules, whichever command meets it: exit 3, as advise and explain.
                await error.WriteLineAsync(ruleError.Message).ConfigureAwait(false);
                return ExitCodes.BadRules;
            }

            if (settings.MinCoverage is { } floor && percent < floor)
            {
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"coverage {percent:0.#}% is under --min-coverage {floor:0.#}%: {string.Join(", ", coverage!.Where(c => !c.Covered).Select(c => c.Rule))} need a test on their other side.")).ConfigureAwait(false);
                return ExitCodes.TestsFailed;
            }

            return failures.Count == 0 && suite.Cases.Count > 0 ? ExitCodes.Ok : ExitCodes.TestsFailed;
        }
    }

    private static string Text(IReadOnlyList<RuleCoverage> coverage, double percent)
    {
        if (coverage.Count == 0)
        {
            return "coverage: the rule set has no rules\n";
        }

        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"coverage: {coverage.Count(c => c.Covered)} of {coverage.Count} rules seen both firing and not ({percent:0.#}%)\n");
        var neverFired = coverage.Where(c => c.Fired.Count == 0).Select(c => c.Rule).ToArray();
        var alwaysFired = coverage.Where(c => c.Fired.Count > 0 && c.NotFired.Count + c.Suppressed.Count == 0).Select(c => c.Rule).ToArray();
        if (neverFired.Length > 0)
        {
            text.Append("  never fired in a test: ").Append(string.Join(", ", neverFired)).Append('\n');
        }

        if (alwaysFired.Length > 0)
        {
            text.Append("  fired in every test: ").Append(string.Join(", ", alwaysFired)).Append('\n');
        }

        var width = coverage.Max(c => c.Rule.Length);
        text.Append("  ").Append("rule".PadRight(width)).Append("  fired  not fired  suppressed\n");
        foreach (var rule in coverage)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {rule.Rule.PadRight(width)}  {rule.Fired.Count,5}  {rule.NotFired.Count,9}  {rule.Suppressed.Count,10}{(rule.Covered ? string.Empty : "  <- uncovered")}\n");
        }

        return text.ToString();
    }

    private static string Json(int passed, List<RuleTestResult> failures, IReadOnlyList<RuleCoverage>? coverage, double percent)
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
                ["covered"] = coverage.Count(c => c.Covered),
                ["rules"] = coverage.Count,
                ["percent"] = Math.Round(percent, 1),
                ["byRule"] = new JsonArray([.. coverage.Select(c => new JsonObject
                {
                    ["rule"] = c.Rule,
                    ["covered"] = c.Covered,
                    ["fired"] = new JsonArray([.. c.Fired.Select(x => JsonValue.Create(x))]),
                    ["notFired"] = new JsonArray([.. c.NotFired.Select(x => JsonValue.Create(x))]),
                    ["suppressed"] = new JsonArray([.. c.Suppressed.Select(x => JsonValue.Create(x))]),
                })]),
            };
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
