using RetakeAdvice.Primitives;
using static RetakeAdvice.Validation.FieldChecks;

namespace RetakeAdvice.Validation;

/// <summary>The profile's limits (spec section 1). Every problem is collected, none stops the check.</summary>
internal static class ProfileValidator
{
    /// <param name="profile">The profile, or null when reading already failed at the root.</param>
    /// <param name="standards">The passing standard by exam date, from a rule set; null skips that check.</param>
    /// <param name="errors">Where problems go.</param>
    /// <param name="asOf">
    /// The day of the advice (the profile's asOf, or the caller's override, or today); null skips the checks of
    /// dates against it, which only the advisor can make.
    /// </param>
    public static void Validate(RetakeProfile? profile, Func<DateOnly, int>? standards, ProfileErrors errors, DateOnly? asOf = null)
    {
        if (profile is null)
        {
            return;
        }

        CheckAttempts(profile.FailedAttempts, standards, asOf, errors);
        CheckIncompleteAttempts(profile.IncompleteAttempts, asOf, errors);
        CheckOneSittingADay(profile, errors);
        Count(profile.DaysSinceResult, ProfileLimits.MaxDays, "$.daysSinceResult", errors);
        if (profile.School?.AttemptLimit is { } limit && limit is < 1 or > ProfileLimits.MaxAttemptLimit)
        {
            errors.Add("$.school.attemptLimit", $"must be between 1 and {ProfileLimits.MaxAttemptLimit} (was {limit})");
        }

        if (profile.Wellbeing?.Distress is { } distress && distress is < 0 or > ProfileLimits.MaxDistress)
        {
            errors.Add("$.wellbeing.distress", $"must be between 0 and {ProfileLimits.MaxDistress} (was {distress})");
        }

        if (CheckList(profile.Mentors, "$.mentors", ProfileLimits.MaxListItems, errors))
        {
            for (var i = 0; i < profile.Mentors!.Count; i++)
            {
                var path = new FieldPath("$.mentors", i);
                if (NotNull(profile.Mentors[i], path, errors) is { } mentor)
                {
                    Text(mentor.Name, path.Member("name"), errors);
                    Score(mentor.Step1Score, path.Member("step1Score"), errors);
                    Score(mentor.Step2Score, path.Member("step2Score"), errors);
                    OneOf(mentor.Role, path.Member("role"), errors);
                }
            }
        }

        Names(profile.PreviousResources, "$.previousResources", errors);
        Names(profile.PlannedResources, "$.plannedResources", errors);
        CheckPracticeExams(profile.PracticeExams, asOf, errors);

        if (profile.ExamDate is { } examDate && asOf is { } day && examDate < day)
        {
            errors.Add("$.examDate", $"is before asOf {Iso(day)} (was {Iso(examDate)}); a past exam is not a scheduled retake");
        }

        CheckTopics(profile.Topics, errors);
        Range(profile.StudyHoursPerDay, 0, ProfileLimits.HoursPerDay, "$.studyHoursPerDay", errors);
        Range(profile.RestDaysPerWeek, 0, ProfileLimits.DaysPerWeek, "$.restDaysPerWeek", errors);
        Range(profile.PlannedTimeOffMonths, 0, double.MaxValue, "$.plannedTimeOffMonths", errors);
        Score(profile.TargetScore, "$.targetScore", errors);
        Text(profile.TargetSpecialty, "$.targetSpecialty", errors);
        OneOf(profile.StudentType, "$.studentType", errors);
        OneOf(profile.Accommodations, "$.accommodations", errors);
        CheckContentAreas(profile.ScoreReport?.ContentAreas, errors);
    }

    /// <summary>
    /// An attempt is one sitting: two attempts (failed or incomplete) on the same day would be counted twice toward
    /// the attempt limit, and could close every Step for a student who has attempts left.
    /// </summary>
    private static void CheckOneSittingADay(RetakeProfile profile, ProfileErrors errors)
    {
        if (profile.FailedAttempts?.Count > ProfileLimits.MaxListItems || profile.IncompleteAttempts?.Count > ProfileLimits.MaxListItems)
        {
            return; // the list is refused whole; its items are not read
        }

        // At most 100 + 100 dated sittings, usually one or two: each is compared with those before it, no table.
        var failed = profile.FailedAttempts?.Count ?? 0;
        var total = failed + (profile.IncompleteAttempts?.Count ?? 0);
        for (var i = 1; i < total; i++)
        {
            if (DateOf(profile, i, failed) is not { } day)
            {
                continue;
            }

            for (var j = 0; j < i; j++)
            {
                if (DateOf(profile, j, failed) == day)
                {
                    errors.Add(SittingPath(i, failed).Member("date"), $"is the day of {SittingPath(j, failed)} as well (was {Iso(day)}): an attempt is one sitting, listed once");
                    break;
                }
            }
        }
    }

    /// <summary>The date of the n-th sitting: the failed attempts first, then the incomplete ones.</summary>
    private static DateOnly? DateOf(RetakeProfile profile, int n, int failed) =>
        n < failed ? profile.FailedAttempts![n]?.Date : profile.IncompleteAttempts![n - failed]?.Date;

