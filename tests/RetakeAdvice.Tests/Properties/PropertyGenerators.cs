using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using RetakeAdvice.Tests.Benchmarks;

namespace RetakeAdvice.Tests.Properties;

/// <summary>
/// The generators of the properties. Valid profiles come from the benchmarks' <see cref="ProfileArbitraries"/>
/// (every rule fires and stays silent; see <see cref="GeneratorCoverageTests"/>), one in five with its free texts
/// (names of topics, mentors, practice exams, resources, content areas, the specialty) replaced by odd but valid
/// text: quotes, backslashes, braces, accents, emoji (valid surrogate pairs), control characters, right-to-left
/// script, and exactly 200 characters. Never a null where the contract requires a value, never a lone surrogate (it cannot
/// be written as JSON; see the report).
/// </summary>
internal static class PropertyGenerators
{
    private static readonly string[] TextPieces =
    [
        "a", "Z", "ß", "é", "İ", "ı", "Ω", "ж", "ש", "中", "😀", "👩‍⚕️", " ", "  ", "\t", "\n", "\r\n", "\u0001", "\u2028", "\u00a0", "\"", "\\", "{", "}",
        "{{", "'", "<", ">", "&", "%", "$", ",", ".", "0", "7", "Renal", "NBME", "first aid", "UWorld",
    ];

    private static readonly string[] Disciplines =
        ["physiology", " Pathology", "MICROBIOLOGY ", "Pharmacology", "biostatistics", "immunology", "anatomy", "biochemistry", "physiology and pathology"];

    /// <summary>Any valid profile: mostly the benchmarks' profiles, some with odd texts, some at the contract's limits.</summary>
    public static Gen<RetakeProfile> ValidProfile { get; } =
        Gen.Frequency((8, ProfileArbitraries.Profile), (2, ProfileArbitraries.Profile.SelectMany(WithOddText)), (1, AtTheLimits()));

