namespace RetakeAdvice;

/// <summary>A practice exam with its verdict.</summary>
public sealed record PracticeExamFact
{
    /// <summary>The exam's name, without surrounding spaces.</summary>
    [ProfileText]
    public string? Name { get; init; }

    /// <summary>The day it was taken.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>A three-digit score.</summary>
    public int? Score { get; init; }

    /// <summary>Equated percent correct.</summary>
    public double? PercentCorrect { get; init; }

    /// <summary>The estimated probability of passing.</summary>
    public double? PassProbability { get; init; }

    /// <summary>The passing standard in force on its date (judges a three-digit score).</summary>
    public int? Standard { get; init; }

    /// <summary>
    /// <c>passed</c>, <c>close</c> or <c>failed</c>, from the first measure of the manifest's precedence that the exam
    /// reports; null when it reports none of them.
    /// </summary>
    public string? Verdict { get; init; }

    /// <summary>The measure the verdict used: <c>passProbability</c>, <c>percentCorrect</c> or <c>score</c>; null with no verdict.</summary>
    public string? Measure { get; init; }
}
