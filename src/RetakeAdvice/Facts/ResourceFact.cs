namespace RetakeAdvice;

/// <summary>A study resource after alias normalization.</summary>
public sealed record ResourceFact
{
    /// <summary>The name as the profile spelled it (surrounding spaces removed).</summary>
    [ProfileText]
    public required string Name { get; init; }

    /// <summary>The name after the manifest's aliases.</summary>
    [ProfileText]
    public required string CanonicalName { get; init; }

    /// <summary>The canonical name is in the manifest's core set.</summary>
    public required bool IsCore { get; init; }
}
