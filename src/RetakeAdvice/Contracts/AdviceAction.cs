namespace RetakeAdvice;

/// <summary>A machine-readable next step, for hosts that act on advice.</summary>
public sealed record AdviceAction
{
    /// <summary>What to do, for example <c>study-topic</c> or <c>postpone-exam</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>What the action is about, for example a topic or a phone number.</summary>
    public string? Target { get; init; }

    /// <summary>Suggested minutes, where the rule gives them.</summary>
    public int? Minutes { get; init; }
}
