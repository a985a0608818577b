using RetakeAdvice.Primitives;

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

    /// <summary>Each Step 1 attempt started and not completed; they count toward the attempt limit.</summary>
    public IReadOnlyList<IncompleteAttempt>? IncompleteAttempts { get; init; }

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

    /// <summary>Who the student is: a US MD or DO student, or an international medical student or graduate.</summary>
    public StudentType? StudentType { get; init; }

    /// <summary>Where the student stands on test accommodations.</summary>
    public AccommodationsStatus? Accommodations { get; init; }

    /// <summary>What the failing score report says: the performance feedback per content area.</summary>
    public ScoreReport? ScoreReport { get; init; }

    /// <summary>Whether this and another RetakeProfile hold the same values, lists compared item by item.</summary>
    /// <param name="other">The other RetakeProfile.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(RetakeProfile? other) =>
        other is not null
            && AsOf == other.AsOf
            && ValueEquality.Lists(FailedAttempts, other.FailedAttempts)
            && ValueEquality.Lists(IncompleteAttempts, other.IncompleteAttempts)
            && DaysSinceResult == other.DaysSinceResult
            && School == other.School
            && Wellbeing == other.Wellbeing
            && ValueEquality.Lists(Mentors, other.Mentors)
            && ValueEquality.Lists(PreviousResources, other.PreviousResources)
            && ValueEquality.Lists(PlannedResources, other.PlannedResources)
            && SameApproachAsBefore == other.SameApproachAsBefore
            && ValueEquality.Lists(PracticeExams, other.PracticeExams)
            && ExamDate == other.ExamDate
            && ValueEquality.Lists(Topics, other.Topics)
            && StudyHoursPerDay == other.StudyHoursPerDay
            && RestDaysPerWeek == other.RestDaysPerWeek
            && PlannedTimeOffMonths == other.PlannedTimeOffMonths
            && TargetScore == other.TargetScore
            && TargetSpecialty == other.TargetSpecialty
            && StudentType == other.StudentType
            && Accommodations == other.Accommodations
            && ScoreReport == other.ScoreReport;

    /// <summary>A hash over the same values as <see cref="Equals(RetakeProfile)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(AsOf);
        ValueEquality.Add(ref hash, FailedAttempts);
        ValueEquality.Add(ref hash, IncompleteAttempts);
        hash.Add(DaysSinceResult);
        hash.Add(School);
        hash.Add(Wellbeing);
        ValueEquality.Add(ref hash, Mentors);
        ValueEquality.Add(ref hash, PreviousResources);
        ValueEquality.Add(ref hash, PlannedResources);
        hash.Add(SameApproachAsBefore);
        ValueEquality.Add(ref hash, PracticeExams);
        hash.Add(ExamDate);
        ValueEquality.Add(ref hash, Topics);
        hash.Add(StudyHoursPerDay);
        hash.Add(RestDaysPerWeek);
        hash.Add(PlannedTimeOffMonths);
        hash.Add(TargetScore);
        hash.Add(TargetSpecialty);
        hash.Add(StudentType);
        hash.Add(Accommodations);
        hash.Add(ScoreReport);
        return hash.ToHashCode();
    }
}
