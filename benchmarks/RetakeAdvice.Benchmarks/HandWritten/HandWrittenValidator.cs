using System.Globalization;

namespace RetakeAdvice.Benchmarks.HandWritten;

/// <summary>
/// The profile limits of the contract (spec section 1), checked by hand with the library's messages and field
/// paths, in the same order, one error per path (the first found wins). Paths are only built for errors: a valid
/// profile allocates nothing here but the sets that find duplicate topic names and content areas.
/// </summary>
internal static class HandWrittenValidator
{
    private const int MaxTopics = 10_000;
    private const int MaxListItems = 100;
    private const int MaxStringLength = 200;
    private const int MinScore = 1;
    private const int MaxScore = 300;
    private const int MaxDistress = 10;
    private const int MaxQuestions = 100_000;
    private const int MaxDays = 36_525;
    private const int MaxAttemptLimit = 100;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    // The contract's JSON names of each profile enum, as an error lists them. An enum set in code can hold any
    // number; JSON cannot carry one (a profile read from JSON holds only these names).
    private const string MentorRoles = "peer, resident, faculty or learning-specialist";
    private const string StudentTypes = "us-md, us-do or img";
    private const string AccommodationsStatuses = "none, considering, requested or approved";
    private const string Performances = "lower, same or higher";

    /// <exception cref="ProfileValidationException">The profile is not valid.</exception>
    public static void Validate(RetakeProfile profile, DateOnly asOf)
    {
        Errors? errors = null;
        CheckAttempts(profile.FailedAttempts, asOf, ref errors);
        CheckIncompleteAttempts(profile.IncompleteAttempts, asOf, ref errors);
        CheckOneSittingADay(profile.FailedAttempts, profile.IncompleteAttempts, ref errors);
        if (profile.DaysSinceResult is { } days && (days < 0 || days > MaxDays))
        {
            Add(ref errors, "$.daysSinceResult", CountMessage(days, MaxDays));
        }

        if (profile.School?.AttemptLimit is { } limit && limit is < 1 or > MaxAttemptLimit)
        {
            Add(ref errors, "$.school.attemptLimit", string.Create(Inv, $"must be between 1 and {MaxAttemptLimit} (was {limit})"));
        }

        if (profile.Wellbeing?.Distress is { } distress && distress is < 0 or > MaxDistress)
        {
            Add(ref errors, "$.wellbeing.distress", string.Create(Inv, $"must be between 0 and {MaxDistress} (was {distress})"));
        }

        if (CheckList(profile.Mentors, "$.mentors", MaxListItems, ref errors))
        {
            var mentors = profile.Mentors!;
            for (var i = 0; i < mentors.Count; i++)
            {
                var mentor = mentors[i];
                if (mentor is null)
                {
                    Add(ref errors, Indexed("$.mentors", i), "must not be null");
                    continue;
                }

                Text(mentor.Name, "$.mentors", i, ".name", ref errors);
                Score(mentor.Step1Score, "$.mentors", i, ".step1Score", ref errors);
                Score(mentor.Step2Score, "$.mentors", i, ".step2Score", ref errors);
                if (mentor.Role is { } role && role is not (MentorRole.Peer or MentorRole.Resident or MentorRole.Faculty or MentorRole.LearningSpecialist))
                {
                    Add(ref errors, Member("$.mentors", i, ".role"), NotAChoice(MentorRoles, role));
                }
            }
        }

        Names(profile.PreviousResources, "$.previousResources", ref errors);
        Names(profile.PlannedResources, "$.plannedResources", ref errors);
        CheckPracticeExams(profile.PracticeExams, asOf, ref errors);

        if (profile.ExamDate is { } examDate && examDate < asOf)
        {
            Add(ref errors, "$.examDate", $"is before asOf {Iso(asOf)} (was {Iso(examDate)}); a past exam is not a scheduled retake");
        }

        CheckTopics(profile.Topics, ref errors);
        Range(profile.StudyHoursPerDay, 0, 24, "$.studyHoursPerDay", ref errors);
        Range(profile.RestDaysPerWeek, 0, 7, "$.restDaysPerWeek", ref errors);
        Range(profile.PlannedTimeOffMonths, 0, double.MaxValue, "$.plannedTimeOffMonths", ref errors);
        if (profile.TargetScore is { } target && target is < MinScore or > MaxScore)
        {
            Add(ref errors, "$.targetScore", ScoreMessage(target));
        }

        if (profile.TargetSpecialty is { } specialty)
        {
            Text(specialty, "$.targetSpecialty", ref errors);
        }

        if (profile.StudentType is { } studentType && studentType is not (StudentType.UsMd or StudentType.UsDo or StudentType.Img))
        {
            Add(ref errors, "$.studentType", NotAChoice(StudentTypes, studentType));
        }

        if (profile.Accommodations is { } accommodations
            && accommodations is not (AccommodationsStatus.None or AccommodationsStatus.Considering or AccommodationsStatus.Requested or AccommodationsStatus.Approved))
        {
            Add(ref errors, "$.accommodations", NotAChoice(AccommodationsStatuses, accommodations));
        }

        CheckContentAreas(profile.ScoreReport?.ContentAreas, ref errors);
        if (errors is not null)
        {
            throw new ProfileValidationException(errors.List.ToArray());
        }
    }

