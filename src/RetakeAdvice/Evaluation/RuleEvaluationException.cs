namespace RetakeAdvice;

/// <summary>
/// A rule threw while it was evaluated: a defect in the rule set (for example a null the rule did not
/// expect), never read as "not fired".
/// </summary>
public sealed class RuleEvaluationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="file">The rule's file.</param>
    /// <param name="rule">The rule's name.</param>
    /// <param name="part">What was being evaluated, for example <c>Expression</c> or <c>summary</c>.</param>
    /// <param name="innerException">What the expression threw.</param>
    public RuleEvaluationException(string file, string rule, string part, Exception innerException)
        : base($"{file}: rule '{rule}' threw while evaluating its {part}: {innerException?.GetType().Name}: {innerException?.Message}", innerException)
    {
        File = file;
        Rule = rule;
        Part = part;
    }

    /// <summary>The rule's file, relative to the rule folder.</summary>
    public string File { get; }

    /// <summary>The rule's name.</summary>
    public string Rule { get; }

    /// <summary>What was being evaluated.</summary>
    public string Part { get; }
}
