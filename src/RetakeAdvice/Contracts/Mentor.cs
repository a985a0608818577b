namespace RetakeAdvice;

/// <summary>Someone advising the student on the retake.</summary>
public sealed record Mentor
{
    /// <summary>The mentor's name.</summary>
    public string? Name { get; init; }

    /// <summary>The mentor's own Step 1 score, if known.</summary>
    public int? Step1Score { get; init; }

    /// <summary>The mentor's own Step 2 CK score, if known.</summary>
    public int? Step2Score { get; init; }

    /// <summary>What kind of guidance the mentor gives: a peer, a resident, a faculty member, a learning specialist.</summary>
    public MentorRole? Role { get; init; }
}
