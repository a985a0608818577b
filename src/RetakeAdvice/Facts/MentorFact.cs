namespace RetakeAdvice;

/// <summary>A mentor, as rules read it.</summary>
public sealed record MentorFact
{
    /// <summary>The mentor's name.</summary>
    [ProfileText]
    public string? Name { get; init; }

    /// <summary>The mentor's own Step 1 score, if known.</summary>
    public int? Step1Score { get; init; }

    /// <summary>The mentor's own Step 2 CK score, if known.</summary>
    public int? Step2Score { get; init; }

    /// <summary><c>peer</c>, <c>resident</c>, <c>faculty</c> or <c>learning-specialist</c>; null when unknown.</summary>
    public string? Role { get; init; }
}
