using RetakeAdvice.Facts;
using RetakeAdvice.Model;
using RetakeAdvice.Primitives;

namespace RetakeAdvice.Evaluation;

/// <summary>Derives <see cref="AdviceFacts"/> from a validated profile and the manifest, once per call.</summary>
internal static class FactsBuilder
{
    /// <param name="profile">The validated profile.</param>
    /// <param name="manifest">The manifest's tables.</param>
    /// <param name="asOf">The day the advice is for.</param>
    /// <param name="keptValues">How many parameter values the call keeps once worked out (the rule set's slots).</param>
    public static AdviceFacts Build(RetakeProfile profile, Manifest manifest, DateOnly asOf, int keptValues)
    {
        var attempts = profile.FailedAttempts ?? [];
        var latest = LatestBy(attempts, a => a.Date);
        int? standard = latest is null ? null : latest.PassingScore ?? manifest.StandardOn(latest.Date!.Value);
        double? points = latest switch
        {
            { Score: { } score } => standard - score,
            { PointsBelowPassing: { } estimate } => estimate,
            _ => null,
        };

        var recentExams = RecentExams(profile.PracticeExams, latest?.Date, manifest);
        var examFact = recentExams is [var first, ..] ? first : null;
        var used = attempts.Count + (profile.IncompleteAttempts?.Count ?? 0);
        var limit = Math.Min(manifest.AttemptLimit, profile.School?.AttemptLimit ?? int.MaxValue);
        var band = manifest.BandOf(points, attempts.Count);

        var previous = Resources(profile.PreviousResources, manifest);
        var planned = Resources(profile.PlannedResources, manifest);
        bool? same = previous is null || planned is null ? null : SameSet(previous, planned);

        return new AdviceFacts
        {
            AsOf = asOf,
            FailedAttemptCount = attempts.Count,
            IncompleteAttemptCount = profile.IncompleteAttempts?.Count,
            AttemptsUsed = used,
            UsmleAttemptLimit = manifest.AttemptLimit,
            SchoolAttemptLimit = profile.School?.AttemptLimit,
            AttemptLimit = limit,
            AttemptsLeft = Math.Max(0, limit - used),
            LatestFailureDate = latest?.Date,
            LatestFailureScore = latest?.Score,
            PassingStandard = standard,
            PointsBelowPassing = Zeroed(points),
            FailureBand = band?.Name,
            EstimatedStudyWeeks = band?.StudyWeeks,
            DaysSinceResult = profile.DaysSinceResult,
            SchoolContacted = profile.School?.Contacted,
            RetakeApproved = profile.School?.RetakeApproved,
            RotationsAdjusted = profile.School?.RotationsAdjusted,
            PassDeadline = profile.School?.PassDeadline,
            DaysUntilPassDeadline = profile.School?.PassDeadline is { } deadline ? deadline.DayNumber - asOf.DayNumber : null,
            Distress = profile.Wellbeing?.Distress,
            ThoughtsOfSelfHarm = profile.Wellbeing?.ThoughtsOfSelfHarm,
            HasConfidant = profile.Wellbeing?.HasConfidant,
            Mentors = Mentors(profile.Mentors),
            PreviousResources = previous,
            PlannedResources = planned,
            PlannedResourceCount = planned?.Length,
            SameResourcesAsBefore = same,
            SameApproachAsBefore = profile.SameApproachAsBefore,
            CoreResources = manifest.CoreResources,
            MissingCoreResources = planned is null ? null : MissingCore(planned, manifest),
            PracticeExamCount = profile.PracticeExams?.Count,
            PracticeExamsSinceFailure = recentExams?.Length,
            LatestPracticeExam = examFact,
            RecentPracticeExams = recentExams,
            PracticeVerdict = examFact?.Verdict,
            ExamDate = profile.ExamDate,
            DaysUntilExam = profile.ExamDate is { } exam ? exam.DayNumber - asOf.DayNumber : null,
            Topics = Topics(profile.Topics, manifest),
            Kept = keptValues == 0 ? null : new object?[keptValues],
            StudyHoursPerDay = Zeroed(profile.StudyHoursPerDay),
            RestDaysPerWeek = Zeroed(profile.RestDaysPerWeek),
            PlannedTimeOffMonths = Zeroed(profile.PlannedTimeOffMonths),
            TargetScore = profile.TargetScore,
            TargetSpecialty = profile.TargetSpecialty?.Trim(),
            TargetSpecialtyIsCompetitive = string.IsNullOrWhiteSpace(profile.TargetSpecialty) ? null : manifest.IsCompetitive(profile.TargetSpecialty),
            StudentType = EnumNames<StudentType>.Of(profile.StudentType),
            Accommodations = EnumNames<AccommodationsStatus>.Of(profile.Accommodations),
            ContentAreas = ContentAreas(profile.ScoreReport?.ContentAreas),
            CrisisLines = manifest.CrisisLines,
            SupportLines = manifest.SupportLines,
        };
    }

    /// <summary>The latest item by date; on a tie, the later listed. Undated items never win.</summary>
    private static T? LatestBy<T>(IReadOnlyList<T> items, Func<T, DateOnly?> date)
        where T : class
    {
        T? latest = null;
        DateOnly best = default;
        foreach (var item in items)
        {
            if (date(item) is { } d && (latest is null || d >= best))
            {
                latest = item;
                best = d;
            }
        }

        return latest;
    }

