namespace RetakeAdvice;

/// <summary>One failed Step 1 attempt.</summary>
public sealed record FailedAttempt
{
    /// <summary>The exam date; required.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The three-digit score (older, scored exams). At most one of this and <see cref="PointsBelowPassing"/>.</summary>
    public int? Score { get; init; }

    /// <summary>An estimate of the distance below passing (pass/fail-era exams report no score).</summary>
    public double? PointsBelowPassing { get; init; }

    /// <summary>The passing standard that applied.</summary>
    /// <value>The default value is <see langword="null"/>: the standard in force on <see cref="Date"/>, from the rule set's manifest.</value>
    public int? PassingScore { get; init; }
}
