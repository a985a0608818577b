using RetakeAdvice.Evaluation;
using RetakeAdvice.Loading;
using RetakeAdvice.Model;

namespace RetakeAdvice.Testing;

public sealed partial class RuleTestSuite
{
    // The suite's folder and cases never change, so neither does its coverage: test --coverage --mutate measures it once.
    private RuleCoverageReport? _coverage;

    /// <summary>
    /// Rule coverage: for every rule, the cases where it fired, did not fire and was suppressed; for a per-item rule,
    /// where items were kept and dropped; for an escalation, both outcomes; and for every comparison against a numeric
    /// parameter, the cases on each side. A side no case sees is a side no test pins. The rules are loaded again from
    /// the suite's folder with each such comparison instrumented (advice never pays for it). Cases whose profile does
    /// not read, or on which a rule throws, are left out (they fail when run).
    /// </summary>
    /// <returns>The coverage, per rule in the rule set's order, and for the manifest's shared conditions.</returns>
    /// <exception cref="RuleSetException">The suite's rule folder does not load.</exception>
    public RuleCoverageReport Coverage() => _coverage ??= MeasureCoverage();

    private RuleCoverageReport MeasureCoverage()
    {
        var probes = new ThresholdProbes();
        var rules = RuleSetLoader.Parse(Folder, probes);
        var sites = probes.Sites;
        var sides = rules.Rules.Select(r => new RuleSides(r)).ToArray();
        var held = sites.Select(_ => new List<string>()).ToArray();
        var notHeld = sites.Select(_ => new List<string>()).ToArray();
        var unknown = sites.Select(_ => new List<string>()).ToArray();
        foreach (var testCase in Cases)
        {
            if (testCase.Profile is null)
            {
                continue;
            }

            var trace = new EvaluationTrace(rules, recordErrors: false);
            var hits = new ThresholdHits(sites.Count);
            try
            {
                using (ThresholdProbes.Collect(hits))
                {
                    AdvicePipeline.Run(rules, testCase.Profile, Today, trace, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is ProfileValidationException or RuleEvaluationException)
            {
                continue;
            }

            var name = testCase.ToString();
            foreach (var side in sides)
            {
                side.Add(trace, name);
            }

            for (var i = 0; i < sites.Count; i++)
            {
                if (hits.Held(i))
                {
                    held[i].Add(name);
                }

                if (hits.NotHeld(i))
                {
                    notHeld[i].Add(name);
                }

                if (hits.Unknown(i))
                {
                    unknown[i].Add(name);
                }
            }
        }

        var thresholds = sites.Select((site, i) => (Site: site, Coverage: new ThresholdCoverage
        {
            Parameter = site.Parameter,
            Comparison = site.Comparison,
            Path = $"{site.File} {site.Path}",
            Held = held[i],
            NotHeld = notHeld[i],
            Unknown = unknown[i],
            Operand = site.Operand,
            Operator = site.Operator,
            Rule = site.Rule,
        })).ToArray();
        return new RuleCoverageReport
        {
            Rules = [.. sides.Select(s => s.ToCoverage(thresholds.Where(t => t.Site.Rule == s.Rule.Id).Select(t => t.Coverage)))],
            SharedThresholds = [.. thresholds.Where(t => t.Site.Rule is null).Select(t => t.Coverage)],
            LiteralComparisons = [.. probes.Literals.Distinct()],
        };
    }

    /// <summary>What the cases saw one rule do, collected case by case.</summary>
    private sealed class RuleSides(CompiledRule rule)
    {
        private readonly List<string> _fired = [];
        private readonly List<string> _notFired = [];
        private readonly List<string> _suppressed = [];
        private readonly List<string>? _kept = rule.Card?.Target is null ? null : [];
        private readonly List<string>? _dropped = rule.Card?.Target is null ? null : [];
        private readonly List<string>? _escalated = rule.Card?.Escalation is null ? null : [];
        private readonly List<string>? _notEscalated = rule.Card?.Escalation is null ? null : [];

        public CompiledRule Rule => rule;

        public void Add(EvaluationTrace trace, string name)
        {
            switch (trace.OutcomeOf(rule))
            {
                case RuleOutcome.Fired:
                    _fired.Add(name);
                    break;
                case RuleOutcome.Suppressed:
                    _suppressed.Add(name);
                    break;
                case RuleOutcome.NotFired or RuleOutcome.NotReached:
                    _notFired.Add(name);
                    break;
            }

            if (trace.ItemsOf(rule) is { } items)
            {
                if (items.Any(i => i.Kept))
                {
                    _kept?.Add(name);
                }

                if (items.Any(i => !i.Kept))
                {
                    _dropped?.Add(name);
                }
            }

            switch (trace.EscalatedOf(rule))
            {
                case true:
                    _escalated?.Add(name);
                    break;
                case false:
                    _notEscalated?.Add(name);
                    break;
            }
        }

        public RuleCoverage ToCoverage(IEnumerable<ThresholdCoverage> thresholds) => new()
        {
            Rule = rule.Id,
            Disabled = !rule.Enabled,
            Fired = _fired,
            NotFired = _notFired,
            Suppressed = _suppressed,
            ItemsKept = _kept,
            ItemsDropped = _dropped,
            Escalated = _escalated,
            NotEscalated = _notEscalated,
            Thresholds = [.. thresholds],
        };
    }
}
