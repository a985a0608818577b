namespace RetakeAdvice;

/// <summary>Where a recommendation comes from.</summary>
public sealed record AdviceSource
{
    /// <summary>A human-readable citation.</summary>
    public required string Label { get; init; }

    /// <summary>A link, where there is one.</summary>
    public string? Url { get; init; }
}