    /// <summary>
    /// Valid profiles at the edges of spec section 1, field by field: the first and last dates, 100-item lists and
    /// 200-character names, scores 1 and 300, distress 0 and 10, probability 0 and 1, EPC 0 and 100, counts of
    /// 100,000, tiny and huge distances, up to 400 topics with many ties (the bounded top 10), 100 incomplete
    /// attempts (every attempt on a day of its own), a school's attempt limit of 1 and 100, pass deadlines at the ends
    /// of the calendar, 100 content areas.
    /// </summary>
    private static Gen<RetakeProfile> AtTheLimits()
    {
        static Gen<T> Either<T>(params T[] values) => Gen.Elements(values);
        static Gen<T?> Maybe<T>(Gen<T> gen)
            where T : struct => Gen.Frequency((1, Gen.Constant<T?>(null)), (3, gen.Select(v => (T?)v)));
        static string Long(string prefix, int i) => Pad(prefix + i + " ", 200);

        return
            from asOf in Either(new DateOnly(2026, 11, 27), DateOnly.MaxValue, DateOnly.MinValue.AddDays(200))
            from attemptCount in Either(1, 2, 3, 4, 100)
            from attemptDays in Gen.ArrayOf(Either(0, 1), attemptCount)

            // One sitting a day: the i-th attempt at the latest (asOf and back) or the earliest date (and on); the two runs
            // never meet, as the earliest asOf is 200 days, two list lengths, past the first day.
            let attemptDates = attemptDays.Select((day, i) => day == 0 ? asOf.AddDays(-i) : DateOnly.MinValue.AddDays(i)).ToArray()
            from attempts in Gen.ArrayOf(
                from kind in Gen.Choose(0, 3)
                from points in Either(double.Epsilon, 1e-9, 0.001, 10, 10.000000001, 19.999999999, 20, 299.999999)
                from standard in Either(2, 194, 300)
                select kind switch
                {
                    0 => new FailedAttempt { PointsBelowPassing = points },
                    1 => new FailedAttempt { Score = standard - 1, PassingScore = standard },
                    2 => new FailedAttempt { Score = 1, PassingScore = standard },
                    _ => new FailedAttempt { Score = 1 },
                },
                attemptCount)
            from days in Maybe(Either(0, 36_525))
            from distress in Maybe(Either(0, 10))
            from harm in Maybe(Either(true, false))
            from mentorCount in Either(0, 1, 100)
            from mentorScore in Either(1, 239, 240, 249, 250, 300)
            from resources in Either(0, 1, 5, 6, 100)
            from examCount in Either(0, 1, 100)
            from examKind in Gen.Choose(0, 3)
            from measure in Either(0.0, 1.0, double.Epsilon, 0.5, 0.3)
            from examDate in Maybe(Either(asOf, DateOnly.MaxValue))
            from topicCount in Gen.Frequency((3, Gen.Choose(0, 40)), (1, Gen.Choose(41, 400)))
            from topicMisses in Gen.ArrayOf(Either(0, 2, 3, 4, 6, 100_000), topicCount)
            from hours in Maybe(Either(0.0, 12.0, 12.000001, 24.0))
            from rest in Maybe(Either(0.0, 0.999, 1.0, 7.0))
            from timeOff in Maybe(Either(0.0, double.Epsilon, 1e300, double.MaxValue))
            from target in Maybe(Either(1, 269, 270, 300))
            from incompleteCount in Maybe(Either(0, 1, 100))
            from schoolLimit in Maybe(Either(1, 100))
            from deadline in Maybe(Either(asOf, DateOnly.MinValue, DateOnly.MaxValue))
            from studentType in Maybe(Either(StudentType.UsMd, StudentType.UsDo, StudentType.Img))
            from accommodations in Maybe(Either(AccommodationsStatus.None, AccommodationsStatus.Considering, AccommodationsStatus.Requested, AccommodationsStatus.Approved))
            from areaCount in Maybe(Either(0, 1, 100))
            select new RetakeProfile
            {
                AsOf = asOf,
                FailedAttempts = attempts.Select((a, i) => a with { Date = attemptDates[i] }).ToArray(),
                DaysSinceResult = days,
                Wellbeing = new WellbeingStatus { Distress = distress, ThoughtsOfSelfHarm = harm, HasConfidant = harm },
                Mentors = Enumerable.Range(0, mentorCount).Select(i => new Mentor { Name = Long("Mentor ", i), Step1Score = i % 2 == 0 ? mentorScore : null, Step2Score = mentorScore }).ToArray(),
                PreviousResources = Enumerable.Range(0, resources).Select(i => Long("Resource ", i)).ToArray(),
                PlannedResources = Enumerable.Range(0, resources).Select(i => i % 3 == 0 ? "UWorld" : Long("Resource ", i)).ToArray(),
                PracticeExams = Enumerable.Range(0, examCount).Select(i => new PracticeExam
                {
                    Name = Long("NBME ", i),
                    Date = i % 2 == 0 ? asOf : DateOnly.MinValue,
                    Score = examKind == 0 ? (i % 2 == 0 ? 300 : 1) : null,
                    PercentCorrect = examKind == 1 ? measure * 100 : null,
                    PassProbability = examKind >= 2 ? measure : null,
                }).ToArray(),
                ExamDate = examDate,
                Topics = topicMisses.Select((misses, i) => new TopicResult
                {
                    Name = i % 50 == 0 ? Long("Topic ", i) : $"Topic {i}",
                    Discipline = i % 3 == 0 ? " PHYSIOLOGY " : i % 3 == 1 ? "anatomy" : null,
                    Seen = misses == 100_000 ? 100_000 : misses + (i % 4),
                    Incorrect = misses,
                }).ToArray(),
                StudyHoursPerDay = hours,
                RestDaysPerWeek = rest,
                PlannedTimeOffMonths = timeOff,
                TargetScore = target,
                TargetSpecialty = Pad("neurosurgery ", 200),
                IncompleteAttempts = incompleteCount is { } n
                    ? FreeDays(asOf, attemptDates, n).Select(day => new IncompleteAttempt { Date = day }).ToArray()
                    : null,
                School = schoolLimit is null && deadline is null ? null : new SchoolStatus { AttemptLimit = schoolLimit, PassDeadline = deadline },
                StudentType = studentType,
                Accommodations = accommodations,
                ScoreReport = areaCount is { } areas
                    ? new ScoreReport
                    {
                        ContentAreas = Enumerable.Range(0, areas).Select(i => new ContentAreaResult
                        {
                            Area = Long("Area ", i),
                            Performance = (ContentAreaPerformance)(i % 3),
                        }).ToArray(),
                    }
                    : null,
            };
    }

    /// <summary>
    /// <paramref name="count"/> days for incomplete attempts, none of them a failed attempt's day nor each other's (an
    /// attempt is one sitting): by turns the latest free day at or before asOf and the earliest free day of the
    /// calendar. With at most 100 failed and 100 incomplete attempts and asOf at least 200 days past the first day,
    /// there is always one.
    /// </summary>
    private static List<DateOnly> FreeDays(DateOnly asOf, DateOnly[] taken, int count)
    {
        var used = new HashSet<DateOnly>(taken);
        var days = new List<DateOnly>(count);
        var late = asOf;
        var early = DateOnly.MinValue;
        for (var i = 0; i < count; i++)
        {
            if (i % 2 == 0)
            {
                while (!used.Add(late))
                {
                    late = late.AddDays(-1);
                }

                days.Add(late);
            }
            else
            {
                while (!used.Add(early))
                {
                    early = early.AddDays(1);
                }

                days.Add(early);
            }
        }

        return days;
    }

    /// <summary>Text of 0 to 200 UTF-16 units made of <see cref="TextPieces"/>, sometimes exactly 200 long.</summary>
    public static Gen<string> OddText { get; } =
        from pieces in Gen.Choose(0, 12).SelectMany(n => Gen.ArrayOf(Gen.Elements(TextPieces), n))
        from fill in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
        select Cut(fill ? Pad(string.Concat(pieces), 200) : string.Concat(pieces), 200);

