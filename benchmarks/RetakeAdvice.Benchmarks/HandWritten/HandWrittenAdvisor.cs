using System.Buffers;

namespace RetakeAdvice.Benchmarks.HandWritten;

/// <summary>
/// The physical limit: plain C# that does everything <see cref="RetakeAdvisor"/> does for the DEFAULT rule set
/// (validation, derived facts, the 30 rules with their default parameters, the suppressions of
/// <c>planning.no-attempts-left</c>, <c>wellbeing.crisis-support</c> and <c>practice.ready</c>, the texts, readiness,
/// study weeks and ranking) and builds the same
/// <see cref="AdviceReport"/>, byte for byte once written as JSON. It shares only the public contract types with the
/// library; the rule set's name, version and hash are metadata passed in.
/// </summary>
/// <remarks>
/// Written for speed as a careful engineer would: one pass over each list, no LINQ, field paths built only for
/// errors, constant cards shared, the ten focus topics kept in a bounded insertion list (topics that cannot enter
/// it skip the discipline lookup), and no sort of the report: with the default priorities the rank order of the
/// rules is fixed at compile time (see <see cref="Advise"/>).
/// </remarks>
public sealed class HandWrittenAdvisor
{
    private readonly RuleSetInfo _ruleSet;
    private readonly TimeProvider _timeProvider;

