namespace RetakeAdvice.Validation;

/// <summary>
/// The input limits of the profile contract. They bound the work one request can cause and reject nonsense;
/// they are not advice thresholds (those live in the rule set).
/// </summary>
internal static class ProfileLimits
{
    public const int MaxTopics = 10_000;
    public const int MaxListItems = 100;
    public const int MaxStringLength = 200;
    public const int MinScore = 1;
    public const int MaxScore = 300;
    public const int MaxDistress = 10;

    /// <summary>A school's own attempt limit: far above any real one.</summary>
    public const int MaxAttemptLimit = 100;
    public const double MaxPercent = 100;
    public const double MaxProbability = 1;
    public const double HoursPerDay = 24;
    public const double DaysPerWeek = 7;

    /// <summary>Questions seen or missed on one topic: far beyond any question bank, far below overflow in rule arithmetic.</summary>
    public const int MaxQuestions = 100_000;

    /// <summary>The most items the list at a profile path may hold: the topics, or any other list.</summary>
    public static int MaxItems(string path) => path == "$.topics" ? MaxTopics : MaxListItems;

    /// <summary>Days since a result: a century.</summary>
    public const int MaxDays = 36_525;
}
