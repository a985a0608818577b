using System.Collections;
using System.Text;
using RetakeAdvice.Model;
using RetakeAdvice.Precompiled;

namespace RetakeAdvice.Evaluation;

/// <summary>
/// What one pass of <see cref="AdvicePipeline"/> did with each rule: fired or not, suppressed and by whom, the
/// escalation, every item of a per-item rule, what threw. <c>explain</c> and the JSON rule tests read it; advice
/// passes none and pays nothing for it. One trace records one pass.
/// </summary>
internal sealed class EvaluationTrace
{
    private const int MaxListItemsShown = 10;

    private readonly CompiledRuleSet _rules;
    private readonly RuleTrace[] _traces;

    /// <param name="rules">The snapshot the pass runs on.</param>
    /// <param name="recordErrors">
    /// Record a rule that throws and go on with the next (<c>explain</c>); otherwise the pass throws
    /// <see cref="RuleEvaluationException"/> as advice does.
    /// </param>
    public EvaluationTrace(CompiledRuleSet rules, bool recordErrors)
    {
        _rules = rules;
        RecordErrors = recordErrors;
        _traces = new RuleTrace[rules.Rules.Count];
        for (var i = 0; i < _traces.Length; i++)
        {
            _traces[i] = new RuleTrace { Outcome = RuleOutcome.NotReached };
        }
    }

    public bool RecordErrors { get; }

    /// <summary>The facts the pass derived; set once the profile is valid.</summary>
    public AdviceFacts? Facts { get; set; }

    /// <summary>The pass's readiness, weeks estimate and the rule that suppressed the estimate, once it ends.</summary>
    public (Readiness Readiness, StudyWeeks? Weeks, CompiledRule? WeeksSuppressedBy)? Outcome { get; set; }

    public RuleOutcome OutcomeOf(CompiledRule rule) => _traces[rule.Index].Outcome;

    /// <summary>A per-item rule's items, when its gate held; otherwise null.</summary>
    public IReadOnlyList<ExplainedItem>? ItemsOf(CompiledRule rule) => _traces[rule.Index].Items;

    /// <summary>Whether a rule's escalation held; null when it was not reached.</summary>
    public bool? EscalatedOf(CompiledRule rule) => _traces[rule.Index].Escalated;

    /// <summary>The id of the rule that suppressed a rule, or null.</summary>
    public string? SuppressorOf(CompiledRule rule) => _traces[rule.Index].SuppressedBy;

    public void Set(CompiledRule rule, RuleOutcome outcome) => _traces[rule.Index].Outcome = outcome;

    public void Suppressed(CompiledRule rule, CompiledRule by)
    {
        _traces[rule.Index].Outcome = RuleOutcome.Suppressed;
        _traces[rule.Index].SuppressedBy = by.Id;
    }

    public void Escalation(CompiledRule rule, bool held) => _traces[rule.Index].Escalated = held;

    public void Fired(CompiledRule rule, AdviceIndicator? indicator)
    {
        _traces[rule.Index].Outcome = RuleOutcome.Fired;
        _traces[rule.Index].Indicator = indicator;
    }

    public void Items(CompiledRule rule, List<PickedItem> picked, List<string> unmatched, int keep)
    {
        var items = new List<ExplainedItem>(picked.Count + unmatched.Count);
        for (var i = 0; i < picked.Count; i++)
        {
            items.Add(new ExplainedItem { Target = picked[i].Name, Matched = true, Score = picked[i].Score, Kept = i < keep });
        }

        foreach (var name in unmatched)
        {
            items.Add(new ExplainedItem { Target = name, Matched = false, Score = 0, Kept = false });
        }

        _traces[rule.Index].Items = items;
    }

    public void Failed(CompiledRule rule, string part, Exception exception)
    {
        _traces[rule.Index].Outcome = RuleOutcome.Failed;
        _traces[rule.Index].Indicator = null;
        _traces[rule.Index].Error = $"threw while evaluating its {part}: {exception.GetType().Name}: {exception.Message}";
    }

    /// <summary>The trace as an explanation: every rule in file order, with the values its gate and escalation read.</summary>
    public AdviceExplanation ToExplanation(RetakeProfile profile)
    {
        var facts = Facts ?? throw new InvalidOperationException("the pass did not derive facts");
        var (readiness, weeks, weeksSuppressedBy) = Outcome ?? throw new InvalidOperationException("the pass did not end");
        var explained = new List<RuleExplanation>(_traces.Length);
        foreach (var rule in _rules.Rules.Where(r => r.Card is not null).Concat(_rules.ReadinessRules))
        {
            var trace = _traces[rule.Index];
            var outcome = rule.Enabled ? trace.Outcome : RuleOutcome.Disabled;

            // A rule the pass did not evaluate read nothing: it shows no values.
            var values = outcome is RuleOutcome.Suppressed or RuleOutcome.NotReached
                ? []
                : Array.ConvertAll(rule.Terms.Value, t => new ExplainedValue { Name = t.Name, Value = Read(t.Value, profile, facts) });
            var escalation = rule.Card?.Escalation;
            explained.Add(new RuleExplanation
            {
                Id = rule.Id,
                File = rule.File,
                Expression = rule.ExpressionText,
                Outcome = outcome,
                Indicator = trace.Indicator,
                Readiness = rule.Verdict?.Status,
                Values = values,
                Escalation = trace.Escalated is null ? null : escalation?.WhenText,
                Escalated = trace.Escalated,
                Items = trace.Items,
                Error = trace.Error,
                SuppressedBy = trace.SuppressedBy,
            });
        }

        return new AdviceExplanation
        {
            RuleSet = _rules.Info,
            AsOf = facts.AsOf,
            Readiness = readiness,
            EstimatedStudyWeeks = weeks,
            StudyWeeksSuppressedBy = weeksSuppressedBy?.Id,
            Rules = explained,
        };
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

    /// <summary>A value as explain shows it: null, strings quoted, lists in brackets, records by their fields.</summary>
    internal static string Render(object? value)
    {
        switch (value)
        {
            case null:
                return "null";
            case string text:
                // Quoted as in C#: a name holding a quote cannot close the quote and forge a field after it.
                return "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
            case IEnumerable items:
                var list = items.Cast<object?>().ToList();
                var shown = string.Join(", ", list.Take(MaxListItemsShown).Select(Render));
                return list.Count > MaxListItemsShown ? $"[{shown}, … ({list.Count} items)]" : $"[{shown}]";
            case var record when record.GetType().Assembly == typeof(EvaluationTrace).Assembly:
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

    private struct RuleTrace
    {
        public RuleOutcome Outcome;
        public AdviceIndicator? Indicator;
        public bool? Escalated;
        public List<ExplainedItem>? Items;
        public string? Error;
        public string? SuppressedBy;
    }
}
