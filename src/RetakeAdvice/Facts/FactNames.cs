namespace RetakeAdvice.Facts;

/// <summary>
/// The documented values of the string facts: the practice-exam verdicts and the names of the measures a verdict
/// is taken from (the profile's own field names). Part of the facts' contract for rule authors; the lines and the
/// order of the measures are the manifest's.
/// </summary>
internal static class FactNames
{
    public const string Passed = "passed";
    public const string Close = "close";
    public const string Failed = "failed";

    public const string ByProbability = "passProbability";
    public const string ByPercentCorrect = "percentCorrect";
    public const string ByScore = "score";
}
