using System.Collections;
using System.Globalization;
using RetakeAdvice.Facts;
using RetakeAdvice.Loading;
using RetakeAdvice.Ranking;
using RetakeAdvice.Validation;
using RulesEngine.Models;

namespace RetakeAdvice.Evaluation;

/// <summary>
/// One immutable, fully compiled snapshot of a rule set. Evaluating it runs compiled delegates only: no parsing,
/// no per-rule result trees. Safe to share between threads.
/// </summary>
internal sealed class CompiledRuleSet
{
    public const int ReportSchemaVersion = 1;

    public CompiledRuleSet(RuleSetInfo info, Manifest manifest, ReadinessTexts readiness, CompiledRule[] rules, Workflow[] workflows, string[] workflowFiles)
    {
        WorkflowFiles = workflowFiles;
        Info = info;
        Manifest = manifest;
        Readiness = readiness;
        Rules = rules;
        Workflows = workflows;
        RuleIds = Array.AsReadOnly(rules.Select(r => r.Id).ToArray());
        _rankOrder = RecommendationRanker.StaticOrder(rules);
    }

    /// <summary>
    /// The rules in the order their cards rank when no escalation applies: evaluating them in this order gives a
    /// list that is already almost sorted, so ranking it is close to one pass.
    /// </summary>
    private readonly CompiledRule[] _rankOrder;

    public IReadOnlyList<string> RuleIds { get; }

    /// <summary>The workflow files the snapshot was loaded from, relative to the folder.</summary>
    public IReadOnlyList<string> WorkflowFiles { get; }

    public RuleSetInfo Info { get; }

    public Manifest Manifest { get; }

    public ReadinessTexts Readiness { get; }

    public IReadOnlyList<CompiledRule> Rules { get; }

    /// <summary>The same rules in RulesEngine's own model, for running them through RulesEngine as an oracle.</summary>
    public IReadOnlyList<Workflow> Workflows { get; }

    /// <summary>Checks the profile against the limits and the manifest's standards, then derives the facts.</summary>
    /// <exception cref="ProfileValidationException">The profile is not valid.</exception>
    public AdviceFacts Prepare(RetakeProfile profile, DateOnly today)
    {
        var errors = new ProfileErrors();
        ProfileValidator.Validate(profile, Manifest.StandardOn, errors, profile.AsOf ?? today);
        errors.ThrowIfAny();
        return FactsBuilder.Build(profile, Manifest, profile.AsOf ?? today);
    }

    /// <exception cref="ProfileValidationException">The profile is not valid.</exception>
    /// <exception cref="RuleEvaluationException">A rule threw.</exception>
    public AdviceReport Advise(RetakeProfile profile, DateOnly today, CancellationToken cancellationToken)
    {
        // Expressions may format values (string concatenation calls ToString): the same input must give the
        // same bytes on every host, whatever its culture.
        var culture = CultureInfo.CurrentCulture;
        if (culture.Equals(CultureInfo.InvariantCulture))
        {
            return AdviseCore(profile, today, cancellationToken);
        }

        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return AdviseCore(profile, today, cancellationToken);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    private AdviceReport AdviseCore(RetakeProfile profile, DateOnly today, CancellationToken cancellationToken)
    {
        var facts = Prepare(profile, today);
        var scratch = Scratch.Acquire(_rankOrder.Length + 16);
        foreach (var rule in _rankOrder)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (rule.Enabled)
            {
                Evaluate(rule, profile, facts, scratch);
            }
        }

        var recommendations = RecommendationRanker.Rank(scratch.Ranked);
        scratch.Release();
        return new AdviceReport
        {
            SchemaVersion = ReportSchemaVersion,
            RuleSet = Info,
            AsOf = facts.AsOf,
            Readiness = JudgeReadiness(profile, facts),
            EstimatedStudyWeeks = facts.FailureBand is { } band && Manifest.WeeksByBand.TryGetValue(band, out var weeks) ? weeks : null,
            Recommendations = recommendations,
        };
    }

