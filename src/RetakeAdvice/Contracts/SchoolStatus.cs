namespace RetakeAdvice;

/// <summary>What the student has settled with the medical school.</summary>
public sealed record SchoolStatus
{
    /// <summary>The student has told the school about the failure.</summary>
    public bool? Contacted { get; init; }

    /// <summary>The school has approved the retake.</summary>
    public bool? RetakeApproved { get; init; }

    /// <summary>Clinical rotations have been rearranged around the retake.</summary>
    public bool? RotationsAdjusted { get; init; }
}
