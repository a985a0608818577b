using System.Collections;
using System.Globalization;
using System.Text;
using RetakeAdvice.Evaluation;
using RetakeAdvice.Loading;

namespace RetakeAdvice.Explaining;

/// <summary>
/// Runs every rule of a snapshot on a profile and records why each fired or not. A diagnostic path: it
/// compiles the value readers on first use and never throws for a rule (a rule that throws is recorded).
/// </summary>
internal static class Explainer
{
    private const int MaxListItemsShown = 10;

    /// <exception cref="ProfileValidationException">The profile is not valid.</exception>
    public static AdviceExplanation Explain(CompiledRuleSet rules, RetakeProfile profile, DateOnly today)
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            var facts = rules.Prepare(profile, today);
            var explained = new List<RuleExplanation>(rules.Rules.Count);
            foreach (var rule in rules.Rules)
            {
                explained.Add(Explain(rule, profile, facts));
            }

            return new AdviceExplanation { RuleSet = rules.Info, AsOf = facts.AsOf, Rules = explained };
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private static RuleExplanation Explain(CompiledRule rule, RetakeProfile profile, AdviceFacts facts)
    {
        var values = rule.Terms.Value.Select(t => new ExplainedValue(t.Name, Read(t.Value, profile, facts))).ToArray();
        var result = new RuleExplanation
        {
            Id = rule.Id,
            File = rule.File,
            Expression = rule.ExpressionText,
            Enabled = rule.Enabled,
            Fired = false,
            Values = values,
        };

        var part = "Expression";
        try
        {
            if (!rule.Enabled || !rule.Gate(profile, facts, null))
            {
                return result;
            }

            var indicator = rule.Indicator;
            bool? escalated = null;
            if (rule.Escalation is { } escalation)
            {
                part = "escalation";
                escalated = escalation.When(profile, facts, null);
                if (escalated == true && escalation.Indicator > indicator)
                {
                    indicator = escalation.Indicator;
                }
            }

            result = result with { Indicator = indicator, Escalation = rule.Escalation?.WhenText, Escalated = escalated };
            if (rule.Target is not { } target)
            {
                return result with { Fired = true };
            }

            var picked = new List<PickedItem>();
            var unmatched = new List<string>();
            var keep = CompiledRuleSet.PickItems(target, profile, facts, picked, unmatched, ref part);
            var items = picked.Select((p, i) => new ExplainedItem(p.Name, true, p.Score, i < keep))
                .Concat(unmatched.Select(name => new ExplainedItem(name, false, 0, false)))
                .ToArray();
            return result with { Fired = items.Any(i => i.Kept), Items = items, Indicator = items.Any(i => i.Kept) ? indicator : null };
        }
        catch (Exception ex)
        {
            return result with { Error = $"threw while evaluating its {part}: {ex.GetType().Name}: {ex.Message}" };
        }
    }

    private static string Read(RuleFunc<object?> value, RetakeProfile profile, AdviceFacts facts)
    {
        try
        {
            return Render(value(profile, facts, null));
        }
        catch (NullReferenceException)
        {
            return "null"; // a chain through an unknown value: facts.LatestPracticeExam.Name with no exam
        }
        catch (Exception ex)
        {
            return $"(threw {ex.GetType().Name})";
        }
    }

    internal static string Render(object? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case string text:
                return $"\"{text}\"";
            case IEnumerable items:
                var list = items.Cast<object?>().ToList();
                var shown = string.Join(", ", list.Take(MaxListItemsShown).Select(Render));
                return list.Count > MaxListItemsShown ? $"[{shown}, … ({list.Count} items)]" : $"[{shown}]";
            case var record when record.GetType().Assembly == typeof(Explainer).Assembly:
                // The contract and fact records: their fields, rendered the same way (ISO dates, quoted text).
                var fields = record.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
                    .Select(p => $"{p.Name} = {Render(p.GetValue(record))}");
                return $"{{ {string.Join(", ", fields)} }}";
            default:
                var builder = new StringBuilder();
                Template.Append(builder, value);
                return builder.ToString();
        }
    }
}