    /// <param name="ruleSet">The default rule set's name, version and SHA-256 (taken once from the library).</param>
    /// <param name="timeProvider">The clock for profiles without <c>asOf</c>.</param>
    public HandWrittenAdvisor(RuleSetInfo ruleSet, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        _ruleSet = ruleSet;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    private enum Band
    {
        None,
        Near,
        Moderate,
        Low,
    }

    /// <exception cref="ProfileValidationException">The profile is not valid; every problem is listed.</exception>
    public AdviceReport Advise(RetakeProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var asOf = profile.AsOf ?? DateOnly.FromDateTime(_timeProvider.GetUtcNow().UtcDateTime);
        HandWrittenValidator.Validate(profile, asOf);

        // The latest failure (by date; on a tie, the later listed) and how far below passing it was.
        var attempts = profile.FailedAttempts!;
        var failedCount = attempts.Count;
        var latest = attempts[0];
        var latestDate = latest.Date!.Value;
        for (var i = 1; i < attempts.Count; i++)
        {
            var date = attempts[i].Date!.Value;
            if (date >= latestDate)
            {
                latest = attempts[i];
                latestDate = date;
            }
        }

        var standard = latest.PassingScore ?? DefaultRules.StandardOn(latestDate);
        double? points = latest.Score is { } failedScore ? standard - failedScore : latest.PointsBelowPassing;

        // The failure band: the first whose bounds hold (near also needs at most one failed attempt).
        var band = Band.None;
        if (points is { } p)
        {
            band = p <= DefaultRules.NearMaxPoints && failedCount <= DefaultRules.NearMaxFailedAttempts ? Band.Near
                : p < DefaultRules.ModerateBelowPoints ? Band.Moderate
                : p >= DefaultRules.LowMinPoints ? Band.Low
                : Band.None;
        }

        var bandWeeks = band switch
        {
            Band.Near => DefaultRules.NearWeeks,
            Band.Moderate => DefaultRules.ModerateWeeks,
            _ => null,
        };

        // Attempts: failed and incomplete ones count; the school's own limit applies when it is smaller.
        var school = profile.School;
        var incomplete = profile.IncompleteAttempts?.Count;
        var used = failedCount + (incomplete ?? 0);
        var limit = school?.AttemptLimit is { } schoolLimit && schoolLimit < DefaultRules.AttemptLimit ? schoolLimit : DefaultRules.AttemptLimit;
        var attemptsLeft = Math.Max(0, limit - used);
        var open = attemptsLeft > 0; // planning.no-attempts-left does not fire, so nothing is suppressed

        // The practice exams dated after the failure: how many, the latest and the one before it (on a tie of
        // dates the later listed counts as the later).
        var exams = profile.PracticeExams;
        var sinceFailure = 0;
        PracticeExam? latestExam = null;
        PracticeExam? previousExam = null;
        var latestExamDate = default(DateOnly);
        var previousExamDate = default(DateOnly);
        if (exams is not null)
        {
            for (var i = 0; i < exams.Count; i++)
            {
                var exam = exams[i];
                if (exam.Date is { } date && date > latestDate)
                {
                    sinceFailure++;
                    if (latestExam is null || date >= latestExamDate)
                    {
                        previousExam = latestExam;
                        previousExamDate = latestExamDate;
                        latestExam = exam;
                        latestExamDate = date;
                    }
                    else if (previousExam is null || date >= previousExamDate)
                    {
                        previousExam = exam;
                        previousExamDate = date;
                    }
                }
            }
        }

        LatestExam? judged = latestExam is null ? null : DefaultCards.Judge(latestExam, latestExamDate);

        // finalAttemptUnproven (the manifest's condition): with one attempt left, the latest
        // DefaultRules.FinalAttemptPassingExams (2: the latest and the one before it, as tracked above) exams since
        // the failure must all pass. How many of them pass matters only then; null when practice exams are unknown.
        int? latestTwoPassed = null;
        if (attemptsLeft == 1 && exams is not null)
        {
            latestTwoPassed = (judged is { Verdict: ExamVerdict.Passed } ? 1 : 0)
                + (previousExam is not null && DefaultCards.Judge(previousExam, previousExamDate).Verdict == ExamVerdict.Passed ? 1 : 0);
        }

        var finalAttemptUnproven = DefaultCards.FinalAttemptUnproven(attemptsLeft, latestTwoPassed);

        // Resources, one per normalized name.
        var planned = profile.PlannedResources;
        string[]? plannedNames = null;
        string[]? plannedCanonical = null;
        var plannedCount = 0;
        if (planned is not null && open)
        {
            plannedNames = new string[planned.Count];
            plannedCanonical = new string[planned.Count];
            for (var i = 0; i < planned.Count; i++)
            {
                var name = planned[i].Trim();
                var canonical = DefaultRules.Canonical(name);
                if (IndexOf(plannedCanonical, plannedCount, canonical) < 0)
                {
                    plannedNames[plannedCount] = name;
                    plannedCanonical[plannedCount++] = canonical;
                }
            }
        }

        var sameResources = open && planned is not null && profile.PreviousResources is { } previous && SameSet(previous, plannedCanonical!, plannedCount);

        var wellbeing = profile.Wellbeing;
        var crisis = wellbeing?.ThoughtsOfSelfHarm == true;

        // practiceSaysReady (the manifest's condition): a passing latest exam since the failure (on a final attempt,
        // the latest two). practice.ready reads it; wellbeing.crisis-support suppresses practice.ready, and so does
        // planning.no-attempts-left (its category); when it stands, it suppresses the weeks estimate. The study-plan
        // cards (near-miss, extended-study, repeat-coursework) read the condition themselves, so they stay quiet
        // under a crisis too; planning.no-attempts-left suppresses them and the weeks as well.
        var practiceSaysReady = judged is { Verdict: ExamVerdict.Passed } && !finalAttemptUnproven;
        var ready = open && !crisis && practiceSaysReady;
        var studyPlan = open && !practiceSaysReady;
        var weeks = open && !ready ? bandWeeks : null;
        var studentType = profile.StudentType;
        var enrolled = studentType != StudentType.Img;
        var examDate = profile.ExamDate;
        int? daysUntilExam = examDate is { } scheduled ? scheduled.DayNumber - asOf.DayNumber : null;
        var recommendations = new List<Recommendation>(32 + plannedCount);

        // Rank order, fixed by the default rule set: the pinned card, then critical, warning and info, each by
        // priority (all 30 priorities differ). Four cards escalate: practice.gate-not-passed (94) and
        // practice.final-attempt-gate (93, never with the other: it needs a passing exam, the other one that is not)
        // keep their place either way (escalated, they are the last critical cards, after 98, 96 and 95; not
        // escalated, the first warning cards); practice.take-nbme (78, never with either: it needs no exam since the
        // failure, they need one) is escalated the last critical card, else a warning card between 80 and 76;
        // eligibility.comlex-route (72) is a warning card between 75 and 70 when escalated, else the first info card.
        // With no attempts left only the cards planning.no-attempts-left does not suppress remain: crisis support,
        // counseling, a confidant and self-care.
        if (crisis)
        {
            recommendations.Add(DefaultCards.CrisisSupport(open));
        }

        if (!open)
        {
            recommendations.Add(DefaultCards.NoAttemptsLeft(used, limit, incomplete, studentType == StudentType.UsDo, studentType == StudentType.Img));
        }

        if (attemptsLeft == 1)
        {
            recommendations.Add(DefaultCards.FinalAttempt(used, limit, incomplete, finalAttemptUnproven, crisis, enrolled));
        }

        // school.deadline: the deadline has passed, the booked exam comes after it, or nothing is booked, the
        // practice exams do not say ready, and the band's study runs past the deadline (or the band calls for
        // coursework first, with no weeks to count, and the deadline is closer than CourseworkLeadDays).
        if (open && enrolled && school?.PassDeadline is { } deadline)
        {
            var daysUntilDeadline = deadline.DayNumber - asOf.DayNumber;
            var unbookedStudy = examDate is null && !practiceSaysReady;
            var studyPastDeadline = unbookedStudy && bandWeeks is not null && bandWeeks.Min * DefaultRules.DaysPerWeek > daysUntilDeadline;
            var courseworkBeforeDeadline = unbookedStudy && band != Band.None && bandWeeks is null && daysUntilDeadline < DefaultRules.CourseworkLeadDays;
            if (daysUntilDeadline < 0 || (examDate is not null && daysUntilExam > daysUntilDeadline) || studyPastDeadline || courseworkBeforeDeadline)
            {
                recommendations.Add(DefaultCards.SchoolDeadline(deadline, daysUntilDeadline, examDate, daysUntilExam, studyPastDeadline, courseworkBeforeDeadline, bandWeeks));
            }
        }

        if (open && examDate is { } gateDate && judged is { } gated && gated.Verdict != ExamVerdict.Passed)
        {
            recommendations.Add(DefaultCards.GateNotPassed(daysUntilExam <= DefaultRules.CriticalWithinDays, attemptsLeft == 1, gated, gateDate, daysUntilExam!.Value));
        }

        if (examDate is { } finalDate && judged is { Verdict: ExamVerdict.Passed } && finalAttemptUnproven)
        {
            recommendations.Add(DefaultCards.FinalAttemptGate(daysUntilExam <= DefaultRules.CriticalWithinDays, sinceFailure, latestTwoPassed!.Value, finalDate, daysUntilExam!.Value));
        }

        // practice.take-nbme, escalated: a retake booked within CriticalWithinDays and no practice exam since the failure.
        var takeNbme = open && exams is not null && sinceFailure == 0;
        var takeNbmeCritical = takeNbme && daysUntilExam <= DefaultRules.CriticalWithinDays;
        if (takeNbmeCritical)
        {
            recommendations.Add(DefaultCards.TakeNbme(exams!.Count, latestDate, examDate, daysUntilExam));
        }

        if (open && enrolled && school?.Contacted == false)
        {
            recommendations.Add(DefaultCards.ContactNow);
        }

        if (open && studentType == StudentType.Img)
        {
            recommendations.Add(DefaultCards.ImgRegistration);
        }

        if (wellbeing?.Distress is { } distress && distress >= DefaultRules.CounselingDistress)
        {
            recommendations.Add(DefaultCards.Counseling(distress, open));
        }

        if (open && judged is { Verdict: ExamVerdict.Close } close)
        {
            recommendations.Add(DefaultCards.NoHailMary(close));
        }

        if (studyPlan && band == Band.Low)
        {
            recommendations.Add(DefaultCards.RepeatCoursework(points!.Value));
        }

        if (open && (sameResources || profile.SameApproachAsBefore == true))
        {
            recommendations.Add(DefaultCards.ChangeApproach(sameResources, plannedCanonical, plannedCount, profile.SameApproachAsBefore == true));
        }

        if (takeNbme && !takeNbmeCritical)
        {
            recommendations.Add(DefaultCards.TakeNbme(exams!.Count, latestDate, examDate, daysUntilExam));
        }

        if (open && (profile.Accommodations == AccommodationsStatus.Considering || (profile.Accommodations == AccommodationsStatus.Requested && examDate is not null)))
        {
            recommendations.Add(DefaultCards.ApplyEarly(profile.Accommodations == AccommodationsStatus.Requested ? examDate : null, examDate is not null));
        }

        if (studyPlan && band == Band.Moderate)
        {
            recommendations.Add(DefaultCards.ExtendedStudy(points!.Value, failedCount, enrolled));
        }

        var doStudent = open && studentType == StudentType.UsDo;
        if (doStudent && attemptsLeft <= DefaultRules.FewAttemptsLeft)
        {
            recommendations.Add(DefaultCards.ComlexRoute(attemptsLeft));
        }

        if (open && planned is not null && plannedCount > DefaultRules.MaxPlannedResources)
        {
            recommendations.Add(DefaultCards.Overload(plannedCount));
        }

        if (open && profile.Mentors is { } mentors && !AnyGuide(mentors))
        {
            recommendations.Add(DefaultCards.FindHighScorer(mentors.Count));
        }

        if (open && (profile.StudyHoursPerDay > DefaultRules.MaxStudyHoursPerDay || profile.RestDaysPerWeek < DefaultRules.MinRestDaysPerWeek))
        {
            recommendations.Add(DefaultCards.BurnoutRisk(profile.StudyHoursPerDay, profile.RestDaysPerWeek));
        }

        if (doStudent && attemptsLeft > DefaultRules.FewAttemptsLeft)
        {
            recommendations.Add(DefaultCards.ComlexRoute(attemptsLeft));
        }

        if (open && profile.ScoreReport?.ContentAreas is { } areas)
        {
            AddScoreReportAreas(areas, recommendations);
        }

        var topics = profile.Topics;
        if (open && topics is not null)
        {
            AddFocusTopics(topics, recommendations);
        }

        if (ready)
        {
            recommendations.Add(DefaultCards.Ready(judged!.Value, attemptsLeft == 1));
        }

        if (studyPlan && band == Band.Near)
        {
            recommendations.Add(DefaultCards.NearMiss(points!.Value));
        }

        if (open && enrolled && school?.Contacted == true && (school.RetakeApproved == false || school.RotationsAdjusted == false))
        {
            recommendations.Add(DefaultCards.ArrangeLogistics(school.RetakeApproved, school.RotationsAdjusted));
        }

        if (open && planned is not null)
        {
            AddDropAndAddCore(plannedNames!, plannedCanonical!, plannedCount, recommendations);
        }

        if (wellbeing?.HasConfidant == false)
        {
            recommendations.Add(DefaultCards.FindConfidant(open, failedCount));
        }

        if (open)
        {
            var competitive = string.IsNullOrWhiteSpace(profile.TargetSpecialty) ? (bool?)null : DefaultRules.IsCompetitive(profile.TargetSpecialty);
            if (profile.TargetScore >= DefaultRules.AmbitiousTargetScore || competitive == true)
            {
                recommendations.Add(DefaultCards.RealisticTarget(asOf, profile.TargetScore, profile.TargetSpecialty?.Trim(), competitive));
            }
        }

        if (open && topics is not null)
        {
            AddSkipLowYield(topics, recommendations);
        }

        recommendations.Add(DefaultCards.SelfCare(open, failedCount));

        return new AdviceReport
        {
            SchemaVersion = 1,
            RuleSet = _ruleSet,
            AsOf = asOf,
            Readiness = DefaultCards.Readiness(crisis, used, limit, judged, exams is null ? null : sinceFailure, latestTwoPassed, latestDate),
            EstimatedStudyWeeks = weeks,
            Recommendations = recommendations,
        };
    }

    /// <summary>Whether a mentor scored high, or guides the study as a faculty member or learning specialist.</summary>
    private static bool AnyGuide(IReadOnlyList<Mentor> mentors)
    {
        for (var i = 0; i < mentors.Count; i++)
        {
            var mentor = mentors[i];
            if (mentor.Step1Score >= DefaultRules.HighStep1Score || mentor.Step2Score >= DefaultRules.HighStep2Score
                || mentor.Role is MentorRole.Faculty or MentorRole.LearningSpecialist)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>topics.score-report-areas</c>: areas rated lower, then those rated the same, each by name (ordinal).</summary>
    private static void AddScoreReportAreas(IReadOnlyList<ContentAreaResult> areas, List<Recommendation> output)
    {
        string[]? lower = null;
        string[]? same = null;
        int lowerCount = 0, sameCount = 0;
        for (var i = 0; i < areas.Count; i++)
        {
            var area = areas[i];
            if (area.Performance == ContentAreaPerformance.Lower)
            {
                (lower ??= new string[areas.Count])[lowerCount++] = area.Area!.Trim();
            }
            else if (area.Performance == ContentAreaPerformance.Same)
            {
                (same ??= new string[areas.Count])[sameCount++] = area.Area!.Trim();
            }
        }

        if (lower is not null)
        {
            Array.Sort(lower, 0, lowerCount, StringComparer.Ordinal);
            for (var i = 0; i < lowerCount; i++)
            {
                output.Add(DefaultCards.ScoreReportArea(lower[i], lower: true));
            }
        }

        if (same is not null)
        {
            Array.Sort(same, 0, sameCount, StringComparer.Ordinal);
            for (var i = 0; i < sameCount; i++)
            {
                output.Add(DefaultCards.ScoreReportArea(same[i], lower: false));
            }
        }
    }

    /// <summary>Whether the previous resources are the same set of canonical names as the planned ones.</summary>
    private static bool SameSet(IReadOnlyList<string> previous, string[] plannedCanonical, int plannedCount)
    {
        var previousCanonical = ArrayPool<string>.Shared.Rent(Math.Max(1, previous.Count));
        try
        {
            var count = 0;
            for (var i = 0; i < previous.Count; i++)
            {
                var canonical = DefaultRules.Canonical(previous[i].Trim());
                if (IndexOf(previousCanonical, count, canonical) < 0)
                {
                    previousCanonical[count++] = canonical;
                }
            }

            if (count != plannedCount)
            {
                return false;
            }

            for (var i = 0; i < plannedCount; i++)
            {
                if (IndexOf(previousCanonical, count, plannedCanonical[i]) < 0)
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            ArrayPool<string>.Shared.Return(previousCanonical, clearArray: true);
        }
    }

    private static int IndexOf(string[] names, int count, string name)
    {
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary><c>resources.drop</c> (45) then <c>resources.add-core</c> (44); items of each by target, ordinal (all score 0).</summary>
    private static void AddDropAndAddCore(string[] names, string[] canonical, int count, List<Recommendation> output)
    {
        var drops = 0;
        for (var i = 0; i < count; i++)
        {
            if (!DefaultRules.IsCore(canonical[i]))
            {
                drops++;
            }
        }

        if (drops > 0)
        {
            var dropNames = drops == 1 ? null : new string[drops];
            string? single = null;
            var n = 0;
            for (var i = 0; i < count; i++)
            {
                if (!DefaultRules.IsCore(canonical[i]))
                {
                    if (dropNames is null)
                    {
                        single = names[i];
                    }
                    else
                    {
                        dropNames[n++] = names[i];
                    }
                }
            }

            if (dropNames is null)
            {
                output.Add(DefaultCards.DropResource(single!));
            }
            else
            {
                Array.Sort(dropNames, StringComparer.Ordinal);
                foreach (var name in dropNames)
                {
                    output.Add(DefaultCards.DropResource(name));
                }
            }
        }

        for (var c = 0; c < DefaultRules.CoreOrdinal.Length; c++)
        {
            if (IndexOf(canonical, count, DefaultRules.CoreOrdinal[c]) < 0)
            {
                output.Add(DefaultCards.AddCore(c));
            }
        }
    }

    /// <summary>
    /// <c>topics.focus</c>: the top topics by incorrect × weight (then name, ordinal) with enough misses. Names and
    /// disciplines are read trimmed, as the facts give them (Trim allocates only for a padded name).
    /// </summary>
    private static void AddFocusTopics(IReadOnlyList<TopicResult> topics, List<Recommendation> output)
    {
        const int Keep = DefaultRules.FocusTopTopics;
        Span<double> scores = stackalloc double[Keep];
        Span<double> weights = stackalloc double[Keep];
        var top = new TopicBuffer();
        var names = new NameBuffer();
        var n = 0;
        for (var i = 0; i < topics.Count; i++)
        {
            var topic = topics[i];
            if (topic.Incorrect is not { } incorrect || incorrect < DefaultRules.FocusMinIncorrect)
            {
                continue;
            }

            if (n == Keep && incorrect * DefaultRules.MaxWeight < scores[Keep - 1])
            {
                continue; // cannot enter whatever its discipline
            }

            var weight = DefaultRules.WeightOf(topic.Discipline);
            var score = incorrect * weight;
            var name = topic.Name!.Trim();
            if (n == Keep && !Before(score, name, scores[Keep - 1], names[Keep - 1]))
            {
                continue;
            }

            var at = n == Keep ? Keep - 1 : n++;
            while (at > 0 && Before(score, name, scores[at - 1], names[at - 1]))
            {
                scores[at] = scores[at - 1];
                weights[at] = weights[at - 1];
                top[at] = top[at - 1];
                names[at] = names[at - 1];
                at--;
            }

            scores[at] = score;
            weights[at] = weight;
            top[at] = topic;
            names[at] = name;
        }

        for (var i = 0; i < n; i++)
        {
            var topic = top[i];
            output.Add(DefaultCards.FocusTopic(names[i], topic.Discipline?.Trim(), topic.Seen, topic.Incorrect!.Value, weights[i]));
        }

        static bool Before(double score, string name, double otherScore, string otherName) =>
            score > otherScore || (score == otherScore && string.CompareOrdinal(name, otherName) < 0);
    }

    /// <summary><c>topics.skip-low-yield</c>: one card listing every topic seen at most twice (trimmed), in profile order.</summary>
    private static void AddSkipLowYield(IReadOnlyList<TopicResult> topics, List<Recommendation> output)
    {
        LowYieldTopic[]? found = null;
        var count = 0;
        for (var i = 0; i < topics.Count; i++)
        {
            var topic = topics[i];
            if (topic.Seen is { } seen && seen <= DefaultRules.LowYieldMaxSeen)
            {
                found ??= ArrayPool<LowYieldTopic>.Shared.Rent(topics.Count - i);
                found[count++] = new LowYieldTopic(topic.Name!.Trim(), seen);
            }
        }

        if (found is null)
        {
            return;
        }

        output.Add(DefaultCards.SkipLowYield(found.AsSpan(0, count)));
        Array.Clear(found, 0, count);
        ArrayPool<LowYieldTopic>.Shared.Return(found);
    }

    [System.Runtime.CompilerServices.InlineArray(DefaultRules.FocusTopTopics)]
    private struct TopicBuffer
    {
        private TopicResult _element;
    }

    /// <summary>The trimmed names of the topics in <see cref="TopicBuffer"/>, at the same places.</summary>
    [System.Runtime.CompilerServices.InlineArray(DefaultRules.FocusTopTopics)]
    private struct NameBuffer
    {
        private string _element;
    }
}