    private static void CheckAttempts(IReadOnlyList<FailedAttempt>? attempts, DateOnly asOf, ref Errors? errors)
    {
        const string Path = "$.failedAttempts";
        if (attempts is null)
        {
            Add(ref errors, Path, "is required: list each failed Step 1 attempt");
            return;
        }

        if (attempts.Count == 0)
        {
            Add(ref errors, Path, "must list at least one failed attempt");
            return;
        }

        if (!CheckList(attempts, Path, MaxListItems, ref errors))
        {
            return;
        }

        for (var i = 0; i < attempts.Count; i++)
        {
            var attempt = attempts[i];
            if (attempt is null)
            {
                Add(ref errors, Indexed(Path, i), "must not be null");
                continue;
            }

            if (attempt.Date is not { } date)
            {
                Add(ref errors, Member(Path, i, ".date"), "is required");
            }
            else if (date > asOf)
            {
                Add(ref errors, Member(Path, i, ".date"), $"is after asOf {Iso(asOf)} (was {Iso(date)})");
            }

            var scoreBad = Score(attempt.Score, Path, i, ".score", ref errors);
            Score(attempt.PassingScore, Path, i, ".passingScore", ref errors);
            var pointsBad = false;
            if (attempt.PointsBelowPassing is { } points && (!double.IsFinite(points) || points <= 0 || points >= MaxScore))
            {
                Add(ref errors, Member(Path, i, ".pointsBelowPassing"), string.Create(Inv, $"must be above 0 and below {MaxScore} (was {Num(points)})"));
                pointsBad = true;
            }

            if (attempt.Score is not null && attempt.PointsBelowPassing is not null && !pointsBad)
            {
                Add(ref errors, Member(Path, i, ".pointsBelowPassing"), "give at most one of score and pointsBelowPassing");
            }

            if (attempt.Score is { } score && !scoreBad && attempt.PassingScore is null or (>= MinScore and <= MaxScore))
            {
                int? standard = attempt.PassingScore ?? (attempt.Date is { } d ? DefaultRules.StandardOn(d) : null);
                if (standard is { } pass && score >= pass)
                {
                    Add(ref errors, Member(Path, i, ".score"), string.Create(Inv, $"is at or above the passing standard {pass} (was {score}), so it is not a failure"));
                }
            }
        }
    }

    private static void CheckIncompleteAttempts(IReadOnlyList<IncompleteAttempt>? attempts, DateOnly asOf, ref Errors? errors)
    {
        const string Path = "$.incompleteAttempts";
        if (!CheckList(attempts, Path, MaxListItems, ref errors))
        {
            return;
        }

        for (var i = 0; i < attempts!.Count; i++)
        {
            var attempt = attempts[i];
            if (attempt is null)
            {
                Add(ref errors, Indexed(Path, i), "must not be null");
            }
            else if (attempt.Date is not { } date)
            {
                Add(ref errors, Member(Path, i, ".date"), "is required");
            }
            else if (date > asOf)
            {
                Add(ref errors, Member(Path, i, ".date"), $"is after asOf {Iso(asOf)} (was {Iso(date)})");
            }
        }
    }

