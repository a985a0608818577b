namespace RetakeAdvice;

/// <summary>A value a rule read.</summary>
public sealed record ExplainedValue
{
    /// <summary>What was read: <c>facts.Distress</c>, <c>profile.TargetScore</c> or a parameter's name.</summary>
    public required string Name { get; init; }

    /// <summary>The value as text: <c>null</c> for unknown, strings quoted, lists in brackets.</summary>
    public required string Value { get; init; }
}
