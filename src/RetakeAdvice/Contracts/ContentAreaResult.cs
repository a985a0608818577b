namespace RetakeAdvice;

/// <summary>One content area of the failing score report's performance feedback.</summary>
public sealed record ContentAreaResult
{
    /// <summary>The content area as the report names it, for example "Cardiovascular system".</summary>
    public string? Area { get; init; }

    /// <summary>How the report rates it against a low pass; required.</summary>
    public ContentAreaPerformance? Performance { get; init; }
}
