namespace RetakeAdvice;

/// <summary>
/// A student's situation after a failed USMLE Step 1: the input of <see cref="RetakeAdvisor.AdviseAsync"/>.
/// </summary>
/// <remarks>
/// Every member is optional except <see cref="FailedAttempts"/>. An absent (<see langword="null"/>) value means
/// "unknown", and a rule whose facts are unknown does not fire. An empty list is known: "none".
/// </remarks>
public sealed record RetakeProfile
{
    /// <summary>The day the advice is for.</summary>
    /// <value>The default value is <see langword="null"/>: today's UTC date from the advisor's <see cref="TimeProvider"/>.</value>
    public DateOnly? AsOf { get; init; }

    /// <summary>Each failed Step 1 attempt; required, at least one.</summary>
    public IReadOnlyList<FailedAttempt>? FailedAttempts { get; init; }

    /// <summary>Days since the latest failing result arrived.</summary>
    public int? DaysSinceResult { get; init; }

    /// <summary>What the student has settled with the medical school.</summary>
    public SchoolStatus? School { get; init; }

    /// <summary>How the student is coping.</summary>
    public WellbeingStatus? Wellbeing { get; init; }

    /// <summary>The people advising the student on the retake.</summary>
    public IReadOnlyList<Mentor>? Mentors { get; init; }

    /// <summary>What the failed attempt was studied with.</summary>
    public IReadOnlyList<string>? PreviousResources { get; init; }

    /// <summary>What the retake will be studied with.</summary>
    public IReadOnlyList<string>? PlannedResources { get; init; }

    /// <summary>The student says the plan is unchanged from the failed attempt.</summary>
    public bool? SameApproachAsBefore { get; init; }

    /// <summary>Practice exams (NBME self-assessments and the like) taken so far.</summary>
    public IReadOnlyList<PracticeExam>? PracticeExams { get; init; }

    /// <summary>The scheduled retake, if any.</summary>
    public DateOnly? ExamDate { get; init; }

    /// <summary>Question-bank results per topic.</summary>
    public IReadOnlyList<TopicResult>? Topics { get; init; }

    /// <summary>Planned study hours per day.</summary>
    public double? StudyHoursPerDay { get; init; }

    /// <summary>Planned rest days per week.</summary>
    public double? RestDaysPerWeek { get; init; }

    /// <summary>Planned time off before the retake, in months.</summary>
    public double? PlannedTimeOffMonths { get; init; }

    /// <summary>The three-digit score the student aims for (the retake on older exams, Step 2 CK today).</summary>
    public int? TargetScore { get; init; }

    /// <summary>The specialty the student hopes to match into.</summary>
    public string? TargetSpecialty { get; init; }
}