    private static void Evaluate(CompiledRule rule, RetakeProfile profile, AdviceFacts facts, Scratch scratch)
    {
        var output = scratch.Ranked;
        var part = "Expression";
        try
        {
            if (!rule.Gate(profile, facts, null))
            {
                return;
            }

            var indicator = rule.Indicator;
            string? escalationBecause = null;
            if (rule.Escalation is { } escalation)
            {
                part = "escalation";
                if (escalation.When(profile, facts, null))
                {
                    indicator = escalation.Indicator > indicator ? escalation.Indicator : indicator;
                    escalationBecause = escalation.Because?.Render(profile, facts, null);
                }
            }

            if (rule.Target is not { } target)
            {
                part = "card";
                output.Add(new RankedRecommendation(Card(rule, indicator, escalationBecause, profile, facts, null, null), rule.PinFirst, 0, output.Count));
                return;
            }

            var picked = scratch.Picked;
            picked.Clear();
            var keep = PickItems(target, profile, facts, picked, unmatched: null, ref part);
            part = "card";
            for (var i = 0; i < picked.Count && i < keep; i++)
            {
                var (item, score, name, _) = picked[i];
                output.Add(new RankedRecommendation(Card(rule, indicator, escalationBecause, profile, facts, item, name), rule.PinFirst, score, output.Count));
            }

            picked.Clear();
        }
        catch (Exception ex) when (ex is not (RuleEvaluationException or OperationCanceledException))
        {
            throw new RuleEvaluationException(rule.File, rule.Id, part, ex);
        }
    }

    /// <summary>
    /// Runs a per-item rule's parts: the items that match, scored and named, in rank order (score, highest first,
    /// then name, then list order); returns how many to keep. Unknown (null) collections give no items. With
    /// <paramref name="unmatched"/> (explain) every matching item is returned; without it (advise) only the kept
    /// ones, chosen by a bounded insertion, so 10 kept of 10,000 items cost no full sort.
    /// </summary>
    internal static int PickItems(CompiledTarget target, RetakeProfile profile, AdviceFacts facts, List<PickedItem> picked, List<string>? unmatched, ref string part)
    {
        part = "target.keep";
        var keep = target.Keep?.Invoke(profile, facts, null) ?? int.MaxValue;
        if (keep < 0)
        {
            throw new InvalidOperationException($"keep is negative ({keep})");
        }

        part = "target.items";
        var items = target.Items(profile, facts, null);
        if (items is null)
        {
            return 0;
        }

        var bounded = unmatched is null && keep != int.MaxValue;
        if (bounded && picked.Capacity < keep + 1)
        {
            picked.Capacity = Math.Min(keep + 1, 1024);
        }

        var order = 0;
        // Lists (the usual case: facts.Topics is an array) are walked by index, without an enumerator.
        if (items is IList list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                Consider(list[i], ref part);
            }
        }
        else
        {
            foreach (var item in items)
            {
                Consider(item, ref part);
            }
        }

        if (!bounded)
        {
            picked.Sort(ItemRank.Instance);
        }

        return Math.Min(keep, picked.Count);

