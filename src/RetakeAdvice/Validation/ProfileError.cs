namespace RetakeAdvice;

/// <summary>One problem in a profile.</summary>
/// <param name="Path">The JSON path of the field, for example <c>$.topics[2].incorrect</c>.</param>
/// <param name="Message">What is wrong, for example "must not exceed seen (4)".</param>
public sealed record ProfileError(string Path, string Message)
{
    /// <summary>The problem as one line: path, colon, message.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => $"{Path}: {Message}";
}
