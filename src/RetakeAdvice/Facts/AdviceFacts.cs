namespace RetakeAdvice;

/// <summary>
/// The facts derived once from a profile and the rule set's manifest. Rule expressions read them as
/// <c>facts</c> (and the raw input as <c>profile</c>); they never re-derive them. A <see langword="null"/>
/// value means unknown: comparisons with it are false, so a rule on unknown facts does not fire.
/// </summary>
public sealed class AdviceFacts
{
    internal AdviceFacts()
    {
    }

    /// <summary>The day of the advice.</summary>
    public DateOnly AsOf { get; internal init; }

    /// <summary>How many failed attempts the profile lists.</summary>
    public int FailedAttemptCount { get; internal init; }

    /// <summary>How many incomplete attempts the profile lists; null when unknown.</summary>
    public int? IncompleteAttemptCount { get; internal init; }

    /// <summary>Attempts used: failed ones plus incomplete ones (they count toward the limit too).</summary>
    public int AttemptsUsed { get; internal init; }

    /// <summary>The USMLE's attempt limit, from the manifest.</summary>
    public int UsmleAttemptLimit { get; internal init; }

    /// <summary>The school's own attempt limit, when the profile gives one.</summary>
    public int? SchoolAttemptLimit { get; internal init; }

    /// <summary>The attempt limit that applies: the USMLE's, or the school's when it is smaller.</summary>
    public int AttemptLimit { get; internal init; }

    /// <summary>Attempts left under <see cref="AttemptLimit"/> (never below zero).</summary>
    public int AttemptsLeft { get; internal init; }

    /// <summary>The latest failed attempt's date (latest by date; on a tie, the later listed).</summary>
    public DateOnly? LatestFailureDate { get; internal init; }

    /// <summary>The latest failed attempt's three-digit score, where the exam reported one.</summary>
    public int? LatestFailureScore { get; internal init; }

    /// <summary>The passing standard for the latest failure: the profile's, else the manifest's for its date.</summary>
    public int? PassingStandard { get; internal init; }

    /// <summary>How far below passing the latest failure was: standard minus score, else the profile's estimate.</summary>
    public double? PointsBelowPassing { get; internal init; }

    /// <summary>
    /// The failure band's name: the first of the manifest's <c>failureBands</c> whose bounds (on points below passing
    /// and on failed attempts) hold; null when the distance is unknown or no band holds.
    /// </summary>
    public string? FailureBand { get; internal init; }

    /// <summary>The study weeks the failure band suggests (the manifest's <c>studyWeeks</c> of the band); null when none.</summary>
    public StudyWeeks? EstimatedStudyWeeks { get; internal init; }

    /// <summary>Days since the latest failing result arrived.</summary>
    public int? DaysSinceResult { get; internal init; }

    /// <summary>The student has told the school.</summary>
    public bool? SchoolContacted { get; internal init; }

    /// <summary>The school has approved the retake.</summary>
    public bool? RetakeApproved { get; internal init; }

    /// <summary>Rotations have been rearranged.</summary>
    public bool? RotationsAdjusted { get; internal init; }

    /// <summary>The day by which the school requires a pass.</summary>
    public DateOnly? PassDeadline { get; internal init; }

    /// <summary>Days from <see cref="AsOf"/> to <see cref="PassDeadline"/> (negative once it has passed).</summary>
    public int? DaysUntilPassDeadline { get; internal init; }

    /// <summary>Self-rated distress, 0 to 10.</summary>
    public int? Distress { get; internal init; }

    /// <summary>The student has had thoughts of self-harm.</summary>
    public bool? ThoughtsOfSelfHarm { get; internal init; }

    /// <summary>The student has someone to confide in.</summary>
    public bool? HasConfidant { get; internal init; }

    /// <summary>The student's mentors; null when unknown, empty when none.</summary>
    public IReadOnlyList<MentorFact>? Mentors { get; internal init; }

    /// <summary>The resources of the failed attempt, one per normalized name.</summary>
    public IReadOnlyList<ResourceFact>? PreviousResources { get; internal init; }

    /// <summary>The resources planned for the retake, one per normalized name.</summary>
    public IReadOnlyList<ResourceFact>? PlannedResources { get; internal init; }

