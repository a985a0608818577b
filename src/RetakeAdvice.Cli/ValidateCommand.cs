using RetakeAdvice.Testing;

namespace RetakeAdvice.Cli;

/// <summary><c>validate [DIR]</c>: loads a rule folder and its tests and reports every problem, or a summary.</summary>
internal static class ValidateCommand
{
    public static async Task<int> RunAsync(string? rulesDirectory, TextWriter output, TextWriter error)
    {
        var failures = new List<RuleSetException>();
        RetakeAdvisor? advisor = null;
        RuleTestSuite? suite = null;
        try
        {
            advisor = RetakeAdvisor.Create(rulesDirectory is null ? RuleSource.Embedded : RuleSource.FromDirectory(rulesDirectory));
        }
        catch (RuleSetException ex)
        {
            failures.Add(ex);
        }

        try
        {
            suite = rulesDirectory is null ? RuleTestSuite.LoadDefault() : RuleTestSuite.Load(rulesDirectory);
        }
        catch (RuleSetException ex)
        {
            // The tests' own problems are news; a folder that does not exist or cannot be read is already reported.
            if (failures.Count == 0 || ex.Errors.Any(e => e.File.StartsWith("tests/", StringComparison.Ordinal)))
            {
                failures.Add(ex);
            }
        }

        // Tests that name a rule the rule set does not have: they would pass, or fail, for the wrong reason.
        if (advisor is not null && suite is not null)
        {
            // And equivalentMutants entries that name no mutant: --mutate would refuse them.
            // And cases whose profile does not read: they can only fail.
            var unknown = suite.CheckRuleIds(advisor).Concat(suite.CheckEquivalentMutants()).Concat(suite.CheckProfiles()).ToArray();
            if (unknown.Length > 0)
            {
                failures.Add(new RuleSetException(suite.Location, unknown));
            }
        }

        if (failures.Count > 0)
        {
            foreach (var failure in failures)
            {
                await error.WriteLineAsync(failure.Message).ConfigureAwait(false);
            }

            return ExitCodes.BadRules;
        }

        var info = advisor!.RuleSet;
        var testFiles = suite!.Cases.Select(c => c.File).Distinct(StringComparer.Ordinal).Count();
        await output.WriteLineAsync($"valid: rule set {info.Name} {info.Version} (sha256 {info.Sha256}) in {suite.Location}").ConfigureAwait(false);
        await output.WriteLineAsync($"{advisor.RuleIds.Count} rules; {suite.Cases.Count} test cases in {testFiles} files").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
