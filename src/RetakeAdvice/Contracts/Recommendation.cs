using RetakeAdvice.Primitives;

namespace RetakeAdvice;

/// <summary>One piece of advice: a card in the shape of CDS Hooks cards.</summary>
public sealed record Recommendation
{
    /// <summary>The rule's id (its <c>RuleName</c>), for example <c>practice.gate-not-passed</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The item a per-item rule speaks of (a topic, a resource); <see langword="null"/> for other rules.</summary>
    public string? Target { get; init; }

    /// <summary>The step of the source the advice comes from: one of the steps the rule set's manifest lists.</summary>
    public required int Step { get; init; }

    /// <summary>The rule's category, for example <c>practice-exams</c>.</summary>
    public required string Category { get; init; }

    /// <summary>How urgent the advice is.</summary>
    public required AdviceIndicator Indicator { get; init; }

    /// <summary>The rule's priority, 0 to 100; higher ranks first within an indicator.</summary>
    public required int Priority { get; init; }

    /// <summary>One line, at most 140 characters.</summary>
    public required string Summary { get; init; }

    /// <summary>More detail, as Markdown.</summary>
    public string? Detail { get; init; }

    /// <summary>The facts that fired the rule, with the student's values.</summary>
    public required IReadOnlyList<string> Because { get; init; }

    /// <summary>Machine-readable next steps.</summary>
    public required IReadOnlyList<AdviceAction> Actions { get; init; }

    /// <summary>Where the advice comes from.</summary>
    public required AdviceSource Source { get; init; }

    /// <summary>Whether this and another Recommendation hold the same values, lists compared item by item.</summary>
    /// <param name="other">The other Recommendation.</param>
    /// <returns><see langword="true"/> when every member is equal.</returns>
    public bool Equals(Recommendation? other) =>
        other is not null
            && Id == other.Id
            && Target == other.Target
            && Step == other.Step
            && Category == other.Category
            && Indicator == other.Indicator
            && Priority == other.Priority
            && Summary == other.Summary
            && Detail == other.Detail
            && ValueEquality.Lists(Because, other.Because)
            && ValueEquality.Lists(Actions, other.Actions)
            && Source == other.Source;

    /// <summary>A hash over the same values as <see cref="Equals(Recommendation)"/>.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.Add(Id);
        hash.Add(Target);
        hash.Add(Step);
        hash.Add(Category);
        hash.Add(Indicator);
        hash.Add(Priority);
        hash.Add(Summary);
        hash.Add(Detail);
        ValueEquality.Add(ref hash, Because);
        ValueEquality.Add(ref hash, Actions);
        hash.Add(Source);
        return hash.ToHashCode();
    }
}
