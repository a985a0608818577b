namespace RetakeAdvice;

/// <summary>How the student is coping.</summary>
public sealed record WellbeingStatus
{
    /// <summary>Self-rated distress, 0 (none) to 10 (worst).</summary>
    public int? Distress { get; init; }

    /// <summary>The student has had thoughts of self-harm.</summary>
    public bool? ThoughtsOfSelfHarm { get; init; }

    /// <summary>The student has someone to confide in.</summary>
    public bool? HasConfidant { get; init; }
}
