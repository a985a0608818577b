namespace RetakeAdvice;

/// <summary>Whether the student looks ready to sit the retake, with the deciding reasons.</summary>
public sealed record Readiness
{
    /// <summary>The verdict.</summary>
    public required ReadinessStatus Status { get; init; }

    /// <summary>The deciding reasons, in words a student reads.</summary>
    public required IReadOnlyList<string> Because { get; init; }
}
