namespace RetakeAdvice.Benchmarks.HandWritten;

/// <summary>
/// The default rule set (rules/ruleset.json and the GlobalParams of rules/*.json) written out as C# constants
/// and tables, the way a hand-written implementation would hold them. Nothing here reads the library.
/// </summary>
internal static class DefaultRules
{
    // rules/ruleset.json
    public const int AttemptLimit = 4;               // the USMLE's
    public const double NearMaxPoints = 10;          // failureBands: near, pointsBelowPassing atMost
    public const int NearMaxFailedAttempts = 1;      // failureBands: near, failedAttempts atMost
    public const double ModerateBelowPoints = 20;    // failureBands: moderate, pointsBelowPassing below
    public const double LowMinPoints = 20;           // failureBands: low, pointsBelowPassing atLeast
    public const double PassProbability = 0.7;       // practiceExamVerdict: passProbability
    public const double CloseProbability = 0.5;
    public const double PassPercentCorrect = 68;     // practiceExamVerdict: percentCorrect
    public const double ClosePercentCorrect = 60;
    public const int PassScoreMargin = 0;            // practiceExamVerdict: score, points above the standard
    public const int CloseScoreMargin = -10;
    public const double DefaultWeight = 10;          // disciplineWeights.default
    public const int DaysPerWeek = 7;                // parameters: daysPerWeek
    public const int FinalAttemptPassingExams = 2;   // parameters: finalAttemptPassingExams (finalAttemptUnproven)

    // GlobalParams of the workflow files
    public const int FewAttemptsLeft = 1;            // eligibility.json
    public const int HighStep1Score = 240;           // mentors.json
    public const int HighStep2Score = 250;           // mentors.json
    public const int AmbitiousTargetScore = 270;     // planning.json
    public const int CriticalWithinDays = 14;        // practice.json
    public const string TakeBeforeBooking = "Take an NBME practice exam now to see where you stand, and again before you book the retake."; // practice.json
    public const string TakeBeforeTheDate = "Take an NBME practice exam now: your retake is booked, and it should wait until a practice exam shows a pass."; // practice.json
    public const string GateSummary = "Do not sit the retake until a practice exam shows a pass: move the date if you need to."; // practice.json
    public static readonly string GateFinalSummary = "Do not sit your last attempt until your latest " + FinalAttemptPassingExams.ToString(System.Globalization.CultureInfo.InvariantCulture) + " practice exams each show a pass: move the date if you need to."; // practice.json
    public const int CourseworkLeadDays = 270;       // school.json: the coursework case needs the deadline within this many days
    public const int MaxStudyHoursPerDay = 12;       // resilience.json
    public const int MinRestDaysPerWeek = 1;         // resilience.json
    public const int MaxPlannedResources = 5;        // resources.json
    public const int FocusMinIncorrect = 3;          // topics.json
    public const int FocusTopTopics = 10;            // topics.json
    public const int MinutesPerMiss = 10;            // topics.json
    public const int LowYieldMaxSeen = 2;            // topics.json
    public const double HighYieldMinWeight = 15;     // topics.json
    public const int LowerAreaScore = 2;             // topics.json
    public const int SameAreaScore = 1;              // topics.json
    public const int CounselingDistress = 7;         // wellbeing.json
    public const string StudySchedule = "the study schedule"; // wellbeing.json
    public const string NextSteps = "what comes next";        // wellbeing.json
    public const string UsmleClosedSummary = "You have used every attempt the USMLE allows, so the retake is not open to you. Meet your dean or advisor now about what comes next."; // planning.json
    public const string ImgClosedSummary = "You have used every attempt the USMLE allows, so the retake is not open to you. Contact your medical school and ECFMG now about what comes next."; // planning.json
    public const string PlanWithSchool = "your school";  // planning.json: planWith, for a student enrolled at a school
    public const string PlanWithAdvisor = "an advisor";  // planning.json: planWith, for an international graduate (enrolledAtSchool false)

    /// <summary>planning.json: finalAttemptUnprovenSummary, with planWith.</summary>
    public static string FinalAttemptUnprovenSummary(string planWith) => "Your next attempt is your last: do not sit it until practice exams pass clearly, and plan it with " + planWith + ".";

    /// <summary>planning.json: finalAttemptProvenSummary, with planWith.</summary>
    public static string FinalAttemptProvenSummary(string planWith) => "Your next attempt is your last, and your practice exams now clear the line: settle the date with " + planWith + " and keep steady.";

