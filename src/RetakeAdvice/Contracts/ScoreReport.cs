using RetakeAdvice.Primitives;

namespace RetakeAdvice;

/// <summary>What the failing score report says beyond the result.</summary>
public sealed record ScoreReport
{
    /// <summary>The performance feedback per content area (lower, same or higher than a low pass).</summary>
    public IReadOnlyList<ContentAreaResult>? ContentAreas { get; init; }

    /// <summary>Whether this and another ScoreReport hold the same values, lists compared item by item.</summary>
    /// <param name="other">The other ScoreReport.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(ScoreReport? other) =>
        other is not null
            && ValueEquality.Lists(ContentAreas, other.ContentAreas);

    /// <summary>A hash over the same values as <see cref="Equals(ScoreReport)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        ValueEquality.Add(ref hash, ContentAreas);
        return hash.ToHashCode();
    }
}
