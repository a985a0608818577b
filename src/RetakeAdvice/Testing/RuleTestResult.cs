namespace RetakeAdvice.Testing;

/// <summary>The outcome of one rule test case.</summary>
public sealed record RuleTestResult
{
    /// <summary>The case.</summary>
    public required RuleTestCase Case { get; init; }

    /// <summary>What was missing, unexpected or out of order; empty when the case passed.</summary>
    public required IReadOnlyList<string> Failures { get; init; }

    /// <summary>The rule that threw while the case ran, if one did: a defect in the rule set, not in the test.</summary>
    public RuleEvaluationException? RuleError { get; init; }

    /// <summary>The case passed.</summary>
    public bool Passed => Failures.Count == 0;
}
