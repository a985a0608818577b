using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using RetakeAdvice.Tests.Benchmarks;

namespace RetakeAdvice.Tests.Properties;

/// <summary>
/// The generators of the properties. Valid profiles come from the benchmarks' <see cref="ProfileArbitraries"/>
/// (every rule fires and stays silent; see <see cref="GeneratorCoverageTests"/>), one in five with its free texts
/// (names of topics, mentors, practice exams, resources, the specialty) replaced by odd but valid text: quotes,
/// backslashes, braces, accents, emoji (valid surrogate pairs), control characters, right-to-left script, and
/// exactly 200 characters. Never a null where the contract requires a value, never a lone surrogate (it cannot
/// be written as JSON; see the report).
/// </summary>
internal static class PropertyGenerators
{
    /// <summary>The names the spec gives weight 1.5 (compared ignoring case and surrounding spaces).</summary>
    public static readonly string[] HighYieldDisciplines = ["physiology", "pathology", "microbiology", "pharmacology", "biostatistics"];

    private static readonly string[] TextPieces =
    [
        "a", "Z", "ß", "é", "İ", "ı", "Ω", "ж", "ש", "中", "😀", "👩‍⚕️", " ", "  ", "\t", "\n", "\r\n", "\u0001", "\u2028", "\u00a0", "\"", "\\", "{", "}",
        "{{", "'", "<", ">", "&", "%", "$", ",", ".", "0", "7", "Renal", "NBME", "first aid", "UWorld",
    ];

    private static readonly string[] Disciplines =
        ["physiology", " Pathology", "MICROBIOLOGY ", "Pharmacology", "biostatistics", "immunology", "anatomy", "biochemistry", "physiology and pathology"];

    /// <summary>Any valid profile.</summary>
    public static Gen<RetakeProfile> ValidProfile { get; } =
        Gen.Frequency((4, ProfileArbitraries.Profile), (1, ProfileArbitraries.Profile.SelectMany(WithOddText)));

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

    /// <summary>The weight of a discipline as the spec states it: 1.5 for the five high-yield ones, else 1.</summary>
    public static double Weight(string? discipline) =>
        discipline is not null && HighYieldDisciplines.Contains(discipline.Trim(), StringComparer.OrdinalIgnoreCase) ? 1.5 : 1;

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
        select profile with
        {
            TargetSpecialty = specialty,
            Mentors = profile.Mentors?.Select((m, i) => m with { Name = mentorNames[i] }).ToArray(),
            PracticeExams = profile.PracticeExams?.Select((e, i) => e with { Name = examNames[i] }).ToArray(),

            // Unique ignoring case and spaces: the index makes every name its own.
            Topics = profile.Topics?.Select((t, i) => t with { Name = Cut(topicNames[i], 190) + "#" + i, Discipline = disciplines[i] }).ToArray(),
            PlannedResources = profile.PlannedResources?.Select((_, i) => NotBlank(planned[i])).ToArray(),
            PreviousResources = profile.PreviousResources?.Select((_, i) => NotBlank(previous[i])).ToArray(),
        };

    private static string NotBlank(string text) => string.IsNullOrWhiteSpace(text) ? "x" + Cut(text, 199) : text;

    /// <summary>Cuts text to at most <paramref name="max"/> UTF-16 units, never between the halves of a surrogate pair.</summary>
    private static string Cut(string text, int max) =>
        text.Length <= max ? text : text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];

    private static string Pad(string text, int length) => text.Length >= length ? text : text + new string('é', length - text.Length);
}