    /// <summary>
    /// No two attempts, failed or incomplete, on the same day (an attempt is one sitting): each one is compared with
    /// those listed before it, failed ones first, and named after the first with its day. At most 200 attempts, so a
    /// pairwise check that allocates nothing beats a set. Skipped when either list is too long to be read.
    /// </summary>
    private static void CheckOneSittingADay(IReadOnlyList<FailedAttempt>? failed, IReadOnlyList<IncompleteAttempt>? incomplete, ref Errors? errors)
    {
        var failedCount = failed?.Count ?? 0;
        var incompleteCount = incomplete?.Count ?? 0;
        if (failedCount > MaxListItems || incompleteCount > MaxListItems)
        {
            return;
        }

        var total = failedCount + incompleteCount;
        for (var j = 1; j < total; j++)
        {
            if (DateOf(j) is not { } day)
            {
                continue;
            }

            for (var i = 0; i < j; i++)
            {
                if (DateOf(i) == day)
                {
                    Add(ref errors, SittingPath(j) + ".date", $"is the day of {SittingPath(i)} as well (was {Iso(day)}): an attempt is one sitting, listed once");
                    break;
                }
            }
        }

        DateOnly? DateOf(int k) => k < failedCount ? failed![k]?.Date : incomplete![k - failedCount]?.Date;

        string SittingPath(int k) => k < failedCount ? Indexed("$.failedAttempts", k) : Indexed("$.incompleteAttempts", k - failedCount);
    }

    /// <summary>The score report's content areas: named once each (ignoring case and surrounding spaces), rated.</summary>
    private static void CheckContentAreas(IReadOnlyList<ContentAreaResult>? areas, ref Errors? errors)
    {
        const string Path = "$.scoreReport.contentAreas";
        if (!CheckList(areas, Path, MaxListItems, ref errors))
        {
            return;
        }

        Dictionary<string, int>? seen = null;
        for (var i = 0; i < areas!.Count; i++)
        {
            var area = areas[i];
            if (area is null)
            {
                Add(ref errors, Indexed(Path, i), "must not be null");
                continue;
            }

            var name = area.Area;
            if (string.IsNullOrWhiteSpace(name))
            {
                Add(ref errors, Member(Path, i, ".area"), "is required");
            }
            else if (Text(name, Path, i, ".area", ref errors))
            {
                var trimmed = name.Trim();
                seen ??= new Dictionary<string, int>(areas.Count, StringComparer.OrdinalIgnoreCase);
                if (!seen.TryAdd(trimmed, i))
                {
                    Add(ref errors, Member(Path, i, ".area"), string.Create(Inv, $"repeats the content area \"{trimmed}\" of {Path}[{seen[trimmed]}] (names ignore case)"));
                }
            }

            if (area.Performance is not { } performance)
            {
                Add(ref errors, Member(Path, i, ".performance"), "is required: " + Performances);
            }
            else if (performance is not (ContentAreaPerformance.Lower or ContentAreaPerformance.Same or ContentAreaPerformance.Higher))
            {
                Add(ref errors, Member(Path, i, ".performance"), NotAChoice(Performances, performance));
            }
        }
    }

    private static void CheckPracticeExams(IReadOnlyList<PracticeExam>? exams, DateOnly asOf, ref Errors? errors)
    {
        const string Path = "$.practiceExams";
        if (!CheckList(exams, Path, MaxListItems, ref errors))
        {
            return;
        }

        for (var i = 0; i < exams!.Count; i++)
        {
            var exam = exams[i];
            if (exam is null)
            {
                Add(ref errors, Indexed(Path, i), "must not be null");
                continue;
            }

            Text(exam.Name, Path, i, ".name", ref errors);
            Score(exam.Score, Path, i, ".score", ref errors);
            if (exam.PercentCorrect is { } percent && (!double.IsFinite(percent) || percent < 0 || percent > 100))
            {
                Add(ref errors, Member(Path, i, ".percentCorrect"), RangeMessage(0, 100, percent));
            }

            if (exam.PassProbability is { } probability && (!double.IsFinite(probability) || probability < 0 || probability > 1))
            {
                Add(ref errors, Member(Path, i, ".passProbability"), RangeMessage(0, 1, probability));
            }

            if (exam.Score is null && exam.PercentCorrect is null && exam.PassProbability is null)
            {
                Add(ref errors, Indexed(Path, i), "give at least one of score, percentCorrect and passProbability");
            }

            if (exam.Date is { } date && date > asOf)
            {
                Add(ref errors, Member(Path, i, ".date"), $"is after asOf {Iso(asOf)} (was {Iso(date)})");
            }
        }
    }

