using RetakeAdvice.Primitives;

namespace RetakeAdvice;

/// <summary>The advice for one profile: a ranked, explained list of recommendations.</summary>
public sealed record AdviceReport
{
    /// <summary>The version of this report's JSON shape.</summary>
    public required int SchemaVersion { get; init; }

    /// <summary>The rule set that produced the report.</summary>
    public required RuleSetInfo RuleSet { get; init; }

    /// <summary>The day the advice is for.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Whether the student looks ready to sit the retake, and why.</summary>
    public required Readiness Readiness { get; init; }

    /// <summary>
    /// How many weeks of study the failure band suggests (the manifest's <c>failureBands</c>); <see langword="null"/> when
    /// the band is unknown or gives no estimate, or a rule that fired suppressed it.
    /// </summary>
    public StudyWeeks? EstimatedStudyWeeks { get; init; }

    /// <summary>
    /// The recommendations, ranked: critical before warning before info, then higher priority, then lower step,
    /// then id; the items of one per-item rule by item score (highest first), then target.
    /// </summary>
    public required IReadOnlyList<Recommendation> Recommendations { get; init; }

    /// <summary>Whether this and another AdviceReport hold the same values, lists compared item by item.</summary>
    /// <param name="other">The other AdviceReport.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(AdviceReport? other) =>
        other is not null
            && SchemaVersion == other.SchemaVersion
            && RuleSet == other.RuleSet
            && AsOf == other.AsOf
            && Readiness == other.Readiness
            && EstimatedStudyWeeks == other.EstimatedStudyWeeks
            && ValueEquality.Lists(Recommendations, other.Recommendations);

    /// <summary>A hash over the same values as <see cref="Equals(AdviceReport)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(SchemaVersion);
        hash.Add(RuleSet);
        hash.Add(AsOf);
        hash.Add(Readiness);
        hash.Add(EstimatedStudyWeeks);
        ValueEquality.Add(ref hash, Recommendations);
        return hash.ToHashCode();
    }
}
