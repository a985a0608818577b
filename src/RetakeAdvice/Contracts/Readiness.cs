using RetakeAdvice.Primitives;

namespace RetakeAdvice;

/// <summary>Whether the student looks ready to sit the retake, with the deciding reasons.</summary>
public sealed record Readiness
{
    /// <summary>The verdict.</summary>
    public required ReadinessStatus Status { get; init; }

    /// <summary>The deciding reasons, in words a student reads.</summary>
    public required IReadOnlyList<string> Because { get; init; }

    /// <summary>Whether this and another Readiness hold the same values, lists compared item by item.</summary>
    /// <param name="other">The other Readiness.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(Readiness? other) =>
        other is not null
            && Status == other.Status
            && ValueEquality.Lists(Because, other.Because);

    /// <summary>A hash over the same values as <see cref="Equals(Readiness)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Status);
        ValueEquality.Add(ref hash, Because);
        return hash.ToHashCode();
    }
}