    private static void CheckTopics(IReadOnlyList<TopicResult>? topics, ref Errors? errors)
    {
        const string Path = "$.topics";
        if (!CheckList(topics, Path, MaxTopics, ref errors))
        {
            return;
        }

        // Names ignore case and surrounding spaces. A set is enough on the happy path; the index of the earlier
        // topic is only looked up for the error message. A long list's set is kept per thread, emptied after each
        // profile (a new one for 10,000 names is a large-object allocation on every call); a short list's is its own.
        var reuse = topics!.Count >= 1_000;
        var names = reuse ? t_names ?? new HashSet<string>(StringComparer.OrdinalIgnoreCase) : new HashSet<string>(topics.Count, StringComparer.OrdinalIgnoreCase);
        if (reuse)
        {
            t_names = null;
            names.EnsureCapacity(topics.Count);
        }

        for (var i = 0; i < topics.Count; i++)
        {
            var topic = topics[i];
            if (topic is null)
            {
                Add(ref errors, Indexed(Path, i), "must not be null");
                continue;
            }

            var name = topic.Name;
            if (string.IsNullOrWhiteSpace(name))
            {
                Add(ref errors, Member(Path, i, ".name"), "is required");
            }
            else if (!Text(name, Path, i, ".name", ref errors))
            {
                // too long, or a lone surrogate: reported, not compared
            }
            else if (!names.Add(name.Trim()))
            {
                var trimmed = name.Trim();
                Add(ref errors, Member(Path, i, ".name"), string.Create(Inv, $"repeats the topic \"{trimmed}\" of $.topics[{FirstNamed(topics, trimmed)}] (names ignore case)"));
            }

            Text(topic.Discipline, Path, i, ".discipline", ref errors);
            Count(topic.Seen, MaxQuestions, Path, i, ".seen", ref errors);
            var incorrectBad = Count(topic.Incorrect, MaxQuestions, Path, i, ".incorrect", ref errors);
            if (topic.Seen is { } seen && topic.Incorrect is { } incorrect && incorrect > seen && seen >= 0 && !incorrectBad)
            {
                Add(ref errors, Member(Path, i, ".incorrect"), string.Create(Inv, $"must not exceed seen ({seen}) (was {incorrect})"));
            }
        }

        if (reuse)
        {
            names.Clear();
            t_names = names;
        }
    }

    [ThreadStatic]
    private static HashSet<string>? t_names;

