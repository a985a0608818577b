namespace RetakeAdvice;

/// <summary>The outcome of one rule test case.</summary>
/// <param name="Case">The case.</param>
/// <param name="Failures">What was missing, unexpected or out of order; empty when the case passed.</param>
public sealed record RuleTestResult(RuleTestCase Case, IReadOnlyList<string> Failures)
{
    /// <summary>The case passed.</summary>
    public bool Passed => Failures.Count == 0;
}
