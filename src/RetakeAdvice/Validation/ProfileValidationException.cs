namespace RetakeAdvice;

/// <summary>A profile is not valid. <see cref="Errors"/> lists every problem, each with its field path.</summary>
public sealed class ProfileValidationException : Exception
{
    /// <summary>Creates the exception from its problems.</summary>
    /// <param name="errors">The problems; at least one.</param>
    public ProfileValidationException(IReadOnlyList<ProfileError> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem found: wrong JSON types and unknown fields first, then the limits.</summary>
    public IReadOnlyList<ProfileError> Errors { get; }

    private static string Format(IReadOnlyList<ProfileError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var lines = new System.Text.StringBuilder("The profile is not valid:");
        foreach (var error in errors)
        {
            lines.Append('\n').Append("- ").Append(error.ToString());
        }

        return lines.ToString();
    }
}