        void Consider(object? item, ref string part)
        {
            part = "target.where";
            if (target.Where is { } where && !where(profile, facts, item))
            {
                if (unmatched is not null)
                {
                    part = "target.name";
                    unmatched.Add(target.Name(profile, facts, item) ?? string.Empty);
                }

                return;
            }

            part = "target.score";
            var score = target.Score?.Invoke(profile, facts, item) ?? 0;
            if (bounded && picked.Count == keep && (keep == 0 || score < picked[^1].Score))
            {
                order++;
                return; // cannot make the cut: ranks after the current last on score alone
            }

            part = "target.name";
            var name = target.Name(profile, facts, item)
                ?? throw new InvalidOperationException("the target name of an item is null");
            var candidate = new PickedItem(item, score, name, order++);
            if (!bounded)
            {
                picked.Add(candidate);
                return;
            }

            var at = picked.BinarySearch(candidate, ItemRank.Instance);
            at = at < 0 ? ~at : at;
            if (at < keep)
            {
                if (picked.Count == keep)
                {
                    picked.RemoveAt(picked.Count - 1);
                }

                picked.Insert(at, candidate);
            }
        }
    }

    /// <summary>The rank of a per-item rule's items: score (highest first), then name (ordinal), then list order.</summary>
    private sealed class ItemRank : IComparer<PickedItem>
    {
        public static readonly ItemRank Instance = new();

        public int Compare(PickedItem a, PickedItem b)
        {
            var byScore = b.Score.CompareTo(a.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : a.Order.CompareTo(b.Order);
        }
    }

    private static Recommendation Card(CompiledRule rule, AdviceIndicator indicator, string? escalationBecause, RetakeProfile profile, AdviceFacts facts, object? item, string? target)
    {
        var because = escalationBecause is null && rule.ConstantBecause is { } constantBecause
            ? constantBecause
            : Because(rule, escalationBecause, profile, facts, item);
        var actions = rule.ConstantActions ?? Actions(rule, profile, facts, item);
        return new Recommendation
        {
            Id = rule.Id,
            Target = target,
            Step = rule.Step,
            Category = rule.Category,
            Indicator = indicator,
            Priority = rule.Priority,
            Summary = rule.Summary.Render(profile, facts, item),
            Detail = rule.Detail?.Render(profile, facts, item),
            Because = because,
            Actions = actions,
            Source = rule.Source,
        };
    }

    private static List<string> Because(CompiledRule rule, string? escalationBecause, RetakeProfile profile, AdviceFacts facts, object? item)
    {
        var because = new List<string>(rule.Because.Length + 1);
        foreach (var template in rule.Because)
        {
            // A line that renders empty is left out: it lets a rule state a fact only when it applies.
            var line = template.Render(profile, facts, item);
            if (!string.IsNullOrWhiteSpace(line))
            {
                because.Add(line);
            }
        }

        if (escalationBecause is not null)
        {
            because.Add(escalationBecause);
        }

        return because;
    }

    private static List<AdviceAction> Actions(CompiledRule rule, RetakeProfile profile, AdviceFacts facts, object? item)
    {
        var actions = new List<AdviceAction>(rule.Actions.Length);
        foreach (var action in rule.Actions)
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

    private Readiness JudgeReadiness(RetakeProfile profile, AdviceFacts facts)
    {
        var because = new List<string>();
        if (facts.AttemptsLeft <= 0)
        {
            because.Add(Readiness.NoAttemptsLeft.Render(profile, facts, null));
        }

        if (facts.PracticeVerdict is { } verdict && verdict != FactNames.Passed)
        {
            because.Add(Readiness.LatestNotPassing.Render(profile, facts, null));
        }

        if (facts.PracticeExamsSinceFailure == 0)
        {
            because.Add(Readiness.NoneSinceFailure.Render(profile, facts, null));
        }

        if (because.Count > 0)
        {
            return new Readiness { Status = ReadinessStatus.NotReady, Because = because };
        }

        return facts.PracticeVerdict == FactNames.Passed
            ? new Readiness { Status = ReadinessStatus.Ready, Because = [Readiness.LatestPassed.Render(profile, facts, null)] }
            : new Readiness { Status = ReadinessStatus.Unknown, Because = [Readiness.Unknown.Render(profile, facts, null)] };
    }
}

/// <summary>
/// The working lists of one advice call, kept per thread and reused: a call allocates what its report holds, not
/// the lists it ranks and picks in. A call that throws drops its lists; lists grown past 1,024 are dropped too.
/// </summary>
internal sealed class Scratch
{
    private const int MaxKeptCapacity = 1024;

    [ThreadStatic]
    private static Scratch? t_cached;

    public List<RankedRecommendation> Ranked { get; } = new(64);

    public List<PickedItem> Picked { get; } = new(16);

    public static Scratch Acquire(int capacity)
    {
        var scratch = t_cached ?? new Scratch();
        t_cached = null;
        scratch.Ranked.Clear();
        scratch.Ranked.EnsureCapacity(capacity);
        return scratch;
    }

    /// <summary>Clears the lists (they hold the report's cards and the profile's items) and keeps them for the thread's next call.</summary>
    public void Release()
    {
        Ranked.Clear();
        Picked.Clear();
        if (Ranked.Capacity <= MaxKeptCapacity && Picked.Capacity <= MaxKeptCapacity)
        {
            t_cached = this;
        }
    }
}

/// <summary>An item a per-item rule matched: the item, its score, its target name, its place in the list.</summary>
internal readonly record struct PickedItem(object? Item, double Score, string Name, int Order);
