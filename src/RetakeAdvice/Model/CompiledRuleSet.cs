namespace RetakeAdvice.Model;

/// <summary>
/// One immutable, fully compiled snapshot of a rule set: pure data (the manifest's tables, the compiled rules and
/// the order to evaluate them in). Evaluating it runs compiled delegates only, no parsing. Safe to share between
/// threads.
/// </summary>
internal sealed class CompiledRuleSet
{
    /// <param name="info">Name, version, SHA-256.</param>
    /// <param name="manifest">The manifest's tables.</param>
    /// <param name="rules">Every rule, in file order then rule order; each rule's <see cref="CompiledRule.Index"/> is its place here.</param>
    /// <param name="cardOrder">
    /// The card rules in evaluation order: a rule comes after every rule that can suppress it, and otherwise in the
    /// order its cards rank before escalation, so a call's cards arrive almost sorted.
    /// </param>
    /// <param name="workflowFiles">The workflow files, relative to the folder.</param>
    public CompiledRuleSet(RuleSetInfo info, Manifest manifest, CompiledRule[] rules, CompiledRule[] cardOrder, IReadOnlyList<string> workflowFiles)
    {
        Info = info;
        Manifest = manifest;
        Rules = rules;
        CardOrder = cardOrder;
        ReadinessRules = Array.FindAll(rules, r => r.Verdict is not null);
        WorkflowFiles = workflowFiles;
        RuleIds = Array.AsReadOnly(Array.ConvertAll(rules, r => r.Id));
    }

    public RuleSetInfo Info { get; }

    /// <summary>How many parameter values a call keeps once worked out: the slots each call's facts hold.</summary>
    public int KeptValues { get; init; }

    /// <summary>Read from a precompiled rule set's generated code, not parsed from the folder.</summary>
    public bool Precompiled { get; init; }

    public Manifest Manifest { get; }

    /// <summary>Every rule, card and readiness rules alike, in file order then rule order.</summary>
    public IReadOnlyList<CompiledRule> Rules { get; }

    public IReadOnlyList<string> RuleIds { get; }

    /// <summary>The card rules in evaluation order.</summary>
    public CompiledRule[] CardOrder { get; }

    /// <summary>The readiness rules in their order: the first whose gate holds decides.</summary>
    public CompiledRule[] ReadinessRules { get; }

    /// <summary>The workflow files the snapshot was loaded from, relative to the folder.</summary>
    public IReadOnlyList<string> WorkflowFiles { get; }
}
