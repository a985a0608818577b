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

    /// <summary>The school's own limit on Step 1 attempts, when it is stricter than the USMLE's.</summary>
    public int? AttemptLimit { get; init; }

    /// <summary>The day by which the school requires a pass (before rotations or promotion, for example).</summary>
    public DateOnly? PassDeadline { get; init; }
}
