namespace RetakeAdvice;

/// <summary>How <see cref="RetakeAdvisor.AdviseBatchAsync"/> reads and advises a batch of NDJSON profiles.</summary>
public sealed record AdviceBatchOptions
{
    /// <summary>The most profiles (lines) one batch holds by default: 100,000.</summary>
    public const int DefaultMaxProfiles = 100_000;

    /// <summary>
    /// Profiles advised at once; default: one per processor. Answers keep the input's order whatever the value, and at
    /// most four times this many lines are held at once, so memory does not grow with the batch.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// The most lines a batch holds; the line after the last is answered with an error and nothing after it is read.
    /// Default <see cref="DefaultMaxProfiles"/>.
    /// </summary>
    public int MaxProfiles { get; init; } = DefaultMaxProfiles;

    /// <summary>The day every profile is advised for, over each profile's own <c>asOf</c> (as <c>advise --as-of</c>); null for each profile's own, else today.</summary>
    public DateOnly? AsOf { get; init; }
}