    /// <summary>The first topic whose name, trimmed, equals this one ignoring case (whatever else is wrong with it).</summary>
    private static int FirstNamed(IReadOnlyList<TopicResult> topics, string trimmed)
    {
        for (var j = 0; j < topics.Count; j++)
        {
            if (string.Equals(topics[j]?.Name?.Trim(), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return j;
            }
        }

        return -1;
    }

    private static void Names(IReadOnlyList<string>? names, string path, ref Errors? errors)
    {
        if (!CheckList(names, path, MaxListItems, ref errors))
        {
            return;
        }

        for (var i = 0; i < names!.Count; i++)
        {
            var name = names[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                Add(ref errors, Indexed(path, i), "must be a non-empty name");
            }
            else
            {
                Text(name, Indexed(path, i), ref errors);
            }
        }
    }

    private static bool CheckList<T>(IReadOnlyList<T>? list, string path, int max, ref Errors? errors)
    {
        if (list is null)
        {
            return false;
        }

        if (list.Count > max)
        {
            Add(ref errors, path, string.Create(Inv, $"has {list.Count} items; at most {max} are allowed"));
            return false;
        }

        return true;
    }

    /// <returns>Whether the text is valid (absent, or at most <see cref="MaxStringLength"/> long without a lone surrogate).</returns>
    private static bool Text(string? text, string list, int index, string member, ref Errors? errors)
    {
        if (text is null)
        {
            return true;
        }

        if (text.Length > MaxStringLength)
        {
            Add(ref errors, Member(list, index, member), TooLong(text));
            return false;
        }

        if (!IsValidUnicode(text))
        {
            Add(ref errors, Member(list, index, member), LoneSurrogate);
            return false;
        }

        return true;
    }

    /// <summary>A text at a path without an index: its length, then its surrogates.</summary>
    private static void Text(string text, string path, ref Errors? errors)
    {
        if (text.Length > MaxStringLength)
        {
            Add(ref errors, path, TooLong(text));
        }
        else if (!IsValidUnicode(text))
        {
            Add(ref errors, path, LoneSurrogate);
        }
    }

    /// <summary>No lone surrogates (such text cannot be written as JSON): every high surrogate followed by a low one.</summary>
    private static bool IsValidUnicode(string text)
    {
        var span = text.AsSpan();
        var at = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        while (at >= 0)
        {
            if (!char.IsHighSurrogate(span[at]) || at + 1 >= span.Length || !char.IsLowSurrogate(span[at + 1]))
            {
                return false;
            }

            span = span[(at + 2)..];
            at = span.IndexOfAnyInRange('\uD800', '\uDFFF');
        }

        return true;
    }

    /// <returns>Whether an error was added.</returns>
    private static bool Score(int? score, string list, int index, string member, ref Errors? errors)
    {
        if (score is { } value && value is < MinScore or > MaxScore)
        {
            return Add(ref errors, Member(list, index, member), ScoreMessage(value));
        }

        return false;
    }

    /// <returns>Whether an error was added.</returns>
    private static bool Count(int? value, int max, string list, int index, string member, ref Errors? errors) =>
        value is { } v && (v < 0 || v > max) && Add(ref errors, Member(list, index, member), CountMessage(v, max));

    private static void Range(double? value, double min, double max, string path, ref Errors? errors)
    {
        if (value is { } number && (!double.IsFinite(number) || number < min || number > max))
        {
            Add(ref errors, path, RangeMessage(min, max, number));
        }
    }

    private static string CountMessage(int value, int max) => value < 0
        ? string.Create(Inv, $"must not be negative (was {value})")
        : string.Create(Inv, $"must be at most {max} (was {value})");

    private static string RangeMessage(double min, double max, double number) => max == double.MaxValue
        ? $"must not be negative (was {Num(number)})"
        : $"must be between {Num(min)} and {Num(max)} (was {Num(number)})";

    /// <summary>An enum value that is none of its names, with its number.</summary>
    private static string NotAChoice<TEnum>(string choices, TEnum value)
        where TEnum : struct, Enum => "must be " + choices + " (was " + Convert.ToInt64(value, Inv).ToString(Inv) + ")";

    private static string ScoreMessage(int value) => string.Create(Inv, $"must be between {MinScore} and {MaxScore} (was {value})");

    private const string LoneSurrogate = "is not valid Unicode text (it holds a lone surrogate)";

    private static string TooLong(string text) => string.Create(Inv, $"is {text.Length} characters long; at most {MaxStringLength} are allowed");

    private static string Indexed(string list, int index) => string.Create(Inv, $"{list}[{index}]");

    private static string Member(string list, int index, string member) => string.Create(Inv, $"{list}[{index}]{member}");

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", Inv);

    private static string Num(double value) => value.ToString("0.###", Inv);

    /// <returns>Whether the error was added (the first error for a path wins).</returns>
    private static bool Add(ref Errors? errors, string path, string message)
    {
        errors ??= new Errors();
        if (!errors.Paths.Add(path))
        {
            return false;
        }

        errors.List.Add(new ProfileError { Path = path, Message = message });
        return true;
    }

    private sealed class Errors
    {
        public List<ProfileError> List { get; } = [];

        public HashSet<string> Paths { get; } = new(StringComparer.Ordinal);
    }
}
