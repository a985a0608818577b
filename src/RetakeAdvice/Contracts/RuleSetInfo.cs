namespace RetakeAdvice;

/// <summary>Identifies a rule set: its manifest's name and version, and the SHA-256 of its rule files.</summary>
public sealed record RuleSetInfo
{
    /// <summary>The rule set's name, from its manifest.</summary>
    public required string Name { get; init; }

    /// <summary>The rule set's version, from its manifest.</summary>
    public required string Version { get; init; }

    /// <summary>The lowercase hex SHA-256 over the manifest and workflow files (tests excluded).</summary>
    public required string Sha256 { get; init; }
}
