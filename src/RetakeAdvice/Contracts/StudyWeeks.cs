namespace RetakeAdvice;

/// <summary>A range of study weeks.</summary>
public sealed record StudyWeeks
{
    /// <summary>The fewest weeks.</summary>
    public required int Min { get; init; }

    /// <summary>The most weeks.</summary>
    public required int Max { get; init; }
}
