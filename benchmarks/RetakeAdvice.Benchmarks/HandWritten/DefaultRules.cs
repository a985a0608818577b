namespace RetakeAdvice.Benchmarks.HandWritten;

/// <summary>
/// The default rule set (rules/ruleset.json and the GlobalParams of rules/*.json) written out as C# constants
/// and tables, the way a hand-written implementation would hold them. Nothing here reads the library.
/// </summary>
internal static class DefaultRules
{
    // rules/ruleset.json
    public const int AttemptLimit = 4;
    public const double NearMaxPoints = 10;
    public const double LowMinPoints = 20;
    public const double PassProbability = 0.5;
    public const double CloseProbability = 0.3;
    public const double PassPercentCorrect = 65;
    public const double ClosePercentCorrectMargin = 5;
    public const int CloseScoreMargin = 10;
    public const double DefaultWeight = 1;

    // GlobalParams of the workflow files
    public const int HighStep1Score = 240;        // mentors.json
    public const int HighStep2Score = 250;        // mentors.json
    public const int AmbitiousTargetScore = 270;  // planning.json
    public const int CriticalWithinDays = 14;     // practice.json
    public const int MaxStudyHoursPerDay = 12;    // resilience.json
    public const int MinRestDaysPerWeek = 1;      // resilience.json
    public const int MaxPlannedResources = 5;     // resources.json
    public const int FocusMinIncorrect = 3;       // topics.json
    public const int FocusTopTopics = 10;         // topics.json
    public const int MinutesPerMiss = 10;         // topics.json
    public const int LowYieldMaxSeen = 2;         // topics.json
    public const int CounselingDistress = 7;      // wellbeing.json

    public static readonly StudyWeeks NearWeeks = new() { Min = 4, Max = 8 };
    public static readonly StudyWeeks ModerateWeeks = new() { Min = 8, Max = 12 };

    /// <summary>The core resources in manifest order.</summary>
    public static readonly string[] Core = ["UWorld", "Pathoma", "BRS Physiology", "First Aid"];

    /// <summary>The core resources in ordinal order: the order of <c>resources.add-core</c>'s items (all score 0).</summary>
    public static readonly string[] CoreOrdinal = ["BRS Physiology", "First Aid", "Pathoma", "UWorld"];

    /// <summary><c>{facts.CoreResources}</c> as a template renders it.</summary>
    public const string CoreList = "UWorld, Pathoma, BRS Physiology, First Aid";

    /// <summary>Every known spelling (canonical names included), ignoring case, to its canonical name.</summary>
    private static readonly Dictionary<string, string> Canonicals = BuildCanonicals();

    private static readonly HashSet<string> CoreSet = new(Core, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, double> Weights = new(StringComparer.OrdinalIgnoreCase)
    {
        ["physiology"] = 1.5,
        ["pathology"] = 1.5,
        ["microbiology"] = 1.5,
        ["pharmacology"] = 1.5,
        ["biostatistics"] = 1.5,
    };

    /// <summary>The standard in force on a date; dates before the first entry take the first standard.</summary>
    public static int StandardOn(DateOnly date) =>
        date >= new DateOnly(2022, 1, 26) ? 196
        : date >= new DateOnly(2018, 1, 1) ? 194
        : 192;

    /// <summary>The canonical name of a resource (trimmed); unknown names are their own canonical name.</summary>
    public static string Canonical(string trimmedName) =>
        Canonicals.TryGetValue(trimmedName, out var canonical) ? canonical : trimmedName;

    public static bool IsCore(string canonical) => CoreSet.Contains(canonical);

    public static double WeightOf(string? discipline) =>
        discipline is not null && Weights.TryGetValue(discipline.Trim(), out var weight) ? weight : DefaultWeight;

    public static bool IsCompetitive(string specialty) =>
        string.Equals(specialty.Trim(), "neurosurgery", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string> BuildCanonicals()
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var core in Core)
        {
            map[core] = core;
        }

        void Add(string canonical, params string[] spellings)
        {
            map[canonical] = canonical;
            foreach (var spelling in spellings)
            {
                map[spelling] = canonical;
            }
        }

        Add("UWorld", "UW", "UWorld Step 1", "UWorld QBank", "UWorld Qbank Step 1", "UWise");
        Add("First Aid", "FA", "First Aid for the USMLE Step 1", "First Aid Step 1", "FA Step 1");
        Add("BRS Physiology", "BRS Physio", "BRS Phys", "Board Review Series Physiology", "Costanzo BRS");
        Add("Pathoma", "Pathoma Fundamentals of Pathology", "Fundamentals of Pathology", "Sattar");
        Add("Anki", "AnKing", "AnKing deck", "Anki deck", "Zanki");
        Add("Sketchy", "Sketchy Medical", "SketchyMedical", "Sketchy Micro", "Sketchy Pharm");
        Add("Boards and Beyond", "B&B", "BnB", "Boards & Beyond");
        return map;
    }
}
