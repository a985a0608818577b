namespace RetakeAdvice;

/// <summary>A value a rule read.</summary>
/// <param name="Name">What was read: <c>facts.Distress</c>, <c>profile.TargetScore</c> or a parameter's name.</param>
/// <param name="Value">The value as text: <c>null</c> for unknown, strings quoted, lists in brackets.</param>
public sealed record ExplainedValue(string Name, string Value);
