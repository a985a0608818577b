namespace RetakeAdvice;

/// <summary><see cref="RetakeAdviceOptions"/> are not valid. <see cref="Errors"/> lists every problem.</summary>
public sealed class RetakeAdviceOptionsException : Exception
{
    /// <summary>Creates the exception from its problems.</summary>
    /// <param name="errors">One line per problem: the option, a colon, what is wrong.</param>
    public RetakeAdviceOptionsException(IReadOnlyList<string> errors)
        : base("RetakeAdvice options are not valid:\n- " + string.Join("\n- ", errors ?? []))
    {
        Errors = errors ?? [];
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Errors { get; }
}
