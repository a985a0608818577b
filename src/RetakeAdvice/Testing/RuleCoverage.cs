namespace RetakeAdvice.Testing;

/// <summary>
/// What a rule folder's JSON tests saw one rule do: the cases where it fired, did not fire and was suppressed; for a
/// per-item rule, where items were kept and dropped; for an escalation, where it held and where it did not; and each
/// comparison against a numeric parameter, with the cases on each side of it.
/// </summary>
public sealed record RuleCoverage
{
    /// <summary>The rule's id.</summary>
    public required string Rule { get; init; }

    /// <summary>The rule is switched off (<c>"Enabled": false</c>): it never runs, and counts for nothing.</summary>
    public bool Disabled { get; init; }

    /// <summary>The cases ("file: name") where it fired (a readiness rule: decided the verdict).</summary>
    public required IReadOnlyList<string> Fired { get; init; }

    /// <summary>The cases where it was evaluated and did not fire, or (a readiness rule) an earlier one decided.</summary>
    public required IReadOnlyList<string> NotFired { get; init; }

    /// <summary>The cases where a rule that fired suppressed it.</summary>
    public required IReadOnlyList<string> Suppressed { get; init; }

    /// <summary>For a per-item rule: the cases where its gate held and at least one item got a card; null for other rules.</summary>
    public IReadOnlyList<string>? ItemsKept { get; init; }

    /// <summary>For a per-item rule: the cases where its gate held and at least one item was left out (did not match, or fell past <c>keep</c>).</summary>
    public IReadOnlyList<string>? ItemsDropped { get; init; }

    /// <summary>For a rule with an escalation: the cases where it fired and the escalation held; null for other rules.</summary>
    public IReadOnlyList<string>? Escalated { get; init; }

    /// <summary>For a rule with an escalation: the cases where it fired and the escalation did not hold.</summary>
    public IReadOnlyList<string>? NotEscalated { get; init; }

    /// <summary>Each comparison of the rule (gate, per-item parts, escalation, texts) against a numeric parameter.</summary>
    public IReadOnlyList<ThresholdCoverage> Thresholds { get; init; } = [];

    /// <summary>The sides a test can pin: fired and not, items kept and dropped, escalated and not, each threshold's two sides.</summary>
    public int Sides => Disabled ? 0 : 2 + (ItemsKept is null ? 0 : 2) + (Escalated is null ? 0 : 2) + (2 * Thresholds.Count);

    /// <summary>How many of <see cref="Sides"/> the tests see.</summary>
    public int SidesCovered => Disabled
        ? 0
        : Seen(Fired) + Seen(NotFired.Count + Suppressed.Count) + Seen(ItemsKept) + Seen(ItemsDropped) + Seen(Escalated) + Seen(NotEscalated)
            + Thresholds.Sum(t => Seen(t.Held) + Seen(t.NotHeld));

    /// <summary>Every side is seen by some test.</summary>
    public bool Covered => SidesCovered == Sides;

    /// <summary>What no test sees, in words: <c>never fired</c>, <c>no item dropped</c>, <c>counselingDistress: never held (…)</c>.</summary>
    public IReadOnlyList<string> Gaps
    {
        get
        {
            var gaps = new List<string>();
            if (Disabled)
            {
                return gaps;
            }

            Gap(Fired.Count, "never fired");
            Gap(NotFired.Count + Suppressed.Count, "fired in every case (never quiet)");
            Gap(ItemsKept?.Count, "no item kept");
            Gap(ItemsDropped?.Count, "no item dropped");
            Gap(Escalated?.Count, "never escalated");
            Gap(NotEscalated?.Count, "always escalated");
            foreach (var threshold in Thresholds)
            {
                Gap(threshold.Held.Count, $"{threshold.Parameter}: never held ({threshold.Comparison}, at {threshold.Path})");
                Gap(threshold.NotHeld.Count, $"{threshold.Parameter}: never failed with a known value ({threshold.Comparison}, at {threshold.Path})");
            }

            return gaps;

            void Gap(int? count, string text)
            {
                if (count == 0)
                {
                    gaps.Add(text);
                }
            }
        }
    }

    private static int Seen(IReadOnlyList<string>? cases) => cases is { Count: > 0 } ? 1 : 0;

    private static int Seen(int count) => count > 0 ? 1 : 0;
}

/// <summary>One comparison against a numeric parameter, and the test cases on each side of it.</summary>
public sealed record ThresholdCoverage
{
    /// <summary>The parameter compared against (<c>counselingDistress</c>).</summary>
    public required string Parameter { get; init; }

    /// <summary>The comparison as written (<c>facts.Distress &gt;= counselingDistress</c>).</summary>
    public required string Comparison { get; init; }

    /// <summary>The rule file and JSON path of the expression it is in (<c>wellbeing.json $.Rules[1].Expression</c>).</summary>
    public required string Path { get; init; }

    /// <summary>The cases where it was evaluated with both sides known and held.</summary>
    public required IReadOnlyList<string> Held { get; init; }

    /// <summary>The cases where it was evaluated with both sides known and did not hold.</summary>
    public required IReadOnlyList<string> NotHeld { get; init; }

    /// <summary>
    /// The cases where it was evaluated with a side unknown (<c>facts.Distress</c> not given): it did not hold, but the
    /// case sits on neither side of the line, so it counts for neither.
    /// </summary>
    public IReadOnlyList<string> Unknown { get; init; } = [];

    /// <summary>Tests sit on both sides of the threshold.</summary>
    public bool Covered => Held.Count > 0 && NotHeld.Count > 0;

    /// <summary>The side compared with the parameter (<c>facts.Distress</c>), for the hints of mutation testing.</summary>
    internal string Operand { get; init; } = string.Empty;

    /// <summary>The comparison with the operand on the left.</summary>
    internal System.Linq.Expressions.ExpressionType Operator { get; init; }

    /// <summary>The rule it belongs to; null for a shared parameter or condition.</summary>
    internal string? Rule { get; init; }
}

/// <summary>The coverage of a rule set by its JSON tests: per rule, and for the manifest's shared conditions.</summary>
public sealed record RuleCoverageReport
{
    /// <summary>One entry per rule, in the rule set's order.</summary>
    public required IReadOnlyList<RuleCoverage> Rules { get; init; }

    /// <summary>Comparisons against numeric parameters in the manifest's shared conditions (they belong to no one rule).</summary>
    public required IReadOnlyList<ThresholdCoverage> SharedThresholds { get; init; }

    /// <summary>
    /// Comparisons against a number written in an expression (<c>facts.AttemptsLeft == 1</c>), as "file path:
    /// comparison": with no parameter, neither coverage nor mutation testing can see them. A threshold among them
    /// belongs in a named parameter.
    /// </summary>
    public IReadOnlyList<string> LiteralComparisons { get; init; } = [];

    /// <summary>The sides a test can pin, over every rule and shared condition.</summary>
    public int Sides => Rules.Sum(r => r.Sides) + (2 * SharedThresholds.Count);

    /// <summary>How many of <see cref="Sides"/> the tests see.</summary>
    public int SidesCovered => Rules.Sum(r => r.SidesCovered) + SharedThresholds.Sum(t => (t.Held.Count > 0 ? 1 : 0) + (t.NotHeld.Count > 0 ? 1 : 0));

    /// <summary>The share of sides seen, in percent; 100 when there is nothing to cover.</summary>
    public double Percent => Sides == 0 ? 100 : 100.0 * SidesCovered / Sides;
}