    /// <summary>A list of 1 to 25 topics with unique names, misses often tied, weights mixed; sometimes more than 10 focus topics.</summary>
    public static Gen<TopicResult[]> Topics { get; } =
        from count in Gen.Frequency((3, Gen.Choose(1, 8)), (2, Gen.Choose(9, 25)))
        from topics in Gen.ArrayOf(
            from discipline in Gen.Frequency((1, Gen.Constant<string?>(null)), (6, Gen.Elements(Disciplines).Select(d => (string?)d)))
            from incorrect in Gen.Frequency((1, Gen.Constant<int?>(null)), (8, Gen.Choose(0, 12).Select(i => (int?)i)))
            from extra in Gen.Choose(0, 20)
            from seenKnown in Gen.Frequency((1, Gen.Constant(false)), (5, Gen.Constant(true)))
            select (discipline, incorrect, seen: seenKnown ? (int?)((incorrect ?? 0) + extra) : null),
            count)
        from names in Gen.ArrayOf(Gen.Elements("Topic", "topic", "alpha", "Zeta", " Renal ", "Type I hypersensitivity", "émigré"), count)
        select topics.Select((t, i) => new TopicResult { Name = $"{names[i]} {i}", Discipline = t.discipline, Seen = t.seen, Incorrect = t.incorrect }).ToArray();

    /// <summary>Valid profiles that always list topics (from <see cref="Topics"/> half of the time).</summary>
    public static Gen<RetakeProfile> ProfileWithTopics { get; } =
        from profile in ValidProfile
        from useOwn in Gen.Elements(true, false)
        from topics in Topics
        select useOwn || profile.Topics is not { Count: > 0 } ? profile with { Topics = topics } : profile;

    /// <summary>The failed attempt the facts call latest: the latest by date, on a tie the later listed.</summary>
    public static int LatestAttemptIndex(RetakeProfile profile)
    {
        var attempts = profile.FailedAttempts!;
        var latest = -1;
        for (var i = 0; i < attempts.Count; i++)
        {
            if (attempts[i].Date is { } date && (latest < 0 || date >= attempts[latest].Date!.Value))
            {
                latest = i;
            }
        }

        return latest;
    }

    /// <summary>The weight of a discipline: the shipped manifest's (its share of the content outline, by name or alias).</summary>
    public static double Weight(string? discipline) => Shipped.Manifest.WeightOf(discipline);

    /// <summary>A profile as JSON for failure messages; profiles JSON cannot hold (NaN, ∞) are described instead.</summary>
    public static string Describe(RetakeProfile profile)
    {
        try
        {
            return JsonSerializer.Serialize(profile, RetakeAdviceJson.Options);
        }
        catch (ArgumentException)
        {
            return profile.ToString();
        }
    }

    public static List<T> With<T>(IReadOnlyList<T>? list, int index, T item)
    {
        var copy = list?.ToList() ?? [];
        copy[index] = item;
        return copy;
    }

    private static Gen<RetakeProfile> WithOddText(RetakeProfile profile) =>
        from specialty in OddText
        from mentorNames in Gen.ArrayOf(OddText, profile.Mentors?.Count ?? 0)
        from examNames in Gen.ArrayOf(OddText, profile.PracticeExams?.Count ?? 0)
        from topicNames in Gen.ArrayOf(OddText, profile.Topics?.Count ?? 0)
        from disciplines in Gen.ArrayOf(OddText, profile.Topics?.Count ?? 0)
        from planned in Gen.ArrayOf(OddText, profile.PlannedResources?.Count ?? 0)
        from previous in Gen.ArrayOf(OddText, profile.PreviousResources?.Count ?? 0)
        from areas in Gen.ArrayOf(OddText, profile.ScoreReport?.ContentAreas?.Count ?? 0)
        select profile with
        {
            TargetSpecialty = specialty,
            Mentors = profile.Mentors?.Select((m, i) => m with { Name = mentorNames[i] }).ToArray(),
            PracticeExams = profile.PracticeExams?.Select((e, i) => e with { Name = examNames[i] }).ToArray(),

            // Unique ignoring case and spaces: the index makes every name its own.
            Topics = profile.Topics?.Select((t, i) => t with { Name = Cut(topicNames[i], 190) + "#" + i, Discipline = disciplines[i] }).ToArray(),
            PlannedResources = profile.PlannedResources?.Select((_, i) => NotBlank(planned[i])).ToArray(),
            PreviousResources = profile.PreviousResources?.Select((_, i) => NotBlank(previous[i])).ToArray(),

            // Unique the same way as the topics.
            ScoreReport = profile.ScoreReport is { ContentAreas: { } contentAreas } report
                ? report with { ContentAreas = contentAreas.Select((a, i) => a with { Area = Cut(areas[i], 190) + "#" + i }).ToArray() }
                : profile.ScoreReport,
        };

    private static string NotBlank(string text) => string.IsNullOrWhiteSpace(text) ? "x" + Cut(text, 199) : text;

    /// <summary>Cuts text to at most <paramref name="max"/> UTF-16 units, never between the halves of a surrogate pair.</summary>
    private static string Cut(string text, int max) =>
        text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];

    private static string Pad(string text, int length) => text.Length >= length ? text : text + new string('é', length - text.Length);
}
