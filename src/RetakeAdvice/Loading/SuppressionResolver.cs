using RetakeAdvice.Model;
using RetakeAdvice.Primitives;

namespace RetakeAdvice.Loading;

/// <summary>
/// Resolves what each rule suppresses (<c>"suppresses": ["rule.id", "category:topics", "estimatedStudyWeeks"]</c>)
/// once every workflow file is read: unknown ids and categories and suppression cycles are refused with file, rule
/// and position. Then orders the card rules so that every rule comes after each rule that can suppress it.
/// </summary>
internal static class SuppressionResolver
{
    public const string StudyWeeksTarget = "estimatedStudyWeeks";
    public const string CategoryPrefix = "category:";

    /// <summary>The rules with their indexes and suppressions set, and the card rules in evaluation order; null with errors.</summary>
    public static (CompiledRule[] Rules, CompiledRule[] CardOrder)? Resolve(IReadOnlyList<WorkflowReader.Draft> drafts, List<RuleSetError> errors)
    {
        var before = errors.Count;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < drafts.Count; i++)
        {
            index[drafts[i].Rule.Id] = i;
        }

        var rules = new CompiledRule[drafts.Count];
        var edges = new List<int>[drafts.Count];
        var via = new Dictionary<(int From, int To), string>(); // the entry that made each edge, for messages
        for (var i = 0; i < drafts.Count; i++)
        {
            var (rule, entries, fields, _) = drafts[i];
            edges[i] = [];
            var weeks = false;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (target, path) in entries)
            {
                if (!seen.Add(target))
                {
                    fields.Error(rule.Id, path, $"\"{target}\" is listed twice");
                }
                else if (target == StudyWeeksTarget)
                {
                    weeks = true;
                }
                else if (target.StartsWith(CategoryPrefix, StringComparison.Ordinal))
                {
                    foreach (var other in Category(drafts, i, target[CategoryPrefix.Length..], path))
                    {
                        edges[i].Add(other);
                        via.TryAdd((i, other), target);
                    }
                }
                else if (index.TryGetValue(target, out var other) && other != i)
                {
                    edges[i].Add(other);
                    via.TryAdd((i, other), target);
                }
                else
                {
                    fields.Error(rule.Id, path, other == i && index.ContainsKey(target)
                        ? "a rule cannot suppress itself"
                        : $"there is no rule '{target}' to suppress{Suggest(target, [.. index.Keys.Where(id => id != rule.Id), StudyWeeksTarget])}; write a rule id, \"{CategoryPrefix}<category>\" or \"{StudyWeeksTarget}\"");
                }
            }

            var targets = edges[i].Distinct().Order().ToArray();
            edges[i] = [.. targets];
            rules[i] = rule with
            {
                Index = i,
                Suppresses = targets.Length > 0 || weeks ? new CompiledSuppression(targets, weeks) : null,
            };
        }

        if (errors.Count > before || !Acyclic(drafts, edges, via))
        {
            return null;
        }

        return (rules, CardOrder(rules, edges));
    }

    /// <summary>The rules of a category other than the suppressor; reports a category that holds no other rule.</summary>
    private static List<int> Category(IReadOnlyList<WorkflowReader.Draft> drafts, int suppressor, string category, string path)
    {
        var targets = new List<int>();
        var found = false;
        for (var j = 0; j < drafts.Count; j++)
        {
            if (drafts[j].Rule.Card?.Category == category)
            {
                found = true;
                if (j != suppressor)
                {
                    targets.Add(j); // a category never includes the rule that suppresses it
                }
            }
        }

        var (rule, _, fields, _) = drafts[suppressor];
        if (!found)
        {
            var categories = drafts.Select(d => d.Rule.Card?.Category).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();
            fields.Error(rule.Id, path, $"there is no card rule of category '{category}'{Suggest(category, categories)}; the categories are: {string.Join(", ", categories)}");
        }
        else if (targets.Count == 0)
        {
            fields.Error(rule.Id, path, $"the category '{category}' holds no rule but this one, so it suppresses nothing");
        }

        return targets;
    }

    /// <summary>Reports each suppression cycle once, at the rule that closes it.</summary>
    private static bool Acyclic(IReadOnlyList<WorkflowReader.Draft> drafts, List<int>[] edges, Dictionary<(int From, int To), string> via)
    {
        var state = new byte[drafts.Count]; // 0 new, 1 on the current path, 2 done
        var path = new List<int>();
        var acyclic = true;
        for (var i = 0; i < drafts.Count; i++)
        {
            Visit(i);
        }

        return acyclic;

        void Visit(int node)
        {
            if (state[node] != 0)
            {
                return;
            }

            state[node] = 1;
            path.Add(node);
            foreach (var next in edges[node])
            {
                if (state[next] == 1)
                {
                    var nodes = path.Skip(path.IndexOf(next)).Append(next).ToList();
                    var cycle = new System.Text.StringBuilder(drafts[nodes[0]].Rule.Id);
                    for (var k = 1; k < nodes.Count; k++)
                    {
                        var entry = via[(nodes[k - 1], nodes[k])];
                        cycle.Append(" suppresses ").Append(drafts[nodes[k]].Rule.Id);
                        if (entry != drafts[nodes[k]].Rule.Id)
                        {
                            cycle.Append(" (through \"").Append(entry).Append("\")");
                        }
                    }

                    var (rule, entries, fields, _) = drafts[node];
                    var closing = entries.FirstOrDefault(e => e.Target == via[(node, next)]);
                    fields.Error(rule.Id, closing.Path ?? rule.Path, $"suppression cycle: {cycle}; one of them must stop suppressing the other");
                    acyclic = false;
                }
                else
                {
                    Visit(next);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
        }
    }

    /// <summary>
    /// The card rules in an order where every suppressor comes before what it suppresses, and otherwise the order
    /// their cards rank in (so a call's cards arrive almost sorted).
    /// </summary>
    private static CompiledRule[] CardOrder(CompiledRule[] rules, List<int>[] edges)
    {
        var waiting = new int[rules.Length];
        foreach (var targets in edges)
        {
            foreach (var target in targets)
            {
                waiting[target]++;
            }
        }

        var ready = new PriorityQueue<CompiledRule, CompiledRule>(Comparer<CompiledRule>.Create(Model.CardOrder.Compare));
        foreach (var rule in rules)
        {
            if (rule.Card is not null && waiting[rule.Index] == 0)
            {
                ready.Enqueue(rule, rule);
            }
        }

        var order = new List<CompiledRule>(rules.Length);
        while (ready.TryDequeue(out var rule, out _))
        {
            order.Add(rule);
            foreach (var target in edges[rule.Index])
            {
                if (--waiting[target] == 0 && rules[target].Card is not null)
                {
                    ready.Enqueue(rules[target], rules[target]);
                }
            }
        }

        return [.. order];
    }

    /// <summary>" (did you mean 'x'?)" for the closest name within a quarter of its length (at least 2 edits), else nothing.</summary>
    internal static string Suggest(string text, IEnumerable<string> names) =>
        Spelling.Nearest(text, names, Math.Max(2, text.Length / 4)) is { } nearest ? $" (did you mean '{nearest}'?)" : string.Empty;
}