    /// <summary>planning.json: finalAttemptWaitSummary (thoughts of self-harm), with planWith.</summary>
    public static string FinalAttemptWaitSummary(string planWith) => "Your next attempt is your last, and there is no hurry to sit it: set the date with " + planWith + " once you have support.";

    public static readonly DateOnly PassFailReportingFrom = new(2022, 1, 26); // planning.json: Step 1 reports pass or fail only from this day
    public const string SchoolLimitSummary = "You have reached your school's limit on attempts. Meet your dean or advisor now about what it means for you."; // planning.json
    public const string RequestNowBooked = "Request test accommodations now: your retake is booked, and the review takes weeks to months and needs documentation."; // accommodations.json
    public const string RequestEarly = "Request test accommodations before you book the retake: the review takes weeks to months and needs documentation."; // accommodations.json
    public const string AwaitDecision = "Your accommodations request is still open: keep the retake date movable until the decision arrives."; // accommodations.json

    public static readonly StudyWeeks NearWeeks = new() { Min = 4, Max = 8 };
    public static readonly StudyWeeks ModerateWeeks = new() { Min = 8, Max = 12 };

    /// <summary>The crisis lines (answered at any hour) in manifest order: name, contact, how.</summary>
    public static readonly (string Name, string Contact, string How)[] CrisisLines =
    [
        ("988 Suicide & Crisis Lifeline", "988", "call or text, any hour"),
    ];

    /// <summary>The support lines (not crisis lines, with their own hours) in manifest order: name, contact, how.</summary>
    public static readonly (string Name, string Contact, string How)[] SupportLines =
    [
        ("Physician Support Line", "1-888-409-0141", "free, confidential peer support from volunteer psychiatrists, open to medical students, 8 am to 1 am Eastern, seven days a week; not a crisis line"),
    ];

    /// <summary>The core resources in manifest order.</summary>
    public static readonly string[] Core = ["UWorld", "Pathoma", "BRS Physiology", "First Aid"];

    /// <summary>The core resources in ordinal order: the order of <c>resources.add-core</c>'s items (all score 0).</summary>
    public static readonly string[] CoreOrdinal = ["BRS Physiology", "First Aid", "Pathoma", "UWorld"];

    /// <summary><c>{facts.CoreResources}</c> as a template renders it.</summary>
    public const string CoreList = "UWorld, Pathoma, BRS Physiology, First Aid";

    /// <summary>The highest discipline weight: bounds a topic's score before its lookup.</summary>
    public const double MaxWeight = 50;

    /// <summary>Every known spelling (canonical names included), ignoring case, to its canonical name.</summary>
    private static readonly Dictionary<string, string> Canonicals = BuildCanonicals();

    private static readonly HashSet<string> CoreSet = new(Core, StringComparer.OrdinalIgnoreCase);

    /// <summary>Discipline weights (percent of the exam, midpoints of the 2024 content outline), by name and alias, ignoring case.</summary>
    private static readonly Dictionary<string, double> Weights = BuildWeights();

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

    private static Dictionary<string, double> BuildWeights()
    {
        var weights = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
        {
            ["pathology"] = 50,
            ["physiology"] = 35,
            ["pharmacology"] = 15,
            ["microbiology"] = 15,
            ["gross anatomy and embryology"] = 15,
            ["behavioral sciences"] = 12.5,
            ["immunology"] = 10,
            ["histology and cell biology"] = 10,
            ["biochemistry and nutrition"] = 10,
            ["genetics"] = 7.5,
            ["biostatistics and epidemiology"] = 5,
        };

        // An alias never overrides a discipline's own name.
        void Alias(string discipline, params string[] spellings)
        {
            foreach (var spelling in spellings)
            {
                weights.TryAdd(spelling, weights[discipline]);
            }
        }

        Alias("gross anatomy and embryology", "anatomy", "gross anatomy", "embryology");
        Alias("behavioral sciences", "behavioral science", "behavioural science", "behavioural sciences", "behavioral medicine");
        Alias("histology and cell biology", "histology", "cell biology");
        Alias("biochemistry and nutrition", "biochemistry", "nutrition", "biochem");
        Alias("biostatistics and epidemiology", "biostatistics", "biostats", "epidemiology", "biostatistics and epidemiology/population health", "population health");
        Alias("microbiology", "micro");
        Alias("pharmacology", "pharm");
        Alias("physiology", "physio");
        return weights;
    }

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
