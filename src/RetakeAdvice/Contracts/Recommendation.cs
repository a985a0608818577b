namespace RetakeAdvice;

/// <summary>One piece of advice: a card in the shape of CDS Hooks cards.</summary>
public sealed record Recommendation
{
    /// <summary>The rule's id (its <c>RuleName</c>), for example <c>practice.gate-not-passed</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The item a per-item rule speaks of (a topic, a resource); <see langword="null"/> for other rules.</summary>
    public string? Target { get; init; }

    /// <summary>The article's step (1 to 7) the advice comes from.</summary>
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
}
