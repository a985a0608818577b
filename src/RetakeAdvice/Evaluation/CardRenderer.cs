using RetakeAdvice.Model;

namespace RetakeAdvice.Evaluation;

/// <summary>Renders a fired rule's card: its texts, reasons and actions for the profile (and the item, per item).</summary>
internal static class CardRenderer
{
    public static Recommendation Render(CompiledRule rule, AdviceIndicator indicator, string? escalationBecause, RetakeProfile profile, AdviceFacts facts, object? item, string? target)
    {
        var card = rule.Card!;
        var because = escalationBecause is null && card.ConstantBecause is { } constantBecause
            ? constantBecause
            : Lines(card.Because, escalationBecause, profile, facts, item);
        var actions = card.ConstantActions ?? Actions(card, profile, facts, item);
        return new Recommendation
        {
            Id = rule.Id,
            Target = target,
            Step = card.Step,
            Category = card.Category,
            Indicator = indicator,
            Priority = card.Priority,
            Summary = card.Summary.Render(profile, facts, item),
            Detail = card.Detail?.Render(profile, facts, item),
            Because = because,
            Actions = actions,
            Source = card.Source,
        };
    }

    /// <summary>
    /// Renders a list of reason templates; a line that renders empty is left out (it lets a rule state a fact only
    /// when it applies). <paramref name="extra"/>, when given, comes last.
    /// </summary>
    public static List<string> Lines(Template[] templates, string? extra, RetakeProfile profile, AdviceFacts facts, object? item)
    {
        var lines = new List<string>(templates.Length + 1);
        foreach (var template in templates)
        {
            var line = template.Render(profile, facts, item);
            if (!string.IsNullOrWhiteSpace(line))
            {
                lines.Add(line);
            }
        }

        if (extra is not null)
        {
            lines.Add(extra);
        }

        return lines;
    }

    private static List<AdviceAction> Actions(CompiledCard card, RetakeProfile profile, AdviceFacts facts, object? item)
    {
        var actions = new List<AdviceAction>(card.Actions.Length);
        foreach (var action in card.Actions)
        {
            if (action.ForEach is { } forEach)
            {
                if (forEach(profile, facts, item) is { } elements)
                {
                    foreach (var element in elements)
                    {
                        actions.Add(Action(action, profile, facts, element));
                    }
                }
            }
            else
            {
                actions.Add(Action(action, profile, facts, item));
            }
        }

        return actions;
    }

    private static AdviceAction Action(CompiledAction action, RetakeProfile profile, AdviceFacts facts, object? item) => new()
    {
        Kind = action.Kind,
        Target = action.Target?.Render(profile, facts, item),
        Minutes = action.Minutes?.Invoke(profile, facts, item),
    };
}
