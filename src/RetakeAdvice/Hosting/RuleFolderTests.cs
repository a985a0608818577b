using RetakeAdvice.Testing;

namespace RetakeAdvice.Hosting;

/// <summary>
/// A reload runs the folder's own JSON rule tests on the edited rules before it swaps them in: a defect the author's
/// tests catch never reaches a student. A failing case refuses the reload like a load error, naming the test file and
/// the case; a rule that throws on a case, naming the rule's file, the rule, and the case.
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
            if (result.RuleError is { } thrown)
            {
                // The fix goes in the rule: the error is located there, and names the case that made it throw.
                errors.Add(new RuleSetError
                {
                    File = thrown.File,
                    Rule = thrown.Rule,
                    Message = $"threw while evaluating its {thrown.Part} on test '{testCase.Name}' ({testCase.File}): {thrown.InnerException?.GetType().Name}: {thrown.InnerException?.Message}",
                });
            }
            else if (!result.Passed)
            {
                errors.Add(new RuleSetError
                {
                    File = testCase.File,
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
