using System.Collections;
using RetakeAdvice.Precompiled;

namespace RetakeAdvice.Model;

/// <summary>
/// A rule, fully compiled at load: its gate, and either a card (with escalation and per-item parts) or a readiness
/// verdict; and the rules it suppresses when it fires. Immutable.
/// </summary>
internal sealed record CompiledRule
{
    public required string Id { get; init; }

    /// <summary>The rule's place in the rule set (file order, then rule order): indexes per-call state.</summary>
    public required int Index { get; init; }

    public required string File { get; init; }

    /// <summary>The rule's JSON path in its file, for example <c>$.Rules[2]</c>.</summary>
    public required string Path { get; init; }

    public required bool Enabled { get; init; }

    public required string ExpressionText { get; init; }

    public required RuleFunc<bool> Gate { get; init; }

    /// <summary>The card the rule gives when it fires; null for a readiness rule.</summary>
    public CompiledCard? Card { get; init; }

    /// <summary>The readiness verdict the rule gives when it decides; null for a card rule.</summary>
    public CompiledVerdict? Verdict { get; init; }

    /// <summary>What the rule drops when it fires; null when it suppresses nothing.</summary>
    public CompiledSuppression? Suppresses { get; init; }

    /// <summary>What the gate and escalation read, compiled on the first <c>explain</c> only.</summary>
    public required Lazy<(string Name, RuleFunc<object?> Value)[]> Terms { get; init; }
}

/// <summary>A card rule's card: fixed parts, compiled texts and actions, escalation and per-item parts.</summary>
internal sealed class CompiledCard
{
    public required int Step { get; init; }

    public required string Category { get; init; }

    public required AdviceIndicator Indicator { get; init; }

    public required int Priority { get; init; }

    public required Template Summary { get; init; }

    public Template? Detail { get; init; }

    public required Template[] Because
    {
        get;
        init
        {
            field = value;
            ConstantBecause = Array.TrueForAll(value, t => t.IsConstant)
                ? Array.AsReadOnly(value.Select(t => t.ConstantText!).Where(t => !string.IsNullOrWhiteSpace(t)).ToArray())
                : null;
        }
    }

    public required CompiledAction[] Actions
    {
        get;
        init
        {
            field = value;
            ActionCountIsFixed = Array.TrueForAll(value, a => a.ForEach is null);
            ConstantActions = Array.TrueForAll(value, a => a.ForEach is null && a.Minutes is null && (a.Target is null || a.Target.IsConstant))
                ? Array.AsReadOnly(value.Select(a => new AdviceAction { Kind = a.Kind, Target = a.Target?.ConstantText }).ToArray())
                : null;
        }
    }

    public required AdviceSource Source { get; init; }

    public CompiledEscalation? Escalation { get; init; }

    public CompiledTarget? Target { get; init; }

    public bool PinFirst { get; init; }

    /// <summary>The card's reasons when none of them has a placeholder: built once, shared by every report.</summary>
    public IReadOnlyList<string>? ConstantBecause { get; private set; }

    /// <summary>No action is a forEach: a card has exactly one action per <see cref="Actions"/> entry.</summary>
    public bool ActionCountIsFixed { get; private set; }

    /// <summary>The card's actions when none reads a value: built once, shared by every report (they are immutable).</summary>
    public IReadOnlyList<AdviceAction>? ConstantActions { get; private set; }
}

/// <summary>A readiness rule's verdict: the status, and the reasons (a line that renders empty is left out).</summary>
internal sealed record CompiledVerdict(ReadinessStatus Status, Template[] Because);

/// <summary>
/// What a rule drops when it fires: the cards of other rules (by index; a readiness rule so dropped cannot decide),
/// and the study-weeks estimate.
/// </summary>
internal sealed record CompiledSuppression(int[] Rules, bool StudyWeeks);

/// <summary>Raises the indicator when its expression holds.</summary>
internal sealed record CompiledEscalation(string WhenText, RuleFunc<bool> When, AdviceIndicator Indicator, Template? Because);

/// <summary>
/// The per-item part of a rule: the collection, the condition on each item, the item score, the target name,
/// and how many to keep (highest scores first).
/// </summary>
internal sealed record CompiledTarget(
    RuleFunc<IEnumerable?> Items,
    RuleFunc<bool>? Where,
    RuleFunc<double>? Score,
    RuleFunc<string?> Name,
    RuleFunc<int>? Keep);

/// <summary>A machine-readable action; with <see cref="ForEach"/>, one action per item of a collection.</summary>
internal sealed record CompiledAction(string Kind, RuleFunc<IEnumerable?>? ForEach, Template? Target, RuleFunc<int?>? Minutes);
