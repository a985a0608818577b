namespace RetakeAdvice;

/// <summary>A practice exam with its verdict.</summary>
/// <param name="Name">The exam's name.</param>
/// <param name="Date">The day it was taken.</param>
/// <param name="Score">A three-digit score.</param>
/// <param name="PercentCorrect">Equated percent correct.</param>
/// <param name="PassProbability">The estimated probability of passing.</param>
/// <param name="Standard">The passing standard in force on its date (judges a three-digit score).</param>
/// <param name="Verdict"><c>passed</c>, <c>close</c> or <c>failed</c>, from the measure the verdict used.</param>
/// <param name="Measure">The measure the verdict used: <c>passProbability</c>, <c>percentCorrect</c> or <c>score</c>.</param>
public sealed record PracticeExamFact(
    string? Name,
    DateOnly? Date,
    int? Score,
    double? PercentCorrect,
    double? PassProbability,
    int? Standard,
    string Verdict,
    string Measure);
