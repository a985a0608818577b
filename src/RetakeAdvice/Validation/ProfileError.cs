namespace RetakeAdvice;

/// <summary>One problem in a profile.</summary>
public sealed record ProfileError
{
    /// <summary>The JSON path of the field, for example <c>$.topics[2].incorrect</c>.</summary>
    public required string Path { get; init; }

    /// <summary>What is wrong, for example "must not exceed seen (4)".</summary>
    public required string Message { get; init; }

    /// <summary>The problem as one line: path, colon, message.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => $"{Path}: {Message}";
}
