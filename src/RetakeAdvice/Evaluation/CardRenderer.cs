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
    /// when it applies). <paramref name="extra"/>, when given, comes last. The report holds the array as it is.
    /// </summary>
    public static string[] Lines(Template[] templates, string? extra, RetakeProfile profile, AdviceFacts facts, object? item)
    {
        var count = templates.Length + (extra is null ? 0 : 1);
        if (count == 0)
        {
            return [];
        }

        var lines = new string[count];
        var n = 0;
        foreach (var template in templates)
        {
            var line = template.Render(profile, facts, item);
            if (!string.IsNullOrWhiteSpace(line))
            {
                lines[n++] = line;
            }
        }

        if (extra is not null)
        {
            lines[n++] = extra;
        }

        if (n < lines.Length)
        {
            Array.Resize(ref lines, n);
        }

        return lines;
    }

    // The actions of a forEach, gathered per thread before they are copied into the card's array.
    [ThreadStatic]
    private static List<AdviceAction>? t_actions;

    private static AdviceAction[] Actions(CompiledCard card, RetakeProfile profile, AdviceFacts facts, object? item)
    {
        if (card.ActionCountIsFixed)
        {
            var actions = new AdviceAction[card.Actions.Length];
            for (var i = 0; i < actions.Length; i++)
            {
                actions[i] = Action(card.Actions[i], profile, facts, item);
            }

            return actions;
        }

        var gathered = t_actions ?? new List<AdviceAction>();
        t_actions = null;
        gathered.Clear();
        foreach (var action in card.Actions)
        {
            if (action.ForEach is { } forEach)
            {
                if (forEach(profile, facts, item) is { } elements)
                {
                    foreach (var element in elements)
                    {
                        gathered.Add(Action(action, profile, facts, element));
                    }
                }
            }
            else
            {
                gathered.Add(Action(action, profile, facts, item));
            }
        }

        var result = gathered.ToArray();
        gathered.Clear();
        if (gathered.Capacity <= 16 * 1024)
        {
            t_actions = gathered; // a call that throws drops it; one grown past the cap is dropped too
        }

        return result;
    }

    private static AdviceAction Action(CompiledAction action, RetakeProfile profile, AdviceFacts facts, object? item) => new()
    {
        Kind = action.Kind,
        Target = action.Target?.Render(profile, facts, item),
        Minutes = action.Minutes?.Invoke(profile, facts, item),
    };
}
