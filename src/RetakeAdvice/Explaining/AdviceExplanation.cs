namespace RetakeAdvice;

/// <summary>Why a profile got its advice: every rule, fired or not, with the values that decided it.</summary>
public sealed record AdviceExplanation
{
    /// <summary>The rule set explained.</summary>
    public required RuleSetInfo RuleSet { get; init; }

    /// <summary>The day of the advice.</summary>
    public required DateOnly AsOf { get; init; }

    /// <summary>Every rule, in rule-file order.</summary>
    public required IReadOnlyList<RuleExplanation> Rules { get; init; }
}
