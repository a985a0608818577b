using RetakeAdvice.Testing;

namespace RetakeAdvice.Cli;

/// <summary><c>test [DIR]</c>: runs a rule folder's JSON test cases.</summary>
internal static class TestCommand
{
    public static async Task<int> RunAsync(string? rulesDirectory, TextWriter output, TextWriter error, CancellationToken cancellationToken)
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

        var passed = 0;
        var failed = 0;
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

            failed++;
            ruleError ??= result.RuleError;
            await output.WriteLineAsync($"FAIL {testCase}").ConfigureAwait(false);
            foreach (var failure in result.Failures)
            {
                await output.WriteLineAsync($"  - {failure}").ConfigureAwait(false);
            }
        }

        if (suite.Cases.Count == 0)
        {
            await error.WriteLineAsync($"No test cases found in {suite.Location} (tests/*.json).").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"{passed} passed, {failed} failed").ConfigureAwait(false);
        if (ruleError is not null)
        {
            // A rule that throws is a defect in the rules, whichever command meets it: exit 3, as advise and explain.
            await error.WriteLineAsync(ruleError.Message).ConfigureAwait(false);
            return ExitCodes.BadRules;
        }

        return failed == 0 && suite.Cases.Count > 0 ? ExitCodes.Ok : ExitCodes.TestsFailed;
    }
}
