namespace RetakeAdvice;

/// <summary>A content area of the failing score report, as rules read it.</summary>
public sealed record ContentAreaFact
{
    /// <summary>The content area as the profile spelled it (surrounding spaces removed).</summary>
    [ProfileText]
    public required string Area { get; init; }

    /// <summary><c>lower</c>, <c>same</c> or <c>higher</c> than a low pass.</summary>
    public required string Performance { get; init; }
}
