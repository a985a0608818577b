namespace RetakeAdvice.Facts;

/// <summary>The documented values of the string facts (part of the facts' contract for rule authors).</summary>
internal static class FactNames
{
    public const string Near = "near";
    public const string Moderate = "moderate";
    public const string Low = "low";

    public const string Passed = "passed";
    public const string Close = "close";
    public const string Failed = "failed";

    public const string ByProbability = "passProbability";
    public const string ByPercentCorrect = "percentCorrect";
    public const string ByScore = "score";
}
