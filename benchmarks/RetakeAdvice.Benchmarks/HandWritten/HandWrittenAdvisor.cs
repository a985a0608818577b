using System.Buffers;

namespace RetakeAdvice.Benchmarks.HandWritten;

/// <summary>
/// The physical limit: plain C# that does everything <see cref="RetakeAdvisor"/> does for the DEFAULT rule set
/// (validation, derived facts, the 24 rules with their default parameters, the texts, readiness, study weeks and
/// ranking) and builds the same <see cref="AdviceReport"/>, byte for byte once written as JSON. It shares only the
/// public contract types with the library; the rule set's name, version and hash are metadata passed in.
/// </summary>
/// <remarks>
/// Written for speed as a careful engineer would: one pass over each list, no LINQ, field paths built only for
/// errors, constant cards shared, the ten focus topics kept in a bounded insertion list (topics that cannot enter
/// it skip the discipline lookup), and no sort of the report: with the default priorities the rank order of the
/// rules is fixed at compile time (see <see cref="Advise"/>).
/// </remarks>
public sealed class HandWrittenAdvisor
{
    /// <summary>The highest discipline weight in the default rule set: bounds a topic's score before its lookup.</summary>
    private const double MaxWeight = 1.5;

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

        // The latest practice exam dated after the failure.
        var exams = profile.PracticeExams;
        var sinceFailure = 0;
        PracticeExam? latestExam = null;
        var latestExamDate = default(DateOnly);
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
                        latestExam = exam;
                        latestExamDate = date;
                    }
                }
            }
        }

        LatestExam? judged = latestExam is null ? null : DefaultCards.Judge(latestExam, latestExamDate);

        // Resources, one per normalized name.
        var planned = profile.PlannedResources;
        string[]? plannedNames = null;
        string[]? plannedCanonical = null;
        var plannedCount = 0;
        if (planned is not null)
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

        var sameResources = planned is not null && profile.PreviousResources is { } previous && SameSet(previous, plannedCanonical!, plannedCount);

        var wellbeing = profile.Wellbeing;
        var school = profile.School;
        var recommendations = new List<Recommendation>(32 + plannedCount);

        // Rank order, fixed by the default rule set: the pinned card, then critical, warning and info, each by
        // priority (all 24 priorities differ). practice.gate-not-passed (94) keeps its place either way: escalated,
        // it is the last critical card (after 98 and 96); not escalated, the first warning card.
        if (wellbeing?.ThoughtsOfSelfHarm == true)
        {
            recommendations.Add(DefaultCards.CrisisSupport);
        }

        if (failedCount >= DefaultRules.AttemptLimit)
        {
            recommendations.Add(DefaultCards.NoAttemptsLeft(failedCount));
        }

        if (failedCount == DefaultRules.AttemptLimit - 1)
        {
            recommendations.Add(DefaultCards.FinalAttempt(failedCount));
        }

        if (profile.ExamDate is { } examDate && judged is { } gated && gated.Verdict != ExamVerdict.Passed)
        {
            var daysUntilExam = examDate.DayNumber - asOf.DayNumber;
            recommendations.Add(DefaultCards.GateNotPassed(daysUntilExam <= DefaultRules.CriticalWithinDays, gated, examDate, daysUntilExam));
        }

        if (school?.Contacted == false)
        {
            recommendations.Add(DefaultCards.ContactNow);
        }

        if (wellbeing?.Distress is { } distress && distress >= DefaultRules.CounselingDistress)
        {
            recommendations.Add(DefaultCards.Counseling(distress));
        }

        if (judged is { Verdict: ExamVerdict.Close } close)
        {
            recommendations.Add(DefaultCards.NoHailMary(close));
        }

        if (points >= DefaultRules.LowMinPoints)
        {
            recommendations.Add(DefaultCards.RepeatCoursework(points.Value));
        }

        if (sameResources || profile.SameApproachAsBefore == true)
        {
            recommendations.Add(DefaultCards.ChangeApproach(sameResources, plannedCanonical, plannedCount, profile.SameApproachAsBefore == true));
        }

        if (exams is not null && sinceFailure == 0)
        {
            recommendations.Add(DefaultCards.TakeNbme(exams.Count, latestDate));
        }

        if (points is { } moderate && !(moderate <= DefaultRules.NearMaxPoints) && !(moderate >= DefaultRules.LowMinPoints))
        {
            // The moderate band is "neither near nor low", as the library's band check reads (NaN included).
            recommendations.Add(DefaultCards.ExtendedStudy(points.Value));
        }

        if (planned is not null && plannedCount > DefaultRules.MaxPlannedResources)
        {
            recommendations.Add(DefaultCards.Overload(plannedCount));
        }

        if (profile.Mentors is { } mentors && !AnyHighScorer(mentors))
        {
            recommendations.Add(DefaultCards.FindHighScorer(mentors.Count));
        }

        if (profile.StudyHoursPerDay > DefaultRules.MaxStudyHoursPerDay || profile.RestDaysPerWeek < DefaultRules.MinRestDaysPerWeek)
        {
            recommendations.Add(DefaultCards.BurnoutRisk(profile.StudyHoursPerDay, profile.RestDaysPerWeek));
        }

        var topics = profile.Topics;
        if (topics is not null)
        {
            AddFocusTopics(topics, recommendations);
        }

        if (judged is { Verdict: ExamVerdict.Passed } passed)
        {
            recommendations.Add(DefaultCards.Ready(passed));
        }

        if (points <= DefaultRules.NearMaxPoints)
        {
            recommendations.Add(DefaultCards.NearMiss(points.Value));
        }

        if (school?.Contacted == true && (school.RetakeApproved == false || school.RotationsAdjusted == false))
        {
            recommendations.Add(DefaultCards.ArrangeLogistics(school.RetakeApproved, school.RotationsAdjusted));
        }

        if (planned is not null)
        {
            AddDropAndAddCore(plannedNames!, plannedCanonical!, plannedCount, recommendations);
        }

        if (wellbeing?.HasConfidant == false)
        {
            recommendations.Add(DefaultCards.FindConfidant);
        }

        var competitive = string.IsNullOrWhiteSpace(profile.TargetSpecialty) ? (bool?)null : DefaultRules.IsCompetitive(profile.TargetSpecialty);
        if (profile.TargetScore >= DefaultRules.AmbitiousTargetScore || competitive == true)
        {
            recommendations.Add(DefaultCards.RealisticTarget(profile.TargetScore, profile.TargetSpecialty, competitive));
        }

        if (topics is not null)
        {
            AddSkipLowYield(topics, recommendations);
        }

        recommendations.Add(DefaultCards.SelfCare);

        return new AdviceReport
        {
            SchemaVersion = 1,
            RuleSet = _ruleSet,
            AsOf = asOf,
            Readiness = DefaultCards.Readiness(Math.Max(0, DefaultRules.AttemptLimit - failedCount), judged, exams is null ? null : sinceFailure, latestDate),
            EstimatedStudyWeeks = points switch
            {
                null => null,
                <= DefaultRules.NearMaxPoints => DefaultRules.NearWeeks,
                >= DefaultRules.LowMinPoints => null,
                _ => DefaultRules.ModerateWeeks,
            },
            Recommendations = recommendations,
        };
    }

    private static bool AnyHighScorer(IReadOnlyList<Mentor> mentors)
    {
        for (var i = 0; i < mentors.Count; i++)
        {
            var mentor = mentors[i];
            if (mentor.Step1Score >= DefaultRules.HighStep1Score || mentor.Step2Score >= DefaultRules.HighStep2Score)
            {
                return true;
            }
        }

        return false;
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

    /// <summary><c>topics.focus</c>: the top topics by incorrect × weight (then name, ordinal) with enough misses.</summary>
    private static void AddFocusTopics(IReadOnlyList<TopicResult> topics, List<Recommendation> output)
    {
        const int Keep = DefaultRules.FocusTopTopics;
        Span<double> scores = stackalloc double[Keep];
        Span<double> weights = stackalloc double[Keep];
        var top = new TopicBuffer();
        var n = 0;
        for (var i = 0; i < topics.Count; i++)
        {
            var topic = topics[i];
            if (topic.Incorrect is not { } incorrect || incorrect < DefaultRules.FocusMinIncorrect)
            {
                continue;
            }

            if (n == Keep && incorrect * MaxWeight < scores[Keep - 1])
            {
                continue; // cannot enter whatever its discipline
            }

            var weight = DefaultRules.WeightOf(topic.Discipline);
            var score = incorrect * weight;
            if (n == Keep && !Before(score, topic.Name!, scores[Keep - 1], top[Keep - 1].Name!))
            {
                continue;
            }

            var at = n == Keep ? Keep - 1 : n++;
            while (at > 0 && Before(score, topic.Name!, scores[at - 1], top[at - 1].Name!))
            {
                scores[at] = scores[at - 1];
                weights[at] = weights[at - 1];
                top[at] = top[at - 1];
                at--;
            }

            scores[at] = score;
            weights[at] = weight;
            top[at] = topic;
        }

        for (var i = 0; i < n; i++)
        {
            var topic = top[i];
            output.Add(DefaultCards.FocusTopic(topic.Name!, topic.Discipline, topic.Seen, topic.Incorrect!.Value, weights[i]));
        }

        static bool Before(double score, string name, double otherScore, string otherName) =>
            score > otherScore || (score == otherScore && string.CompareOrdinal(name, otherName) < 0);
    }

    /// <summary><c>topics.skip-low-yield</c>: one card listing every topic seen at most twice, in profile order.</summary>
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
                found[count++] = new LowYieldTopic(topic.Name!, seen);
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
}
