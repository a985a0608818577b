using RetakeAdvice.Primitives;

namespace RetakeAdvice;

/// <summary>One rule's verdict on a profile and the values it read.</summary>
public sealed record RuleExplanation
{
    /// <summary>The rule's id.</summary>
    public required string Id { get; init; }

    /// <summary>The rule's file.</summary>
    public required string File { get; init; }

    /// <summary>The rule's gating expression, as written.</summary>
    public required string Expression { get; init; }

    /// <summary>What became of the rule.</summary>
    public required RuleOutcome Outcome { get; init; }

    /// <summary>The indicator the rule's cards get, escalation included; null unless a card rule fired.</summary>
    public AdviceIndicator? Indicator { get; init; }

    /// <summary>For a readiness rule, the status it gives when it decides; null for a card rule.</summary>
    public ReadinessStatus? Readiness { get; init; }

    /// <summary>The facts, profile fields and parameters the gate and escalation read, with their values.</summary>
    public required IReadOnlyList<ExplainedValue> Values { get; init; }

    /// <summary>The escalation's expression; null when the rule has none or did not reach it.</summary>
    public string? Escalation { get; init; }

    /// <summary>Whether the escalation held.</summary>
    public bool? Escalated { get; init; }

    /// <summary>For a per-item rule whose gate held: every item, matched or not, with its score.</summary>
    public IReadOnlyList<ExplainedItem>? Items { get; init; }

    /// <summary>What the rule threw, when it threw (a rule-set defect that <c>advise</c> reports as an error).</summary>
    public string? Error { get; init; }

    /// <summary>The id of the rule that suppressed this one, when one did.</summary>
    public string? SuppressedBy { get; init; }

    /// <summary>Whether this and another RuleExplanation hold the same values, lists compared item by item.</summary>
    /// <param name="other">The other RuleExplanation.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(RuleExplanation? other) =>
        other is not null
            && Id == other.Id
            && File == other.File
            && Expression == other.Expression
            && Outcome == other.Outcome
            && Indicator == other.Indicator
            && Readiness == other.Readiness
            && ValueEquality.Lists(Values, other.Values)
            && Escalation == other.Escalation
            && Escalated == other.Escalated
            && ValueEquality.Lists(Items, other.Items)
            && Error == other.Error
            && SuppressedBy == other.SuppressedBy;

    /// <summary>A hash over the same values as <see cref="Equals(RuleExplanation)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Id);
        hash.Add(File);
        hash.Add(Expression);
        hash.Add(Outcome);
        hash.Add(Indicator);
        hash.Add(Readiness);
        ValueEquality.Add(ref hash, Values);
        hash.Add(Escalation);
        hash.Add(Escalated);
        ValueEquality.Add(ref hash, Items);
        hash.Add(Error);
        hash.Add(SuppressedBy);
        return hash.ToHashCode();
    }
}
