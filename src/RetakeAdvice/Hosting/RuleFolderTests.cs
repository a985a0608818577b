using RetakeAdvice.Testing;

namespace RetakeAdvice.Hosting;

/// <summary>
/// A reload runs the folder's own JSON rule tests on the edited rules before it swaps them in: a defect the author's
/// tests catch never reaches a student. A failing case, or a rule that throws on one, refuses the reload like a load
/// error, naming the test file, the case and the rule.
/// </summary>
internal static class RuleFolderTests
{
    /// <exception cref="RuleSetException">The tests do not load, or a case fails on the candidate rules.</exception>
    public static void Check(string directory, RetakeAdvisor candidate)
    {
        var suite = RuleTestSuite.Load(directory);
        var errors = new List<RuleSetError>();
        foreach (var testCase in suite.Cases)
        {
            var result = RuleTestSuite.Run(candidate, testCase);
            if (!result.Passed)
            {
                errors.Add(new RuleSetError
                {
                    File = testCase.File,
                    Rule = result.RuleError?.Rule,
                    Message = $"test '{testCase.Name}' fails on the rules in the folder: {string.Join("; ", result.Failures)}",
                });
            }
        }

        if (errors.Count > 0)
        {
            throw new RuleSetException(directory, errors);
        }
    }
}