    /// <summary>How many distinct resources are planned.</summary>
    public int? PlannedResourceCount { get; internal init; }

    /// <summary>The planned resources are the same set as before (after aliases); null unless both are known.</summary>
    public bool? SameResourcesAsBefore { get; internal init; }

    /// <summary>The student says the plan is unchanged.</summary>
    public bool? SameApproachAsBefore { get; internal init; }

    /// <summary>The manifest's core resources, canonical names.</summary>
    public IReadOnlyList<string> CoreResources { get; internal init; } = [];

    /// <summary>Core resources missing from the plan, canonical names in manifest order; null when the plan is unknown.</summary>
    public IReadOnlyList<string>? MissingCoreResources { get; internal init; }

    /// <summary>How many practice exams the profile lists; null when unknown.</summary>
    public int? PracticeExamCount { get; internal init; }

    /// <summary>How many practice exams are dated after the latest failure; null when practice exams are unknown.</summary>
    public int? PracticeExamsSinceFailure { get; internal init; }

    /// <summary>The latest practice exam dated after the latest failure, with its verdict.</summary>
    public PracticeExamFact? LatestPracticeExam { get; internal init; }

    /// <summary>
    /// The practice exams dated after the latest failure, each with its verdict, the latest first (on a tie of
    /// dates, the later listed first); null when practice exams are unknown.
    /// </summary>
    public IReadOnlyList<PracticeExamFact>? RecentPracticeExams { get; internal init; }

    /// <summary>
    /// The latest practice exam's verdict: <c>passed</c>, <c>close</c> or <c>failed</c>, by the first measure in the
    /// manifest's <c>practiceExamVerdict</c> that the exam reports; null when there is no exam or no such measure.
    /// </summary>
    public string? PracticeVerdict { get; internal init; }

    /// <summary>The scheduled retake.</summary>
    public DateOnly? ExamDate { get; internal init; }

    /// <summary>Days from <see cref="AsOf"/> to the scheduled retake.</summary>
    public int? DaysUntilExam { get; internal init; }

    /// <summary>Question-bank topics with their discipline weights.</summary>
    public IReadOnlyList<TopicFact>? Topics { get; internal init; }

    /// <summary>Planned study hours per day.</summary>
    public double? StudyHoursPerDay { get; internal init; }

    /// <summary>Planned rest days per week.</summary>
    public double? RestDaysPerWeek { get; internal init; }

    /// <summary>Planned months off before the retake.</summary>
    public double? PlannedTimeOffMonths { get; internal init; }

    /// <summary>The student's target score.</summary>
    public int? TargetScore { get; internal init; }

    /// <summary>The student's target specialty, as given, without surrounding spaces.</summary>
    [ProfileText]
    public string? TargetSpecialty { get; internal init; }

    /// <summary>The target specialty is on the manifest's competitive list; null when no specialty is given.</summary>
    public bool? TargetSpecialtyIsCompetitive { get; internal init; }

    /// <summary><c>us-md</c>, <c>us-do</c> or <c>img</c>; null when unknown.</summary>
    public string? StudentType { get; internal init; }

    /// <summary><c>none</c>, <c>considering</c>, <c>requested</c> or <c>approved</c>; null when unknown.</summary>
    public string? Accommodations { get; internal init; }

    /// <summary>The failing score report's content areas, as given; null when unknown.</summary>
    public IReadOnlyList<ContentAreaFact>? ContentAreas { get; internal init; }

    /// <summary>The manifest's crisis lines: answered at any hour.</summary>
    public IReadOnlyList<CrisisLine> CrisisLines { get; internal init; } = [];

    /// <summary>The manifest's support lines: help that is not a crisis line, with its own hours.</summary>
    public IReadOnlyList<CrisisLine> SupportLines { get; internal init; } = [];

    /// <summary>
    /// The values of the rule set's parameters that walk a list, once this call has worked them out (one slot each,
    /// null until then): see <see cref="Precompiled.RuleRuntime.Keep{T}"/>. Not a fact: rules cannot name it.
    /// </summary>
    internal object?[]? Kept { get; init; }
}