    private static FieldPath SittingPath(int n, int failed) =>
        n < failed ? new FieldPath("$.failedAttempts", n) : new FieldPath("$.incompleteAttempts", n - failed);

    private static void CheckIncompleteAttempts(IReadOnlyList<IncompleteAttempt>? attempts, DateOnly? asOf, ProfileErrors errors)
    {
        const string Path = "$.incompleteAttempts";
        if (!CheckList(attempts, Path, ProfileLimits.MaxListItems, errors))
        {
            return;
        }

        for (var i = 0; i < attempts!.Count; i++)
        {
            var path = new FieldPath(Path, i);
            if (NotNull(attempts[i], path, errors) is not { } attempt)
            {
                continue;
            }

            if (attempt.Date is not { } date)
            {
                errors.Add(path.Member("date"), "is required");
            }
            else if (asOf is { } day && date > day)
            {
                errors.Add(path.Member("date"), $"is after asOf {Iso(day)} (was {Iso(date)})");
            }
        }
    }

    private static void CheckContentAreas(IReadOnlyList<ContentAreaResult>? areas, ProfileErrors errors)
    {
        const string Path = "$.scoreReport.contentAreas";
        if (!CheckList(areas, Path, ProfileLimits.MaxListItems, errors))
        {
            return;
        }

        // At most 100 areas, usually a dozen: each name is compared with those before it, no table.
        for (var i = 0; i < areas!.Count; i++)
        {
            var path = new FieldPath(Path, i);
            if (NotNull(areas[i], path, errors) is not { } area)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(area.Area))
            {
                errors.Add(path.Member("area"), "is required");
            }
            else if (Text(area.Area, path.Member("area"), errors) && FirstArea(areas, area.Area.AsSpan().Trim(), i) is var first && first < i)
            {
                errors.Add(path.Member("area"), $"repeats the content area \"{area.Area.Trim()}\" of {Path}[{first}] (names ignore case)");
            }

            if (area.Performance is null)
            {
                errors.Add(path.Member("performance"), $"is required: {EnumNames<ContentAreaPerformance>.Choices}");
            }
            else
            {
                OneOf(area.Performance, path.Member("performance"), errors);
            }
        }
    }

    /// <summary>The first area before <paramref name="before"/> with this name (trimmed, ignoring case) that is valid text; <paramref name="before"/> when none.</summary>
    private static int FirstArea(IReadOnlyList<ContentAreaResult> areas, ReadOnlySpan<char> name, int before)
    {
        for (var j = 0; j < before; j++)
        {
            if (areas[j]?.Area is { } other && other.Length <= ProfileLimits.MaxStringLength && IsValidUnicode(other) && other.AsSpan().Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return j;
            }
        }

        return before;
    }

    /// <summary>An enum set in code to a number that is none of its values (JSON cannot carry one: see ContractEnumConverter).</summary>
    private static void OneOf<TEnum>(TEnum? value, FieldPath path, ProfileErrors errors)
        where TEnum : struct, Enum
    {
        if (value is { } v && !EnumNames<TEnum>.IsDefined(v))
        {
            errors.Add(path, $"must be {EnumNames<TEnum>.Choices} (was {v:D})");
        }
    }

    private static void CheckAttempts(IReadOnlyList<FailedAttempt>? attempts, Func<DateOnly, int>? standards, DateOnly? asOf, ProfileErrors errors)
    {
        const string Path = "$.failedAttempts";
        if (attempts is null)
        {
            errors.Add(Path, "is required: list each failed Step 1 attempt");
            return;
        }

        if (attempts.Count == 0)
        {
            errors.Add(Path, "must list at least one failed attempt");
            return;
        }

        if (!CheckList(attempts, Path, ProfileLimits.MaxListItems, errors))
        {
            return;
        }

        for (var i = 0; i < attempts.Count; i++)
        {
            var path = new FieldPath(Path, i);
            if (NotNull(attempts[i], path, errors) is not { } attempt)
            {
                continue;
            }

            if (attempt.Date is null)
            {
                errors.Add(path.Member("date"), "is required");
            }
            else if (asOf is { } day && attempt.Date > day)
            {
                errors.Add(path.Member("date"), $"is after asOf {Iso(day)} (was {Iso(attempt.Date.Value)})");
            }

            Score(attempt.Score, path.Member("score"), errors);
            Score(attempt.PassingScore, path.Member("passingScore"), errors);
            if (attempt.PointsBelowPassing is { } points && (!double.IsFinite(points) || points <= 0 || points >= ProfileLimits.MaxScore))
            {
                errors.Add(path.Member("pointsBelowPassing"), $"must be above 0 and below {ProfileLimits.MaxScore} (was {Num(points)})");
            }

            if (attempt.Score is not null && attempt.PointsBelowPassing is not null)
            {
                errors.Add(path.Member("pointsBelowPassing"), "give at most one of score and pointsBelowPassing");
            }

            // An invalid passingScore is reported once, not used to judge the score as well.
            if (attempt.Score is { } score && !errors.Has(path.Member("score")) && !errors.Has(path.Member("passingScore")))
            {
                int? standard = attempt.PassingScore ?? (attempt.Date is { } date && standards is not null ? standards(date) : null);
                if (standard is { } pass && score >= pass)
                {
                    errors.Add(path.Member("score"), $"is at or above the passing standard {pass} (was {score}), so it is not a failure");
                }
            }
        }
    }

    private static void CheckPracticeExams(IReadOnlyList<PracticeExam>? exams, DateOnly? asOf, ProfileErrors errors)
    {
        const string Path = "$.practiceExams";
        if (!CheckList(exams, Path, ProfileLimits.MaxListItems, errors))
        {
            return;
        }

        for (var i = 0; i < exams!.Count; i++)
        {
            var path = new FieldPath(Path, i);
            if (NotNull(exams[i], path, errors) is not { } exam)
            {
                continue;
            }

            Text(exam.Name, path.Member("name"), errors);
            Score(exam.Score, path.Member("score"), errors);
            Range(exam.PercentCorrect, 0, ProfileLimits.MaxPercent, path.Member("percentCorrect"), errors);
            Range(exam.PassProbability, 0, ProfileLimits.MaxProbability, path.Member("passProbability"), errors);
            if (exam.Score is null && exam.PercentCorrect is null && exam.PassProbability is null)
            {
                errors.Add(path, "give at least one of score, percentCorrect and passProbability");
            }

            if (exam.Date is { } date && asOf is { } day && date > day)
            {
                errors.Add(path.Member("date"), $"is after asOf {Iso(day)} (was {Iso(date)})");
            }
        }
    }

    private static void CheckTopics(IReadOnlyList<TopicResult>? topics, ProfileErrors errors)
    {
        // Up to 10,000 topics on every call: paths are built only for a topic that has a problem.
        if (!CheckList(topics, "$.topics", ProfileLimits.MaxTopics, errors))
        {
            return;
        }

        // A long list's set is kept per thread, emptied after each profile: a new one for 10,000 names is a large-object
        // allocation on every call, and those bring full collections. A short list takes a small set of its own (emptying
        // a large one costs more). A check that throws leaves the kept set behind; the next makes another.
        var reuse = topics!.Count >= ReusedSetFrom;
        var seenNames = reuse ? t_names ?? new HashSet<string>(StringComparer.OrdinalIgnoreCase) : new HashSet<string>(topics.Count, StringComparer.OrdinalIgnoreCase);
        if (reuse)
        {
            t_names = null;
            seenNames.EnsureCapacity(topics.Count);
        }

        for (var i = 0; i < topics.Count; i++)
        {
            var topic = topics[i];
            if (topic is null)
            {
                errors.Add($"$.topics[{i}]", "must not be null");
                continue;
            }

            var name = topic.Name;
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(TopicPath(i, "name"), "is required");
            }
            else if (name.Length > ProfileLimits.MaxStringLength || !IsValidUnicode(name))
            {
                Text(name, TopicPath(i, "name"), errors);
            }
            else if (!seenNames.Add(name.Trim()))
            {
                errors.Add(TopicPath(i, "name"), $"repeats the topic \"{name.Trim()}\" of $.topics[{FirstNamed(topics, name.Trim())}] (names ignore case)");
            }

            if (topic.Discipline is { } discipline && (discipline.Length > ProfileLimits.MaxStringLength || !IsValidUnicode(discipline)))
            {
                Text(topic.Discipline, TopicPath(i, "discipline"), errors);
            }

            if (topic.Seen is < 0 or > ProfileLimits.MaxQuestions)
            {
                Count(topic.Seen, ProfileLimits.MaxQuestions, TopicPath(i, "seen"), errors);
            }

            if (topic.Incorrect is < 0 or > ProfileLimits.MaxQuestions)
            {
                Count(topic.Incorrect, ProfileLimits.MaxQuestions, TopicPath(i, "incorrect"), errors);
            }
            else if (topic.Seen is { } seen && topic.Incorrect is { } incorrect && incorrect > seen && seen >= 0)
            {
                errors.Add(TopicPath(i, "incorrect"), $"must not exceed seen ({seen}) (was {incorrect})");
            }
        }

        if (reuse)
        {
            seenNames.Clear();
            t_names = seenNames;
        }
    }

    private const int ReusedSetFrom = 1_000;

    [ThreadStatic]
    private static HashSet<string>? t_names;

    private static FieldPath TopicPath(int index, string field) => new("$.topics", index, field);

    private static int FirstNamed(IReadOnlyList<TopicResult> topics, string name)
    {
        for (var i = 0; i < topics.Count; i++)
        {
            if (string.Equals(topics[i]?.Name?.Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static void Names(IReadOnlyList<string>? names, string path, ProfileErrors errors)
    {
        if (!CheckList(names, path, ProfileLimits.MaxListItems, errors))
        {
            return;
        }

        for (var i = 0; i < names!.Count; i++)
        {
            var itemPath = new FieldPath(path, i);
            if (string.IsNullOrWhiteSpace(names[i]))
            {
                errors.Add(itemPath, "must be a non-empty name");
            }
            else
            {
                Text(names[i], itemPath, errors);
            }
        }
    }
}
