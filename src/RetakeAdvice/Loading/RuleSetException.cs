namespace RetakeAdvice;

/// <summary>A rule set could not be loaded. <see cref="Errors"/> lists every problem, each with file, rule and position.</summary>
public sealed class RuleSetException : Exception
{
    /// <summary>Creates the exception from its problems.</summary>
    /// <param name="location">Where the rule set was read from: a folder, or "the embedded default rule set".</param>
    /// <param name="errors">The problems; at least one.</param>
    public RuleSetException(string location, IReadOnlyList<RuleSetError> errors)
        : base(Format(location, errors))
    {
        Location = location;
        Errors = errors;
    }

    /// <summary>Where the rule set was read from.</summary>
    public string Location { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<RuleSetError> Errors { get; }

    /// <summary>The message for these problems at this location (an HTTP status names the folder, not its path).</summary>
    internal static string Format(string location, IReadOnlyList<RuleSetError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = new System.Text.StringBuilder()
            .Append("The rule set in ").Append(location).Append(" is not valid (")
            .Append(errors.Count).Append(errors.Count == 1 ? " error):" : " errors):");
        foreach (var error in errors)
        {
            text.Append('\n').Append("- ").Append(error.ToString());
        }

        return text.ToString();
    }
}
