namespace RetakeAdvice;

/// <summary>One item of a per-item rule.</summary>
public sealed record ExplainedItem
{
    /// <summary>The item's name.</summary>
    public required string Target { get; init; }

    /// <summary>The rule's <c>where</c> held for it.</summary>
    public required bool Matched { get; init; }

    /// <summary>Its score; 0 when it did not match.</summary>
    public required double Score { get; init; }

    /// <summary>It made the cut (<c>keep</c>) and got a recommendation.</summary>
    public required bool Kept { get; init; }
}
