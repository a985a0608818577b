namespace RetakeAdvice;

/// <summary>What an advisor serves, read from one snapshot (<see cref="RetakeAdvisor.Status"/>).</summary>
public sealed record RuleSetStatus
{
    /// <summary>The rule set served.</summary>
    public required RuleSetInfo RuleSet { get; init; }

    /// <summary>Its rule ids, in evaluation order.</summary>
    public required IReadOnlyList<string> RuleIds { get; init; }

    /// <summary>
    /// Whether the rule set served was compiled into the application at build time (the package's default rule set,
    /// or a folder of the host's <c>RetakeAdviceRules</c> item whose SHA-256 matches): loaded without parsing.
    /// </summary>
    public bool Precompiled { get; init; }

    /// <summary>Why the last reload was refused; null when the last load succeeded.</summary>
    public string? LastReloadError { get; init; }

    /// <summary>The refused reload's problems, each with file, rule and position; null when the last load succeeded.</summary>
    public IReadOnlyList<RuleSetError>? LastReloadErrors { get; init; }
}
