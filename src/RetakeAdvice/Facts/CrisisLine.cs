namespace RetakeAdvice;

/// <summary>A crisis line from the manifest, replaceable for hosts outside the United States.</summary>
public sealed record CrisisLine
{
    /// <summary>The service's name.</summary>
    public required string Name { get; init; }

    /// <summary>The number (or address) to contact.</summary>
    public required string Contact { get; init; }

    /// <summary>How to reach it, for example "call or text".</summary>
    public string? How { get; init; }
}
