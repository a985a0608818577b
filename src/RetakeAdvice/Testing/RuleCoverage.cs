namespace RetakeAdvice.Testing;

/// <summary>What a rule folder's JSON tests saw one rule do: the cases where it fired, did not fire, and was suppressed.</summary>
public sealed record RuleCoverage
{
    /// <summary>The rule's id.</summary>
    public required string Rule { get; init; }

    /// <summary>The cases ("file: name") where it fired (a readiness rule: decided the verdict).</summary>
    public required IReadOnlyList<string> Fired { get; init; }

    /// <summary>The cases where it was evaluated and did not fire, or (a readiness rule) an earlier one decided.</summary>
    public required IReadOnlyList<string> NotFired { get; init; }

    /// <summary>The cases where a rule that fired suppressed it.</summary>
    public required IReadOnlyList<string> Suppressed { get; init; }

    /// <summary>The tests saw it both fire and not fire (suppressed counts as not firing): a test pins each side.</summary>
    public bool Covered => Fired.Count > 0 && NotFired.Count + Suppressed.Count > 0;
}