    /// <summary>
    /// The practice exams dated after the latest failure (all dated ones when no failure is dated), judged, the latest
    /// first; on a tie of dates the later listed first. Null when practice exams are unknown.
    /// </summary>
    private static PracticeExamFact[]? RecentExams(IReadOnlyList<PracticeExam>? exams, DateOnly? failure, Manifest manifest)
    {
        if (exams is null)
        {
            return null;
        }

        var recent = new List<(PracticeExam Exam, int Order)>(exams.Count);
        for (var i = 0; i < exams.Count; i++)
        {
            if (exams[i].Date is { } date && (failure is null || date > failure))
            {
                recent.Add((exams[i], i));
            }
        }

        recent.Sort(static (a, b) => b.Exam.Date!.Value.CompareTo(a.Exam.Date!.Value) is var byDate and not 0 ? byDate : b.Order.CompareTo(a.Order));
        var judged = new PracticeExamFact[recent.Count];
        for (var i = 0; i < judged.Length; i++)
        {
            judged[i] = Judge(recent[i].Exam, manifest);
        }

        return judged;
    }

    private static MentorFact[]? Mentors(IReadOnlyList<Mentor>? mentors)
    {
        if (mentors is null)
        {
            return null;
        }

        var facts = new MentorFact[mentors.Count];
        for (var i = 0; i < facts.Length; i++)
        {
            var m = mentors[i];
            facts[i] = new MentorFact { Name = m.Name, Step1Score = m.Step1Score, Step2Score = m.Step2Score, Role = EnumNames<MentorRole>.Of(m.Role) };
        }

        return facts;
    }

    private static ContentAreaFact[]? ContentAreas(IReadOnlyList<ContentAreaResult>? areas)
    {
        if (areas is null)
        {
            return null;
        }

        var facts = new ContentAreaFact[areas.Count];
        for (var i = 0; i < facts.Length; i++)
        {
            facts[i] = new ContentAreaFact { Area = areas[i].Area!.Trim(), Performance = EnumNames<ContentAreaPerformance>.Of(areas[i].Performance)! };
        }

        return facts;
    }

    /// <summary>The exam's verdict by the first measure, in the manifest's precedence, that the exam reports.</summary>
    private static PracticeExamFact Judge(PracticeExam exam, Manifest manifest)
    {
        int? standard = exam.Date is { } date ? manifest.StandardOn(date) : null;
        string? verdict = null;
        string? measure = null;
        foreach (var line in manifest.VerdictMeasures)
        {
            double? value = line.Measure switch
            {
                PracticeMeasure.PassProbability => exam.PassProbability,
                PracticeMeasure.PercentCorrect => exam.PercentCorrect,
                _ => exam.Score - standard, // a three-digit score is judged by its points above the standard of its day
            };

            if (value is { } v)
            {
                measure = line.Measure switch
                {
                    PracticeMeasure.PassProbability => FactNames.ByProbability,
                    PracticeMeasure.PercentCorrect => FactNames.ByPercentCorrect,
                    _ => FactNames.ByScore,
                };
                verdict = v >= line.PassAtLeast ? FactNames.Passed : v >= line.CloseAtLeast ? FactNames.Close : FactNames.Failed;
                break;
            }
        }

        return new PracticeExamFact
        {
            Name = exam.Name?.Trim(),
            Date = exam.Date,
            Score = exam.Score,
            PercentCorrect = Zeroed(exam.PercentCorrect),
            PassProbability = Zeroed(exam.PassProbability),
            Standard = standard,
            Verdict = verdict,
            Measure = measure,
        };
    }

    private static ResourceFact[]? Resources(IReadOnlyList<string>? names, Manifest manifest)
    {
        if (names is null)
        {
            return null;
        }

        // At most 100 names (a profile limit): a linear check for repeats beats hashing them.
        var result = new List<ResourceFact>(names.Count);
        foreach (var name in names)
        {
            var (trimmed, canonical, isCore) = manifest.Resource(name);
            if (IndexOf(result, canonical) < 0)
            {
                result.Add(new ResourceFact { Name = trimmed, CanonicalName = canonical, IsCore = isCore });
            }
        }

        return result.ToArray();
    }

    /// <summary>Both lists hold distinct names, so equal length and every planned name among the previous ones is set equality.</summary>
    private static bool SameSet(ResourceFact[] previous, ResourceFact[] planned)
    {
        if (previous.Length != planned.Length)
        {
            return false;
        }

        foreach (var resource in planned)
        {
            if (IndexOf(previous, resource.CanonicalName) < 0)
            {
                return false;
            }
        }

        return true;
    }

    private static string[] MissingCore(ResourceFact[] planned, Manifest manifest)
    {
        var missing = new List<string>(manifest.CoreResources.Count);
        foreach (var core in manifest.CoreResources)
        {
            if (IndexOf(planned, core) < 0)
            {
                missing.Add(core);
            }
        }

        return missing.ToArray();
    }

    private static int IndexOf(IReadOnlyList<ResourceFact> resources, string canonical)
    {
        for (var i = 0; i < resources.Count; i++)
        {
            if (string.Equals(resources[i].CanonicalName, canonical, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static TopicFact[]? Topics(IReadOnlyList<TopicResult>? topics, Manifest manifest)
    {
        if (topics is null)
        {
            return null;
        }

        var result = new TopicFact[topics.Count];
        var weights = DisciplineWeights.Acquire();
        for (var i = 0; i < topics.Count; i++)
        {
            var topic = topics[i];
            result[i] = new TopicFact(topic, weights.WeightOf(topic.Discipline, manifest));
        }

        weights.Release();
        return result;
    }

    /// <summary>
    /// -0.0 as 0: JSON allows <c>-0</c>, and a rule text that prints the number would read "-0 rest days". Adding
    /// +0.0 changes nothing else (x + 0.0 is x for every other double).
    /// </summary>
    private static double? Zeroed(double? value) => value + 0.0;
}
