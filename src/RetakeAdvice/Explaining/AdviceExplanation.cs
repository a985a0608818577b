using RetakeAdvice.Primitives;

namespace RetakeAdvice;

/// <summary>Why a profile got its advice: every rule, fired or not, with the values that decided it.</summary>
public sealed record AdviceExplanation
{
    /// <summary>The rule set explained.</summary>
    public required RuleSetInfo RuleSet { get; init; }

    /// <summary>The day of the advice.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>The report's readiness: the status and reasons of the readiness rule that decided (see <see cref="Rules"/>).</summary>
    public required Readiness Readiness { get; init; }

    /// <summary>The report's estimate of study weeks: the failure band's, unless a rule suppressed it.</summary>
    public StudyWeeks? EstimatedStudyWeeks { get; init; }

    /// <summary>The id of the rule that suppressed the estimate of study weeks, when one did.</summary>
    public string? StudyWeeksSuppressedBy { get; init; }

    /// <summary>Every rule: the card rules in rule-file order, then the readiness rules in the order they are tried.</summary>
    public required IReadOnlyList<RuleExplanation> Rules { get; init; }

    /// <summary>Whether this and another AdviceExplanation hold the same values, lists compared item by item.</summary>
    /// <param name="other">The other AdviceExplanation.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(AdviceExplanation? other) =>
        other is not null
            && RuleSet == other.RuleSet
            && AsOf == other.AsOf
            && Readiness == other.Readiness
            && EstimatedStudyWeeks == other.EstimatedStudyWeeks
            && StudyWeeksSuppressedBy == other.StudyWeeksSuppressedBy
            && ValueEquality.Lists(Rules, other.Rules);

    /// <summary>A hash over the same values as <see cref="Equals(AdviceExplanation)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(RuleSet);
        hash.Add(AsOf);
        hash.Add(Readiness);
        hash.Add(EstimatedStudyWeeks);
        hash.Add(StudyWeeksSuppressedBy);
        ValueEquality.Add(ref hash, Rules);
        return hash.ToHashCode();
    }
}
