namespace RetakeAdvice;

/// <summary>
/// A practice exam result. At least one of <see cref="Score"/>, <see cref="PercentCorrect"/> and
/// <see cref="PassProbability"/> is given; the verdict uses the probability when given, else the percent
/// correct, else the score.
/// </summary>
public sealed record PracticeExam
{
    /// <summary>The exam's name, for example "NBME 31".</summary>
    public string? Name { get; init; }

    /// <summary>The day it was taken.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>A three-digit score (older reports).</summary>
    public int? Score { get; init; }

    /// <summary>Equated percent correct (EPC), 0 to 100.</summary>
    public double? PercentCorrect { get; init; }

    /// <summary>The estimated probability of passing, 0 to 1.</summary>
    public double? PassProbability { get; init; }
}
