using System.Collections;
using RetakeAdvice.Loading;

namespace RetakeAdvice.Evaluation;

/// <summary>A rule, fully compiled at load: its gate, card, escalation and per-item parts. Immutable.</summary>
internal sealed class CompiledRule
{
    public required string Id { get; init; }

    public required string File { get; init; }

    public required string Path { get; init; }

    public required bool Enabled { get; init; }

    public required string ExpressionText { get; init; }

    public required RuleFunc<bool> Gate { get; init; }

    public required int Step { get; init; }

    public required string Category { get; init; }

    public required AdviceIndicator Indicator { get; init; }

    public required int Priority { get; init; }

    public required Template Summary { get; init; }

    public Template? Detail { get; init; }

    public required Template[] Because { get; init; }

    public required CompiledAction[] Actions { get; init; }

    public required AdviceSource Source { get; init; }

    public CompiledEscalation? Escalation { get; init; }

    public CompiledTarget? Target { get; init; }

    public bool PinFirst { get; init; }

    /// <summary>The card's reasons when none of them has a placeholder: built once, shared by every report.</summary>
    public IReadOnlyList<string>? ConstantBecause { get; init; }

    /// <summary>The card's actions when none reads a value: built once, shared by every report (they are immutable).</summary>
    public IReadOnlyList<AdviceAction>? ConstantActions { get; init; }

    /// <summary>What the gate and escalation read, compiled on the first <c>explain</c> only.</summary>
    public required Lazy<(string Name, RuleFunc<object?> Value)[]> Terms { get; init; }
}

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
