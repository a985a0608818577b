using System.Globalization;
using System.Text;
using RetakeAdvice.Model;

namespace RetakeAdvice.Benchmarks.HandWritten;

/// <summary>
/// The cards of the 30 default rules, written out in C#: the texts exactly as rules/*.json render them, built
/// from plain values. Constant cards (and constant parts of cards) are built once and shared; the contract types
/// are immutable records and nothing here mutates a list after handing it out.
/// </summary>
/// <remarks>
/// Formatting follows the library's two paths: a template placeholder renders a double as "0.##", a date as
/// yyyy-MM-dd, an int invariantly; string concatenation inside an expression uses the value's invariant
/// <c>ToString()</c> (a double as its shortest round-trip form). Both are written explicitly here.
/// </remarks>
public static class DefaultCards
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly AdviceSource[] Sources = BuildSources();

    // Actions without targets: shared.
    private static readonly AdviceAction[] ContactSchool = [Act("contact-school")];
    private static readonly AdviceAction[] ContactEcfmg = [Act("contact-ecfmg")];
    private static readonly AdviceAction[] ContactSchoolAndPlanStudy = [Act("contact-school"), Act("plan-study-period")];
    private static readonly AdviceAction[] ArrangeSchoolLogistics = [Act("arrange-school-logistics")];
    private static readonly AdviceAction[] BookCounseling = [Act("book-counseling")];
    private static readonly AdviceAction[] FindMentorActions = [Act("find-mentor")];
    private static readonly AdviceAction[] ReviseStudyPlan = [Act("revise-study-plan")];
    private static readonly AdviceAction[] PostponeAndPractice = [Act("postpone-exam"), Act("take-practice-exam")];
    private static readonly AdviceAction[] PracticeAndPostpone = [Act("take-practice-exam"), Act("postpone-exam")];
    private static readonly AdviceAction[] TakePracticeExam = [Act("take-practice-exam")];
    private static readonly AdviceAction[] ConfirmExamDate = [Act("confirm-exam-date")];
    private static readonly AdviceAction[] TrimResources = [Act("trim-resources")];
    private static readonly AdviceAction[] PlanStudyPeriod = [Act("plan-study-period")];
    private static readonly AdviceAction[] PlanStudyPeriodAndContactSchool = [Act("plan-study-period"), Act("contact-school")];
    private static readonly AdviceAction[] DiscussRemediation = [Act("discuss-remediation")];
    private static readonly AdviceAction[] BroadenAndPlanStep2 = [Act("broaden-specialty-list"), Act("plan-step2-ck")];
    private static readonly AdviceAction[] ContactSchoolAndPractice = [Act("contact-school"), Act("take-practice-exam")];
    private static readonly AdviceAction[] AdjustSchedule = [Act("adjust-schedule")];
    private static readonly AdviceAction[] RequestAccommodations = [Act("request-accommodations")];

    private const string NoMentorYet = "you have no mentor yet";
    private static readonly string NoHighScorerMentor = string.Create(Inv, $"none of your mentors scored {DefaultRules.HighStep1Score}+ on Step 1 or {DefaultRules.HighStep2Score}+ on Step 2 CK, or is a faculty member or learning specialist guiding your study");
    private static readonly string EscalationBecause = string.Create(Inv, $"the exam is {DefaultRules.CriticalWithinDays} days away or less");
    private const string NotApprovedLine = "the school has not approved the retake yet";
    private const string RotationsLine = "your clinical rotations have not been rearranged yet";
    private const string SameApproachLine = "you said the plan is unchanged from last time";
    private const string DoStudentLine = "you are a DO student";
    private const string ConsideringAccommodationsLine = "you are thinking of asking for test accommodations";

    private static readonly string[] NotApprovedOnly = [NotApprovedLine];
    private static readonly string[] RotationsOnly = [RotationsLine];
    private static readonly string[] NotApprovedAndRotations = [NotApprovedLine, RotationsLine];
    private static readonly string[] SameApproachOnly = [SameApproachLine];
    private static readonly string[] DoStudentOnly = [DoStudentLine];
    private static readonly string[] ConsideringAccommodationsOnly = [ConsideringAccommodationsLine];
    private static readonly string[] ComlexOneAttemptLeft = [DoStudentLine, "only one attempt is left, which makes this choice weigh more"];
    private const string RepeatFailureLineStart = "it was failure number ";
    private const string RepeatFailureLineEnd = ": a repeat failure needs more than a quick review, however close";

    private static readonly Recommendation[] AddCoreCards = BuildAddCoreCards();

    /// <summary>"{name} ({contact}: {how})" of the first crisis line, as planning.no-attempts-left names it ("a counselor" without one).</summary>
    private static readonly string FirstCrisisLine = DefaultRules.CrisisLines.Length > 0
        ? DefaultRules.CrisisLines[0].Name + " (" + DefaultRules.CrisisLines[0].Contact + ": " + DefaultRules.CrisisLines[0].How + ")"
        : "a counselor";

    private static readonly Recommendation CrisisSupportWithAttempts = BuildCrisisSupport(attemptsLeft: true);
    private static readonly Recommendation CrisisSupportWithoutAttempts = BuildCrisisSupport(attemptsLeft: false);

    /// <param name="attemptsLeft">At least one attempt is left ("the exam can wait"; else "whatever comes next").</param>
    public static Recommendation CrisisSupport(bool attemptsLeft) => attemptsLeft ? CrisisSupportWithAttempts : CrisisSupportWithoutAttempts;

    public static Recommendation ContactNow { get; } = new()
    {
        Id = "school.contact-now",
        Step = 1,
        Category = "school",
        Indicator = AdviceIndicator.Warning,
        Priority = 90,
        Summary = "Tell your school's academic advisor about the result this week; they have guided students through this before.",
        Detail = "Your school is the first call to make, not the last. Advisors have seen students fail and then pass on the retake, and they are on your side. They also start the paperwork you cannot do alone: approval for another attempt and any change to your clinical rotations. Send the email or book the meeting today; it gets easier once it is done.",
        Because = ["you have not told your school yet"],
        Actions = ContactSchool,
        Source = Sources[1],
    };

    public static Recommendation ImgRegistration { get; } = new()
    {
        Id = "eligibility.img-registration",
        Step = 1,
        Category = "eligibility",
        Indicator = AdviceIndicator.Warning,
        Priority = 89,
        Summary = "Your retake goes through ECFMG: check that your eligibility period covers the date you want, then apply there.",
        Detail = "International medical students and graduates register for the USMLE through ECFMG (part of Intealth), not through a US school. Each application gives a set eligibility period to test in, so look up yours, apply for the retake well ahead, and schedule inside the window. If you are still enrolled at your medical school, tell them too: they may have rules of their own.",
        Because = ["you are an international medical student or graduate"],
        Actions = ContactEcfmg,
        Source = Sources[1],
    };

    private static readonly Recommendation FindConfidantFirstFailure = BuildFindConfidant(reassure: true);
    private static readonly Recommendation FindConfidantOtherwise = BuildFindConfidant(reassure: false);
    private static readonly Recommendation SelfCareAfterOneFailure = BuildSelfCare(SelfCareSecondRun);
    private static readonly Recommendation SelfCareAfterRepeatFailures = BuildSelfCare(SelfCareAnotherRun);
    private static readonly Recommendation SelfCareWithoutAttempts = BuildSelfCare(SelfCareHardStretch);

    /// <param name="attemptsLeft">At least one attempt is left.</param>
    /// <param name="failedAttempts">Failed attempts: only after the first, with attempts left, does the text say many pass on the next.</param>
    public static Recommendation FindConfidant(bool attemptsLeft, int failedAttempts) =>
        attemptsLeft && failedAttempts == 1 ? FindConfidantFirstFailure : FindConfidantOtherwise;

    /// <param name="attemptsLeft">At least one attempt is left (the text speaks of the next run).</param>
    /// <param name="failedAttempts">Failed attempts: after one the next run is "a second", after more "another".</param>
    public static Recommendation SelfCare(bool attemptsLeft, int failedAttempts) =>
        !attemptsLeft ? SelfCareWithoutAttempts : failedAttempts == 1 ? SelfCareAfterOneFailure : SelfCareAfterRepeatFailures;

    /// <param name="attemptsUsed">Failed plus incomplete attempts.</param>
    /// <param name="attemptLimit">The limit that applies (the USMLE's or the school's smaller one).</param>
    /// <param name="incompleteAttempts">How many incomplete attempts the profile lists; null when unknown.</param>
    /// <param name="doStudent">The student is a US DO student (COMLEX-USA stays open).</param>
    /// <param name="img">The student is an international medical student or graduate.</param>
    public static Recommendation NoAttemptsLeft(int attemptsUsed, int attemptLimit, int? incompleteAttempts, bool doStudent, bool img)
    {
        var usmle = attemptsUsed >= DefaultRules.AttemptLimit;
        var rule = usmle
            ? string.Create(Inv, $"Under the USMLE's rule, an examinee with {DefaultRules.AttemptLimit} attempts at any Step who has not passed may not apply for any USMLE Step again: Step 1 and every other Step are closed. ")
            : "Your school allows "
                + (attemptLimit == 1 ? "one attempt, and it has been used" : string.Create(Inv, $"{attemptLimit} attempts, and they have been used"))
                + string.Create(Inv, $"; the USMLE itself would allow {DefaultRules.AttemptLimit}. Ask the school exactly what its rule means for you, and whether it can be appealed. ");
        var comlex = doStudent ? "As a DO student you still have COMLEX-USA, your route to a licence: plan COMLEX Level 1 and Level 2 with your school's advisor. " : "";
        var who = img ? "Contact your medical school and ECFMG" : "Ask your school's dean or academic advisor for a meeting this week";
        var because = usmle
            ? string.Create(Inv, $"you have used {attemptsUsed} attempts; the USMLE allows {DefaultRules.AttemptLimit}")
            : string.Create(Inv, $"you have used {attemptsUsed} attempt{(attemptsUsed == 1 ? "" : "s")}; your school allows {attemptLimit}");
        return new Recommendation
        {
            Id = "planning.no-attempts-left",
            Step = 6,
            Category = "planning",
            Indicator = AdviceIndicator.Critical,
            Priority = 98,
            Summary = !usmle ? DefaultRules.SchoolLimitSummary : img ? DefaultRules.ImgClosedSummary : DefaultRules.UsmleClosedSummary,
            Detail = rule + comlex + "Study plans and practice exams for Step 1 do not help with this; the next step is a conversation. " + who
                + ", and bring someone you trust. Schools have guided students through this before, and there are paths beyond this exam. This is a heavy moment: "
                + FirstCrisisLine + " is there if it becomes too much.",
            Because = [incompleteAttempts > 0 ? because + " (incomplete attempts count toward the limit)" : because],
            Actions = ContactSchool,
            Source = Sources[6],
        };
    }

    /// <param name="attemptsUsed">Failed plus incomplete attempts.</param>
    /// <param name="attemptLimit">The limit that applies.</param>
    /// <param name="incompleteAttempts">How many incomplete attempts the profile lists; null when unknown.</param>
    /// <param name="unproven">
    /// The manifest's <c>finalAttemptUnproven</c>: the latest <see cref="DefaultRules.FinalAttemptPassingExams"/>
    /// practice exams since the failure do not all pass (or practice exams are unknown).
    /// </param>
    /// <param name="thoughtsOfSelfHarm">The student reports thoughts of self-harm: no hurry, the date once there is support.</param>
    /// <param name="enrolled">The manifest's <c>enrolledAtSchool</c>: plan with the school, else with an advisor.</param>
    public static Recommendation FinalAttempt(int attemptsUsed, int attemptLimit, int? incompleteAttempts, bool unproven, bool thoughtsOfSelfHarm, bool enrolled) => new()
    {
        Id = "planning.final-attempt",
        Step = 6,
        Category = "planning",
        Indicator = AdviceIndicator.Critical,
        Priority = 96,
        Summary = FinalAttemptSummaries[(thoughtsOfSelfHarm ? 0 : unproven ? 1 : 2) + (enrolled ? 0 : 3)],
        Detail = enrolled ? FinalAttemptDetailSchool : FinalAttemptDetailAdvisor,
        Because =
        [
            string.Create(Inv, $"you have used {attemptsUsed} of the {attemptLimit} attempts allowed")
                + (attemptLimit < DefaultRules.AttemptLimit ? " by your school" : "")
                + (incompleteAttempts > 0 ? " (incomplete attempts count too)" : ""),
        ],
        Actions = ContactSchoolAndPractice,
        Source = Sources[6],
    };

    /// <summary>planning.json's finalAttemptSummary: wait, unproven, proven; with the school, then with an advisor.</summary>
    private static readonly string[] FinalAttemptSummaries =
    [
        DefaultRules.FinalAttemptWaitSummary(DefaultRules.PlanWithSchool),
        DefaultRules.FinalAttemptUnprovenSummary(DefaultRules.PlanWithSchool),
        DefaultRules.FinalAttemptProvenSummary(DefaultRules.PlanWithSchool),
        DefaultRules.FinalAttemptWaitSummary(DefaultRules.PlanWithAdvisor),
        DefaultRules.FinalAttemptUnprovenSummary(DefaultRules.PlanWithAdvisor),
        DefaultRules.FinalAttemptProvenSummary(DefaultRules.PlanWithAdvisor),
    ];

    private const string FinalAttemptDetailStart = "With one attempt left, the cost of sitting too early is your eligibility. Take the time the practice exams say you need, work with ";
    private const string FinalAttemptDetailEnd = " on a plan, and sit only when you are consistently over the line.";
    private const string FinalAttemptDetailSchool = FinalAttemptDetailStart + DefaultRules.PlanWithSchool + FinalAttemptDetailEnd;
    private const string FinalAttemptDetailAdvisor = FinalAttemptDetailStart + DefaultRules.PlanWithAdvisor + FinalAttemptDetailEnd;

    /// <summary>The card when the retake plan and the school's deadline do not fit (the caller checks).</summary>
    /// <param name="passDeadline">The day the school needs a pass by.</param>
    /// <param name="daysUntilDeadline">Days to it (negative once it has passed).</param>
    /// <param name="examDate">The scheduled retake, if any.</param>
    /// <param name="daysUntilExam">Days to it, if scheduled.</param>
    /// <param name="studyPastDeadline">
    /// school.json's <c>studyPastDeadline</c>: nothing booked, the practice exams do not say ready, and the band's
    /// study (at least <paramref name="bandWeeks"/>' minimum) runs past the deadline.
    /// </param>
    /// <param name="courseworkBeforeDeadline">
    /// school.json's <c>courseworkBeforeDeadline</c>: nothing booked, the practice exams do not say ready, the band
    /// calls for coursework first (no weeks), and the deadline is fewer than <see cref="DefaultRules.CourseworkLeadDays"/> days away.
    /// </param>
    /// <param name="bandWeeks">The failure band's study weeks; null for a band without them (or no band).</param>
    public static Recommendation SchoolDeadline(DateOnly passDeadline, int daysUntilDeadline, DateOnly? examDate, int? daysUntilExam, bool studyPastDeadline, bool courseworkBeforeDeadline, StudyWeeks? bandWeeks)
    {
        var deadline = Iso(passDeadline);
        var first = daysUntilDeadline < 0
            ? "your school asks for a pass by " + deadline + ", which has passed"
            : daysUntilDeadline == 0 ? "your school asks for a pass by " + deadline + ", which is today"
            : daysUntilDeadline == 1 ? "your school asks for a pass by " + deadline + ", which is tomorrow"
            : string.Create(Inv, $"your school asks for a pass by {deadline}, {daysUntilDeadline} days from now");
        // At most one of the three: a booked exam excludes the other two, and the band has weeks or not.
        string? second = null;
        if (examDate is { } exam && daysUntilExam > daysUntilDeadline)
        {
            second = "your retake is scheduled for " + Iso(exam) + ", after that";
        }
        else if (studyPastDeadline && daysUntilDeadline >= 0)
        {
            second = string.Create(Inv, $"the study suggested for a failure like yours takes at least {bandWeeks!.Min} weeks, which ends after that");
        }
        else if (courseworkBeforeDeadline && daysUntilDeadline >= 0)
        {
            second = CourseworkLine;
        }

        return new Recommendation
        {
            Id = "school.deadline",
            Step = 1,
            Category = "school",
            Indicator = AdviceIndicator.Critical,
            Priority = 95,
            Summary = "Your retake plan and your school's deadline, " + deadline + ", do not fit: settle the timing with your advisor now.",
            Detail = "A school deadline (before rotations or promotion, say) decides what happens if the retake comes late, so plan back from it rather than forward from today. Ask your advisor whether the date can move, what happens if it is missed, and how to fit enough study in before it. A rushed attempt costs more than a conversation about timing.",
            Because = second is null ? [first] : [first, second],
            Actions = ContactSchoolAndPlanStudy,
            Source = Sources[1],
        };
    }

    private const string CourseworkLine = "a failure this far below passing calls for coursework before a study period, which may not fit before then";

    /// <param name="critical">The exam is at most <see cref="DefaultRules.CriticalWithinDays"/> days away.</param>
    /// <param name="finalAttempt">One attempt is left: the latest <see cref="DefaultRules.FinalAttemptPassingExams"/> must pass.</param>
    /// <param name="exam">The latest practice exam since the failure.</param>
    /// <param name="examDate">The scheduled retake.</param>
    /// <param name="daysUntilExam">Days to it.</param>
    public static Recommendation GateNotPassed(bool critical, bool finalAttempt, in LatestExam exam, DateOnly examDate, int daysUntilExam)
    {
        string measure = exam.Measure switch
        {
            ExamMeasure.PassProbability => string.Create(Inv, $"estimated pass probability {Math.Floor(exam.PassProbability!.Value * 100 + 0.5)}%"),
            ExamMeasure.PercentCorrect => string.Create(Inv, $"{Math.Round(exam.PercentCorrect!.Value, 1)}% correct (EPC)"),
            _ => string.Create(Inv, $"score {exam.Score!.Value} against a standard of {exam.Standard}"),
        };
        var first = string.Create(Inv, $"latest practice exam ({exam.Name}, {Iso(exam.Date)}): {measure}, below the pass line");
        var second = "your retake is scheduled for " + Iso(examDate) + ", " + DaysAway(daysUntilExam);
        return new Recommendation
        {
            Id = "practice.gate-not-passed",
            Step = 4,
            Category = "practice-exams",
            Indicator = critical ? AdviceIndicator.Critical : AdviceIndicator.Warning,
            Priority = 94,
            Summary = finalAttempt ? DefaultRules.GateFinalSummary : DefaultRules.GateSummary,
            Detail = finalAttempt ? GateDetailFinal : GateDetail,
            Because = critical ? [first, second, EscalationBecause] : [first, second],
            Actions = PostponeAndPractice,
            Source = Sources[4],
        };
    }

    private const string GateDetailStart = "Practice exams predict the real result well, so a result below the line now is most likely what test day would show. Keep studying, take another practice exam, and ";
    private const string GateDetailEnd = ". Moving the date costs weeks; another failure costs an attempt.";
    private const string GateDetail = GateDetailStart + "sit the retake once one clears the pass line" + GateDetailEnd;
    private static readonly string GateDetailFinal = string.Create(Inv, $"{GateDetailStart}sit your last attempt once each of your latest {DefaultRules.FinalAttemptPassingExams} clears the pass line{GateDetailEnd}");

    /// <summary>The card when the final attempt is booked and the latest practice exam passed alone (the caller checks).</summary>
    /// <param name="critical">The exam is at most <see cref="DefaultRules.CriticalWithinDays"/> days away.</param>
    /// <param name="practiceExamsSinceFailure">How many practice exams are dated after the failure (at least one: the latest passed).</param>
    /// <param name="latestTwoPassed">How many of the latest <see cref="DefaultRules.FinalAttemptPassingExams"/> practice exams since the failure passed.</param>
    /// <param name="examDate">The scheduled retake.</param>
    /// <param name="daysUntilExam">Days to it.</param>
    public static Recommendation FinalAttemptGate(bool critical, int practiceExamsSinceFailure, int latestTwoPassed, DateOnly examDate, int daysUntilExam)
    {
        var first = practiceExamsSinceFailure < DefaultRules.FinalAttemptPassingExams
            ? string.Create(Inv, $"you have taken {practiceExamsSinceFailure} practice exam{(practiceExamsSinceFailure == 1 ? "" : "s")} since the failure; on a final attempt the latest {DefaultRules.FinalAttemptPassingExams} should each clear the pass line")
            : string.Create(Inv, $"{latestTwoPassed} of your latest {DefaultRules.FinalAttemptPassingExams} practice exams since the failure {(latestTwoPassed == 1 ? "clears" : "clear")} the pass line");
        var second = "your retake is scheduled for " + Iso(examDate) + ", " + DaysAway(daysUntilExam);
        return new Recommendation
        {
            Id = "practice.final-attempt-gate",
            Step = 4,
            Category = "practice-exams",
            Indicator = critical ? AdviceIndicator.Critical : AdviceIndicator.Warning,
            Priority = 93,
            Summary = FinalAttemptGateSummary,
            Detail = "One passing practice exam is a good sign; on a final attempt it is not enough, because a wrong guess now costs your eligibility. Take another practice exam before the date, and move the date if it does not pass too.",
            Because = critical ? [first, second, EscalationBecause] : [first, second],
            Actions = PracticeAndPostpone,
            Source = Sources[4],
        };
    }

    private static readonly string FinalAttemptGateSummary = string.Create(Inv, $"Your next attempt is your last: keep the date only if each of your latest {DefaultRules.FinalAttemptPassingExams} practice exams clears the line.");

    /// <param name="distress">The self-rated distress.</param>
    /// <param name="attemptsLeft">At least one attempt is left.</param>
    public static Recommendation Counseling(int distress, bool attemptsLeft) => new()
    {
        Id = "wellbeing.counseling",
        Step = 2,
        Category = "wellbeing",
        Indicator = AdviceIndicator.Warning,
        Priority = 88,
        Summary = attemptsLeft ? CounselingSummaryWithAttempts : CounselingSummaryWithoutAttempts,
        Detail = attemptsLeft ? CounselingDetailWithAttempts : CounselingDetailWithoutAttempts,
        Because = [string.Create(Inv, $"you rated your distress {distress} out of 10 (counseling is suggested from {DefaultRules.CounselingDistress})")],
        Actions = BookCounseling,
        Source = Sources[2],
    };

    private const string CounselingSummaryWithAttempts = "Your distress is high: book a session with a counselor or therapist before you plan " + DefaultRules.StudySchedule + ".";
    private const string CounselingSummaryWithoutAttempts = "Your distress is high: book a session with a counselor or therapist before you plan " + DefaultRules.NextSteps + ".";
    private const string CounselingDetailStart = "Feeling flattened after this result is normal, and it is also a load you do not have to carry alone. Your school's counseling service, or a therapist of your own, can usually see you soon: ask for the first free appointment this week. ";
    private const string CounselingDetailWithAttempts = CounselingDetailStart + "Studying goes better once the weight is shared.";
    private const string CounselingDetailWithoutAttempts = CounselingDetailStart + "Whatever comes next is easier to face once the weight is shared.";

    public static Recommendation NoHailMary(in LatestExam exam) => new()
    {
        Id = "practice.no-hail-mary",
        Step = 4,
        Category = "practice-exams",
        Indicator = AdviceIndicator.Warning,
        Priority = 85,
        Summary = "Close is not passing: keep working until a practice exam clears the line instead of hoping test day goes better.",
        Detail = "A practice result just under the line is encouraging, and it is also the most likely outcome of the real exam if you sat it now. A few more weeks aimed at your weakest areas usually closes a small gap; a gamble on test day spends an attempt.",
        Because = [string.Create(Inv, $"latest practice exam ({exam.Name}, {Iso(exam.Date)}) is close to the pass line but below it")],
        Actions = TakePracticeExam,
        Source = Sources[4],
    };

    public static Recommendation RepeatCoursework(double pointsBelowPassing) => new()
    {
        Id = "planning.repeat-coursework",
        Step = 6,
        Category = "planning",
        Indicator = AdviceIndicator.Warning,
        Priority = 82,
        Summary = "Consider repeating coursework before a dedicated study period: the gap is in the foundations, not the review.",
        Detail = "A dedicated study period is built for refreshing what you once learned. When the distance to passing is this large, the knowledge has to be built first; ask your school about repeating coursework or a structured remediation program, then plan the review.",
        Because = [PointsLine(pointsBelowPassing)],
        Actions = DiscussRemediation,
        Source = Sources[6],
    };

    /// <param name="sameResources">The planned resources equal the previous ones (after aliases).</param>
    /// <param name="plannedCanonicalNames">The planned resources' canonical names, in plan order (one per distinct name).</param>
    /// <param name="plannedCount">How many of them.</param>
    /// <param name="sameApproach">The student says the plan is unchanged.</param>
    public static Recommendation ChangeApproach(bool sameResources, string[]? plannedCanonicalNames, int plannedCount, bool sameApproach)
    {
        IReadOnlyList<string> because;
        if (sameResources)
        {
            var line = plannedCount == 0
                ? "you name no resources for the retake, as for the failed attempt"
                : "your planned resources are the same as for the failed attempt (" + string.Join(", ", plannedCanonicalNames!, 0, plannedCount) + ")";
            because = sameApproach ? [line, SameApproachLine] : [line];
        }
        else
        {
            because = sameApproach ? SameApproachOnly : [];
        }

        return new Recommendation
        {
            Id = "tactics.change-approach",
            Step = 4,
            Category = "tactics",
            Indicator = AdviceIndicator.Warning,
            Priority = 80,
            Summary = "Change how you study, not just how long: a plan that has already fallen short is unlikely to work next time.",
            Detail = "Look again at three things: which resources you used, how you worked through the question bank (timed, random blocks, reviewing every explanation), and where the hours went. Compare them with what high scorers did, and rebuild the plan around the differences.",
            Because = because,
            Actions = ReviseStudyPlan,
            Source = Sources[4],
        };
    }

    /// <param name="practiceExamCount">How many practice exams the profile lists (none dated after the failure).</param>
    /// <param name="latestFailureDate">The latest failure.</param>
    /// <param name="examDate">The booked retake, if any.</param>
    /// <param name="daysUntilExam">Days to it, if booked: at most <see cref="DefaultRules.CriticalWithinDays"/> makes the card critical.</param>
    public static Recommendation TakeNbme(int practiceExamCount, DateOnly latestFailureDate, DateOnly? examDate, int? daysUntilExam)
    {
        var first = practiceExamCount == 0 ? "you have not taken a practice exam" : "none of your practice exams is dated after the failed attempt on " + Iso(latestFailureDate);
        var critical = daysUntilExam <= DefaultRules.CriticalWithinDays;
        return new Recommendation
        {
            Id = "practice.take-nbme",
            Step = 4,
            Category = "practice-exams",
            Indicator = critical ? AdviceIndicator.Critical : AdviceIndicator.Warning,
            Priority = 78,
            Summary = examDate is null ? DefaultRules.TakeBeforeBooking : DefaultRules.TakeBeforeTheDate,
            Detail = "A practice exam under real conditions shows where you stand today and which areas pull the score down. Take one early to plan, then keep taking them: the retake should wait for a passing one.",
            Because = examDate is { } booked
                ? critical
                    ? [first, "your retake is scheduled for " + Iso(booked) + ", " + DaysAway(daysUntilExam!.Value), EscalationBecause]
                    : [first, "your retake is scheduled for " + Iso(booked) + ", " + DaysAway(daysUntilExam!.Value)]
                : [first],
            Actions = TakePracticeExam,
            Source = Sources[4],
        };
    }

    /// <summary>The card when the student considers accommodations, or requested them and booked the retake (the caller checks).</summary>
    /// <param name="requestedAndBooked">The exam date of a student who requested accommodations; null for a student considering them.</param>
    /// <param name="booked">The retake is booked: a student considering accommodations is asked to request them now.</param>
    public static Recommendation ApplyEarly(DateOnly? requestedAndBooked, bool booked) => new()
    {
        Id = "accommodations.apply-early",
        Step = 6,
        Category = "accommodations",
        Indicator = AdviceIndicator.Warning,
        Priority = 76,
        Summary = requestedAndBooked is not null ? DefaultRules.AwaitDecision : booked ? DefaultRules.RequestNowBooked : DefaultRules.RequestEarly,
        Detail = requestedAndBooked is not null ? ApplyEarlyDetailRequested : booked ? ApplyEarlyDetailConsideringBooked : ApplyEarlyDetailConsidering,
        Because = requestedAndBooked is { } examDate
            ? ["you have asked for accommodations and booked the retake for " + Iso(examDate) + " without a decision yet"]
            : ConsideringAccommodationsOnly,
        Actions = RequestAccommodations,
        Source = Sources[6],
    };

    private const string ApplyEarlyDetailStart = "Accommodations for a documented disability are requested from your registration entity, with documentation from your clinician. The review can take weeks or months, and a booked date does not wait for it. ";
    private const string ApplyEarlyDetailConsidering = ApplyEarlyDetailStart + "Gather the paperwork now, send the request early, and choose the date once you know the answer.";
    private const string ApplyEarlyDetailConsideringBooked = ApplyEarlyDetailStart + "Gather the paperwork now, send the request at once, and be ready to move the date if the answer comes late.";
    private const string ApplyEarlyDetailRequested = ApplyEarlyDetailStart + "Ask when to expect the decision, and make sure the date can still move if it comes late.";

    /// <param name="pointsBelowPassing">The distance of the latest failure.</param>
    /// <param name="failedAttempts">Failed attempts: a repeat failure gets a second reason.</param>
    /// <param name="enrolled">The manifest's <c>enrolledAtSchool</c>: plan with the school, else with an advisor.</param>
    public static Recommendation ExtendedStudy(double pointsBelowPassing, int failedAttempts, bool enrolled) => new()
    {
        Id = "planning.extended-study",
        Step = 6,
        Category = "planning",
        Indicator = AdviceIndicator.Warning,
        Priority = 75,
        Summary = enrolled ? ExtendedStudySummarySchool : ExtendedStudySummaryAdvisor,
        Detail = "A gap of this size takes more than a quick review. Agree a structured plan with your advisor (weekly goals, question-bank targets, practice exams at set points) and give it the time it needs.",
        Because = failedAttempts > 1
            ? [PointsLine(pointsBelowPassing), string.Create(Inv, $"{RepeatFailureLineStart}{failedAttempts}{RepeatFailureLineEnd}")]
            : [PointsLine(pointsBelowPassing)],
        Actions = PlanStudyPeriodAndContactSchool,
        Source = Sources[6],
    };

    private const string ExtendedStudySummaryStart = "Plan a longer study period and build a structured plan with ";
    private const string ExtendedStudySummaryEnd = "; let the plan, not the calendar, set the date.";
    private const string ExtendedStudySummarySchool = ExtendedStudySummaryStart + DefaultRules.PlanWithSchool + ExtendedStudySummaryEnd;
    private const string ExtendedStudySummaryAdvisor = ExtendedStudySummaryStart + DefaultRules.PlanWithAdvisor + ExtendedStudySummaryEnd;

    /// <param name="attemptsLeft">Attempts left under the limit that applies.</param>
    /// <returns>The card; a warning when at most <see cref="DefaultRules.FewAttemptsLeft"/> attempts are left.</returns>
    public static Recommendation ComlexRoute(int attemptsLeft)
    {
        var escalated = attemptsLeft <= DefaultRules.FewAttemptsLeft;
        return new Recommendation
        {
            Id = "eligibility.comlex-route",
            Step = 6,
            Category = "eligibility",
            Indicator = escalated ? AdviceIndicator.Warning : AdviceIndicator.Info,
            Priority = 72,
            Summary = "COMLEX-USA is your licensing route: decide with your school's advisor whether to sit USMLE Step 1 again at all.",
            Detail = "As a DO student you are licensed through COMLEX-USA; USMLE Step 1 is optional, taken mostly for residency applications. Weigh what another attempt costs in time and in attempts against what it would add to your applications, and decide with your advisor. Putting the effort into COMLEX Level 1 and Level 2 may serve you better.",
            Because = !escalated ? DoStudentOnly
                : attemptsLeft == 1 ? ComlexOneAttemptLeft
                : [DoStudentLine, string.Create(Inv, $"only {attemptsLeft} attempts are left, which makes this choice weigh more")],
            Actions = ContactSchool,
            Source = Sources[6],
        };
    }

    public static Recommendation Overload(int plannedCount) => new()
    {
        Id = "resources.overload",
        Step = 5,
        Category = "resources",
        Indicator = AdviceIndicator.Warning,
        Priority = 70,
        Summary = string.Create(Inv, $"You plan to use {plannedCount} resources; trim to a few and go through them thoroughly."),
        Detail = "Trying to cover every topic with its own book is a frequent reason a retake plan stalls. A short list, gone through twice, beats a long one you never finish.",
        Because = [string.Create(Inv, $"you plan {plannedCount} distinct resources (more than {DefaultRules.MaxPlannedResources})")],
        Actions = TrimResources,
        Source = Sources[5],
    };

    public static Recommendation FindHighScorer(int mentorCount) => new()
    {
        Id = "mentors.find-high-scorer",
        Step = 3,
        Category = "mentors",
        Indicator = AdviceIndicator.Warning,
        Priority = 68,
        Summary = "Find a mentor who scored high on Step 1 or Step 2 CK and ask exactly how they studied.",
        Detail = "Advice is worth what the adviser knows. A friend who only just passed is kind company but not a study model. Ask your school to put you in touch with upperclassmen who did very well, or with a faculty member or learning specialist who guides students through a retake, compare what they suggest with your first attempt, and keep the habits they share.",
        Because = [mentorCount == 0 ? NoMentorYet : NoHighScorerMentor],
        Actions = FindMentorActions,
        Source = Sources[3],
    };

    /// <summary>The card when hours exceed the maximum or rest days fall below the minimum (the caller checks).</summary>
    public static Recommendation BurnoutRisk(double? studyHoursPerDay, double? restDaysPerWeek)
    {
        var tooLong = studyHoursPerDay > DefaultRules.MaxStudyHoursPerDay;
        var tooLittleRest = restDaysPerWeek < DefaultRules.MinRestDaysPerWeek;
        var hours = tooLong ? string.Create(Inv, $"you plan {studyHoursPerDay!.Value} study hours a day (more than {DefaultRules.MaxStudyHoursPerDay})") : null;
        var rest = tooLittleRest ? string.Create(Inv, $"you plan {restDaysPerWeek!.Value} rest days a week (fewer than {DefaultRules.MinRestDaysPerWeek})") : null;
        return new Recommendation
        {
            Id = "resilience.burnout-risk",
            Step = 7,
            Category = "resilience",
            Indicator = AdviceIndicator.Warning,
            Priority = 65,
            Summary = "Your plan leaves too little rest; a schedule you can keep every day beats one that burns you out.",
            Detail = "The retake is a long effort. Keep study hours within reach, protect at least one rest day a week, and guard sleep, food and exercise: they are part of the plan, not a break from it.",
            Because = hours is null ? (rest is null ? [] : [rest]) : (rest is null ? [hours] : [hours, rest]),
            Actions = AdjustSchedule,
            Source = Sources[7],
        };
    }

    /// <param name="area">The content area as the profile spelled it, trimmed.</param>
    /// <param name="lower">The report rates it lower than a low pass (else the same as one).</param>
    public static Recommendation ScoreReportArea(string area, bool lower) => new()
    {
        Id = "topics.score-report-areas",
        Target = area,
        Step = 5,
        Category = "topics",
        Indicator = AdviceIndicator.Info,
        Priority = 64,
        Summary = "Start your review with " + area + (lower ? ": your score report rates it below a low pass." : ": your score report rates it only at a low pass."),
        Detail = "The performance feedback on a failing score report shows where the points were lost. Areas rated lower than a low pass are where remediation pays first; areas at a low pass come next. Use your question bank to find the topics inside each one.",
        Because = ["your score report rates " + area + (lower ? " lower than a low pass" : " the same as a low pass")],
        Actions = [new AdviceAction { Kind = "study-content-area", Target = area }],
        Source = Sources[5],
    };

    /// <param name="name">The topic as the profile spelled it, trimmed.</param>
    /// <param name="discipline">Its discipline as the profile spelled it, trimmed.</param>
    /// <param name="seen">Questions seen; null when unknown.</param>
    /// <param name="incorrect">Questions missed (at least the focus line).</param>
    /// <param name="weight">The discipline weight.</param>
    public static Recommendation FocusTopic(string name, string? discipline, int? seen, int incorrect, double weight)
    {
        var minutes = incorrect * DefaultRules.MinutesPerMiss;
        var questions = seen is { } count ? string.Create(Inv, $"{incorrect} of {count} questions") : string.Create(Inv, $"{incorrect} questions");
        var because = weight >= DefaultRules.HighYieldMinWeight
            ? string.Create(Inv, $"{questions} on {name} answered incorrectly in a high-yield discipline ({discipline}, about {weight}% of the exam)")
            : questions + " on " + name + " answered incorrectly";
        return new Recommendation
        {
            Id = "topics.focus",
            Target = name,
            Step = 5,
            Category = "topics",
            Indicator = AdviceIndicator.Info,
            Priority = 60,
            Summary = string.Create(Inv, $"Give {name} about {minutes} minutes: you missed it {incorrect} times."),
            Detail = "Topics that keep coming up in your question bank are the ones the exam keeps asking. Review " + Markdown.Escape(name) + " with your core resources, then redo the missed questions until the reasoning feels routine.",
            Because = [because],
            Actions = [new AdviceAction { Kind = "study-topic", Target = name, Minutes = minutes }],
            Source = Sources[5],
        };
    }

    /// <param name="exam">The latest practice exam since the failure (it passed).</param>
    /// <param name="finalAttempt">One attempt is left (and the latest <see cref="DefaultRules.FinalAttemptPassingExams"/> passed): a second reason says so.</param>
    public static Recommendation Ready(in LatestExam exam, bool finalAttempt) => new()
    {
        Id = "practice.ready",
        Step = 4,
        Category = "practice-exams",
        Indicator = AdviceIndicator.Info,
        Priority = 58,
        Summary = "Your latest practice exam is at the pass line or above: keep the routine steady and protect your confidence.",
        Detail = "A passing practice exam is the best sign you have. Keep doing what got you here, take another one nearer the date to confirm it, and resist cramming new material in the last days.",
        Because = finalAttempt
            ? [string.Create(Inv, $"latest practice exam ({exam.Name}, {Iso(exam.Date)}) is at or above the pass line"), ReadyOnFinalAttemptLine]
            : [string.Create(Inv, $"latest practice exam ({exam.Name}, {Iso(exam.Date)}) is at or above the pass line")],
        Actions = ConfirmExamDate,
        Source = Sources[4],
    };

    private static readonly string ReadyOnFinalAttemptLine = string.Create(Inv, $"your next attempt is your last, and each of your latest {DefaultRules.FinalAttemptPassingExams} practice exams since the failure clears the line");

    public static Recommendation NearMiss(double pointsBelowPassing) => new()
    {
        Id = "planning.near-miss",
        Step = 6,
        Category = "planning",
        Indicator = AdviceIndicator.Info,
        Priority = 55,
        Summary = "You were close: plan several more focused weeks of review rather than starting over.",
        Detail = "A small gap is usually closed by sharper review, not new material. Set a dedicated block of a few weeks, aim it at your weakest areas, and let a passing practice exam decide the date.",
        Because = [PointsLine(pointsBelowPassing)],
        Actions = PlanStudyPeriod,
        Source = Sources[6],
    };

    /// <summary>The card when the school was contacted and something is known to be missing (the caller checks).</summary>
    public static Recommendation ArrangeLogistics(bool? retakeApproved, bool? rotationsAdjusted) => new()
    {
        Id = "school.arrange-logistics",
        Step = 1,
        Category = "school",
        Indicator = AdviceIndicator.Info,
        Priority = 50,
        Summary = "Ask your advisor to settle the paperwork now: approval for the retake and the timing of your rotations.",
        Detail = "Approvals and schedule changes take time to move through a school. Ask your advisor what is still open, who signs it, and by when, so the retake date you choose is one the school can support.",
        Because = retakeApproved == false
            ? (rotationsAdjusted == false ? NotApprovedAndRotations : NotApprovedOnly)
            : (rotationsAdjusted == false ? RotationsOnly : []),
        Actions = ArrangeSchoolLogistics,
        Source = Sources[1],
    };

    /// <param name="name">The planned resource as the profile spelled it, trimmed.</param>
    public static Recommendation DropResource(string name) => new()
    {
        Id = "resources.drop",
        Target = name,
        Step = 5,
        Category = "resources",
        Indicator = AdviceIndicator.Info,
        Priority = 45,
        Summary = "Consider dropping " + name + ": the core set already covers what the exam asks.",
        Detail = "More books do not mean more coverage. The core resources together cover the high-yield material; every extra one takes hours away from reviewing them and doing questions.",
        Because = [name + " is not in the core set (" + DefaultRules.CoreList + ")"],
        Actions = [new AdviceAction { Kind = "drop-resource", Target = name }],
        Source = Sources[5],
    };

    /// <param name="ordinalIndex">The core resource's index in <see cref="DefaultRules.CoreOrdinal"/>.</param>
    public static Recommendation AddCore(int ordinalIndex) => AddCoreCards[ordinalIndex];

    /// <param name="asOf">The day of the advice: Step 1 reports pass or fail only from <see cref="DefaultRules.PassFailReportingFrom"/>.</param>
    /// <param name="targetScore">The student's target score.</param>
    /// <param name="targetSpecialty">The target specialty, trimmed.</param>
    /// <param name="specialtyIsCompetitive">The specialty is on the competitive list; null without one.</param>
    public static Recommendation RealisticTarget(DateOnly asOf, int? targetScore, string? targetSpecialty, bool? specialtyIsCompetitive)
    {
        var passFail = asOf >= DefaultRules.PassFailReportingFrom;
        var ambitious = targetScore >= DefaultRules.AmbitiousTargetScore
            ? passFail
                ? string.Create(Inv, $"you aim for {targetScore}; Step 1 gives no score to aim for, so a target of {DefaultRules.AmbitiousTargetScore}+ belongs to Step 2 CK")
                : string.Create(Inv, $"you aim for {targetScore}, and {DefaultRules.AmbitiousTargetScore}+ after a failure is very rare")
            : null;
        var competitive = specialtyIsCompetitive == true ? targetSpecialty + " is among the most competitive specialties" : null;
        return new Recommendation
        {
            Id = "planning.realistic-target",
            Step = 6,
            Category = "planning",
            Indicator = AdviceIndicator.Info,
            Priority = 35,
            Summary = "Aim the retake at a solid pass, not a top score, and put your ambition into Step 2 CK.",
            Detail = passFail ? RealisticTargetDetailPassFail : RealisticTargetDetailScored,
            Because = ambitious is null
                ? (competitive is null ? [] : [competitive])
                : (competitive is null ? [ambitious] : [ambitious, competitive]),
            Actions = BroadenAndPlanStep2,
            Source = Sources[6],
        };
    }

    private const string RealisticTargetDetailEnd = " A year off does not buy a top score later either; steady, focused work does. Step 2 CK is where a strong score counts, and many specialties value the persistence it shows. The most competitive ones may be out of reach after a failure, so keep a wider list too.";
    private const string RealisticTargetDetailPassFail = "Step 1 reports only pass or fail now, so there is no score to chase on the retake: a pass is the whole goal." + RealisticTargetDetailEnd;
    private const string RealisticTargetDetailScored = "After a failure, a program looks first at whether you passed; a top score on a retake is rare and not worth the months it would take." + RealisticTargetDetailEnd;

    /// <param name="topics">The low-yield topics (seen at most <see cref="DefaultRules.LowYieldMaxSeen"/>), in profile order; at least one.</param>
    public static Recommendation SkipLowYield(ReadOnlySpan<LowYieldTopic> topics)
    {
        const string DetailStart = "How often a topic shows up in your question bank is the best guide to how much the exam cares about it. A topic you met once or twice deserves a quick read at most: ";
        var becauseStart = string.Create(Inv, $"seen {DefaultRules.LowYieldMaxSeen} times or fewer in the question bank: ");
        var detail = new StringBuilder(DetailStart.Length + (topics.Length * 24));
        var because = new StringBuilder(becauseStart.Length + (topics.Length * 28));
        detail.Append(DetailStart);
        because.Append(becauseStart);
        var actions = new AdviceAction[topics.Length];
        for (var i = 0; i < topics.Length; i++)
        {
            var topic = topics[i];
            if (i > 0)
            {
                detail.Append(", ");
                because.Append(", ");
            }

            detail.Append(Markdown.Escape(topic.Name)); // detail is Markdown: the student's text is escaped
            because.Append(topic.Name).Append(" (").Append(topic.Seen).Append(')');
            actions[i] = new AdviceAction { Kind = "skim-topic", Target = topic.Name };
        }

        return new Recommendation
        {
            Id = "topics.skip-low-yield",
            Step = 5,
            Category = "topics",
            Indicator = AdviceIndicator.Info,
            Priority = 30,
            Summary = "Do not sink hours into topics you have barely met in the question bank; skim them and move on.",
            Detail = detail.Append('.').ToString(),
            Because = [because.ToString()],
            Actions = actions,
            Source = Sources[5],
        };
    }

    /// <summary>The readiness verdict as rules/readiness.json decides it: the first of its rules that holds.</summary>
    /// <param name="thoughtsOfSelfHarm">The student reports thoughts of self-harm (safety comes first).</param>
    /// <param name="attemptsUsed">Failed plus incomplete attempts.</param>
    /// <param name="attemptLimit">The limit that applies.</param>
    /// <param name="latest">The latest practice exam since the failure, if any.</param>
    /// <param name="practiceExamsSinceFailure">How many are dated after the failure; null when practice exams are unknown.</param>
    /// <param name="latestTwoPassed">
    /// How many of the latest <see cref="DefaultRules.FinalAttemptPassingExams"/> since the failure passed; null when
    /// practice exams are unknown.
    /// </param>
    /// <param name="latestFailureDate">The latest failure.</param>
    public static Readiness Readiness(bool thoughtsOfSelfHarm, int attemptsUsed, int attemptLimit, in LatestExam? latest, int? practiceExamsSinceFailure, int? latestTwoPassed, DateOnly latestFailureDate)
    {
        var attemptsLeft = attemptLimit - attemptsUsed;
        string rule;
        if (thoughtsOfSelfHarm)
        {
            rule = "readiness.wellbeing-first";
        }
        else if (attemptsLeft <= 0)
        {
            rule = "readiness.no-attempts-left";
        }
        else if (latest is { Verdict: not ExamVerdict.Passed })
        {
            rule = "readiness.latest-not-passing";
        }
        else if (practiceExamsSinceFailure == 0)
        {
            rule = "readiness.none-since-failure";
        }
        else if (FinalAttemptUnproven(attemptsLeft, latestTwoPassed))
        {
            rule = "readiness.final-attempt-needs-two";
        }
        else
        {
            rule = latest is null ? "readiness.unknown" : "readiness.latest-passed";
        }

        return ReadinessBy(rule, attemptsUsed, attemptLimit, latest, practiceExamsSinceFailure, latestTwoPassed, latestFailureDate);
    }

    /// <summary>
    /// The manifest's condition <c>finalAttemptUnproven</c>: the next attempt is the last and the latest
    /// <see cref="DefaultRules.FinalAttemptPassingExams"/> practice exams since the failure do not all pass (or
    /// practice exams are unknown, <paramref name="latestTwoPassed"/> null).
    /// </summary>
    public static bool FinalAttemptUnproven(int attemptsLeft, int? latestTwoPassed) =>
        attemptsLeft == 1 && (latestTwoPassed is not { } passed || passed < DefaultRules.FinalAttemptPassingExams);

    /// <summary>The verdict and reason of a readiness rule of rules/readiness.json, by its id.</summary>
    /// <param name="rule">The readiness rule that decided.</param>
    /// <param name="attemptsUsed">Failed plus incomplete attempts.</param>
    /// <param name="attemptLimit">The limit that applies.</param>
    /// <param name="latest">The latest practice exam since the failure, if any.</param>
    /// <param name="practiceExamsSinceFailure">How many are dated after the failure; null when practice exams are unknown.</param>
    /// <param name="latestTwoPassed">How many of the latest two since the failure passed; null when practice exams are unknown.</param>
    /// <param name="latestFailureDate">The latest failure.</param>
    public static Readiness ReadinessBy(string? rule, int attemptsUsed, int attemptLimit, in LatestExam? latest, int? practiceExamsSinceFailure, int? latestTwoPassed, DateOnly latestFailureDate) => rule switch
    {
        "readiness.wellbeing-first" => attemptLimit - attemptsUsed > 0 ? WellbeingFirst : WellbeingFirstWithoutAttempts,
        "readiness.no-attempts-left" => attemptsUsed >= DefaultRules.AttemptLimit ? NoAttemptsLeftByUsmle
            : attemptLimit == 1 ? NoAttemptsLeftBySchoolOfOne
            : attemptLimit == 2 ? NoAttemptsLeftBySchoolOfTwo
            : new Readiness
            {
                Status = ReadinessStatus.NotReady,
                Because = [string.Create(Inv, $"all {attemptLimit} attempts your school allows have been used")],
            },
        "readiness.latest-not-passing" when latest is { } exam => new Readiness
        {
            Status = ReadinessStatus.NotReady,
            Because = [string.Create(Inv, $"latest practice exam ({exam.Name}, {Iso(exam.Date)}) is {(exam.Verdict == ExamVerdict.Close ? "close to but below" : "below")} the pass line")],
        },
        "readiness.none-since-failure" => new Readiness { Status = ReadinessStatus.NotReady, Because = ["no practice exam has been taken since the failed attempt on " + Iso(latestFailureDate)] },
        "readiness.final-attempt-needs-two" => practiceExamsSinceFailure is { } taken
            ? new Readiness
            {
                Status = ReadinessStatus.NotReady,
                Because =
                [
                    FinalAttemptNeedsTwoLine,
                    taken == 0 ? "you have taken none since the failure"
                        : taken < DefaultRules.FinalAttemptPassingExams ? string.Create(Inv, $"you have taken {taken} since the failure")
                        : string.Create(Inv, $"{latestTwoPassed} of your latest {DefaultRules.FinalAttemptPassingExams} {(latestTwoPassed == 1 ? "clears" : "clear")} it"),
                ],
            }
            : FinalAttemptWithoutPracticeExams,
        "readiness.latest-passed" when latest is { } exam => new Readiness
        {
            Status = ReadinessStatus.Ready,
            Because = [string.Create(Inv, $"latest practice exam ({exam.Name}, {Iso(exam.Date)}) is at or above the pass line")],
        },
        "readiness.unknown" => Unknown,
        _ => throw new InvalidOperationException($"no readiness text for rule {rule}"),
    };

    private static readonly Readiness WellbeingFirst = new()
    {
        Status = ReadinessStatus.NotReady,
        Because = ["you have had thoughts of harming yourself: your safety comes first, and the exam can wait until you have support"],
    };

    private static readonly Readiness WellbeingFirstWithoutAttempts = new()
    {
        Status = ReadinessStatus.NotReady,
        Because = ["you have had thoughts of harming yourself: your safety comes first, and whatever comes next can wait until you have support"],
    };

    private static readonly string FinalAttemptNeedsTwoLine = string.Create(Inv, $"your next attempt is your last: sit it only once each of your latest {DefaultRules.FinalAttemptPassingExams} practice exams since the failure clears the pass line");

    private static readonly Readiness FinalAttemptWithoutPracticeExams = new()
    {
        Status = ReadinessStatus.NotReady,
        Because = [FinalAttemptNeedsTwoLine],
    };

    private static readonly Readiness NoAttemptsLeftBySchoolOfOne = new()
    {
        Status = ReadinessStatus.NotReady,
        Because = ["the one attempt your school allows has been used"],
    };

    private static readonly Readiness NoAttemptsLeftBySchoolOfTwo = new()
    {
        Status = ReadinessStatus.NotReady,
        Because = ["both attempts your school allows have been used"],
    };

    private static readonly Readiness NoAttemptsLeftByUsmle = new()
    {
        Status = ReadinessStatus.NotReady,
        Because = [string.Create(Inv, $"all {DefaultRules.AttemptLimit} attempts the USMLE allows have been used")],
    };

    private static readonly Readiness Unknown = new()
    {
        Status = ReadinessStatus.Unknown,
        Because = ["no practice exam results were given, so readiness cannot be judged yet"],
    };

    /// <summary>The verdict of a practice exam, as rules/ruleset.json's practiceExamVerdict decides it.</summary>
    public static LatestExam Judge(PracticeExam exam, DateOnly date)
    {
        var standard = DefaultRules.StandardOn(date);
        ExamMeasure measure;
        ExamVerdict verdict;
        if (exam.PassProbability is { } probability)
        {
            measure = ExamMeasure.PassProbability;
            verdict = probability >= DefaultRules.PassProbability ? ExamVerdict.Passed
                : probability >= DefaultRules.CloseProbability ? ExamVerdict.Close
                : ExamVerdict.Failed;
        }
        else if (exam.PercentCorrect is { } percent)
        {
            measure = ExamMeasure.PercentCorrect;
            verdict = percent >= DefaultRules.PassPercentCorrect ? ExamVerdict.Passed
                : percent >= DefaultRules.ClosePercentCorrect ? ExamVerdict.Close
                : ExamVerdict.Failed;
        }
        else
        {
            measure = ExamMeasure.Score;
            var above = exam.Score!.Value - standard;
            verdict = above >= DefaultRules.PassScoreMargin ? ExamVerdict.Passed
                : above >= DefaultRules.CloseScoreMargin ? ExamVerdict.Close
                : ExamVerdict.Failed;
        }

        return new LatestExam(exam.Name?.Trim(), date, exam.Score, exam.PercentCorrect, exam.PassProbability, standard, verdict, measure);
    }

    public static AdviceSource Source(int step) => Sources[step];

    /// <summary>
    /// <c>{facts.PointsBelowPassing}</c> in the planning rules: a template placeholder, "0.##"; "point" when the
    /// distance rounded to two decimals is 1 (1.004 reads "about 1 point"; the rule rounds with Math.Round, to even).
    /// </summary>
    private static string PointsLine(double points) =>
        "your latest attempt was about " + points.ToString("0.##", Inv) + (Math.Round(points, 2) == 1 ? " point below passing" : " points below passing");

    /// <summary>How far the retake is, as practice.json says it: "today", "tomorrow" or "N days away".</summary>
    private static string DaysAway(int days) => days switch
    {
        0 => "today",
        1 => "tomorrow",
        _ => string.Create(Inv, $"{days} days away"),
    };

    /// <summary>A date as templates and <c>ToString("yyyy-MM-dd")</c> render it.</summary>
    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", Inv);

    private static AdviceAction Act(string kind) => new() { Kind = kind };

    private static AdviceSource[] BuildSources()
    {
        var sources = new AdviceSource[8];
        for (var step = 1; step <= 7; step++)
        {
            sources[step] = new AdviceSource { Label = "Seven practical steps after failing Step 1, step " + step.ToString(Inv), Url = null };
        }

        return sources;
    }

    private static Recommendation BuildCrisisSupport(bool attemptsLeft)
    {
        var lines = DefaultRules.CrisisLines;
        var support = DefaultRules.SupportLines;
        var summary = new StringBuilder("You matter more than any exam. Please reach out now: ");
        var detail = new StringBuilder("Thoughts of harming yourself are a reason to get support today, before anything about the exam. Free, confidential help: ");
        var actions = new AdviceAction[lines.Length + support.Length];
        for (var i = 0; i < lines.Length; i++)
        {
            var (name, contact, how) = lines[i];
            if (i > 0)
            {
                summary.Append(", ");
                detail.Append(", ");
            }

            summary.Append(name).Append(" at ").Append(contact).Append(" (").Append(how).Append(')');
            detail.Append(name).Append(" (").Append(contact).Append(": ").Append(how).Append(')');
            actions[i] = new AdviceAction { Kind = "contact-crisis-line", Target = contact };
        }

        detail.Append(". If you are in immediate danger, call your local emergency number. ");
        if (support.Length > 0)
        {
            detail.Append("For someone to talk to beyond a crisis: ");
        }

        for (var i = 0; i < support.Length; i++)
        {
            var (name, contact, how) = support[i];
            if (i > 0)
            {
                detail.Append(", ");
            }

            detail.Append(name).Append(" (").Append(contact).Append(": ").Append(how).Append(')');
            actions[lines.Length + i] = new AdviceAction { Kind = "call-support-line", Target = contact };
        }

        if (support.Length > 0)
        {
            detail.Append(". ");
        }

        return new Recommendation
        {
            Id = "wellbeing.crisis-support",
            Step = 2,
            Category = "wellbeing",
            Indicator = AdviceIndicator.Critical,
            Priority = 100,
            Summary = summary.Append('.').ToString(),
            Detail = detail.Append("A counselor, at your school or one of your own, can also see you quickly. ")
                .Append(attemptsLeft ? "The exam" : "Whatever comes next").Append(" can wait; you come first.").ToString(),
            Because = ["you told us you have had thoughts of harming yourself"],
            Actions = actions,
            Source = Sources[2],
        };
    }

    private static Recommendation BuildFindConfidant(bool reassure) => new()
    {
        Id = "wellbeing.find-confidant",
        Step = 2,
        Category = "wellbeing",
        Indicator = AdviceIndicator.Info,
        Priority = 40,
        Summary = "Pick one person you trust and tell them what happened; you do not have to go through this alone.",
        Detail = "A friend, a partner, a family member or a classmate who has been through it: someone to talk to on the hard days makes the weeks ahead lighter. "
            + (reassure
                ? "Many students in your position pass on the next attempt and match, and hearing that from someone who knows you helps more than reading it."
                : "Whatever you decide next, hearing it through with someone who knows you helps more than thinking it through alone."),
        Because = ["you said you have no one to confide in yet"],
        Actions = [Act("find-confidant")],
        Source = Sources[2],
    };

    private const string SelfCareRunEnd = " run at Step 1 asks for more stamina than the first. Keep a steady routine, notice small wins, and remember why you started. Students who fail and keep going very often pass.";
    private const string SelfCareSecondRun = "A second" + SelfCareRunEnd;
    private const string SelfCareAnotherRun = "Another" + SelfCareRunEnd;
    private const string SelfCareHardStretch = "This is a hard stretch. Keep a steady routine, lean on the people around you, and remember that one exam does not measure what you can do in medicine.";

    /// <param name="opening">The detail's first part: a second or another run, or a hard stretch with no attempts left.</param>
    private static Recommendation BuildSelfCare(string opening)
    {
        var lines = DefaultRules.CrisisLines;
        return new Recommendation
        {
            Id = "resilience.self-care",
            Step = 7,
            Category = "resilience",
            Indicator = AdviceIndicator.Info,
            Priority = 10,
            Summary = "Look after yourself every day: sleep, food, movement and people. A setback is not the end of the road.",
            Detail = lines.Length > 0
                ? opening + " If a day gets too heavy, " + lines[0].Name + " is there: " + lines[0].Contact + " (" + lines[0].How + ")."
                : opening,
            Because = [],
            Actions = [Act("self-care")],
            Source = Sources[7],
        };
    }

    private static Recommendation[] BuildAddCoreCards()
    {
        var cards = new Recommendation[DefaultRules.CoreOrdinal.Length];
        for (var i = 0; i < cards.Length; i++)
        {
            var core = DefaultRules.CoreOrdinal[i];
            cards[i] = new Recommendation
            {
                Id = "resources.add-core",
                Target = core,
                Step = 5,
                Category = "resources",
                Indicator = AdviceIndicator.Info,
                Priority = 44,
                Summary = "Add " + core + " to your plan: it is one of the few core resources worth your time.",
                Detail = "The core set was chosen because, together, it covers the high-yield disciplines without overlap. Build the plan around it before adding anything else.",
                Because = [core + " is in the core set but not in your plan"],
                Actions = [new AdviceAction { Kind = "add-resource", Target = core }],
                Source = Sources[5],
            };
        }

        return cards;
    }
}

/// <summary>What a practice exam's verdict was judged by.</summary>
public enum ExamMeasure
{
    PassProbability,
    PercentCorrect,
    Score,
}

public enum ExamVerdict
{
    Passed,
    Close,
    Failed,
}

/// <summary>A practice exam since the failure, judged.</summary>
public readonly record struct LatestExam(
    string? Name,
    DateOnly Date,
    int? Score,
    double? PercentCorrect,
    double? PassProbability,
    int Standard,
    ExamVerdict Verdict,
    ExamMeasure Measure);

/// <summary>A topic seen at most twice, for <c>topics.skip-low-yield</c>.</summary>
public readonly record struct LowYieldTopic(string Name, int Seen);
