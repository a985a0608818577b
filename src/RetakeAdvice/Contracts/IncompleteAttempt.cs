namespace RetakeAdvice;

/// <summary>A Step 1 attempt that was started and not completed: it counts toward the attempt limit.</summary>
public sealed record IncompleteAttempt
{
    /// <summary>The day of the attempt; required.</summary>
    public DateOnly? Date { get; init; }
}
