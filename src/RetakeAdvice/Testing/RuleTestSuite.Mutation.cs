using System.Diagnostics;
using RetakeAdvice.Loading;

namespace RetakeAdvice.Testing;

public sealed partial class RuleTestSuite
{
    /// <summary>
    /// Mutation testing of the rule tests: makes each mutant of the suite's rule folder (every rule switched off and
    /// forced on, every escalation negated, every numeric parameter and manifest threshold nudged by its smallest step
    /// both ways), loads it through the ordinary loader and runs the cases on it. A mutant no case fails on survived:
    /// the tests do not pin what it changes, and its <see cref="RuleMutant.Hint"/> says what test would.
    /// </summary>
    /// <param name="options">Parallelism and time budget; the default runs one mutant per processor, without a budget.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>Every mutant and what became of it.</returns>
    /// <exception cref="RuleSetException">The suite's rule folder does not load.</exception>
    /// <exception cref="InvalidOperationException">A case fails on the rules as they are: mutation testing needs a passing suite.</exception>
    public MutationReport Mutate(MutationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MutationOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxDegreeOfParallelism, 1, nameof(options));
        var started = Stopwatch.GetTimestamp();
        var rules = RuleSetLoader.Load(Folder);
        var failing = Cases.Where(c => !Run(rules, c).Passed).ToArray();
        if (failing.Length > 0 || Cases.Count == 0)
        {
            throw new InvalidOperationException(Cases.Count == 0
                ? $"{Location} has no test cases: mutation testing asks which changes a test notices."
                : $"{failing.Length} case(s) fail on the rules as they are ({string.Join("; ", failing.Take(3).Select(c => c.ToString()))}): fix them first; mutation testing asks which changes make a passing test fail.");
        }

        var coverage = Coverage();
        var made = MutantGenerator.Make(Folder);
        CheckEquivalents(made.Select(m => m.Mutant).ToArray());
        var results = new RuleMutant[made.Count];
        Parallel.For(
            0,
            made.Count,
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken },
            i =>
            {
                var (mutant, file) = made[i];
                results[i] = options.TimeBudget is { } budget && Stopwatch.GetElapsedTime(started) > budget
                    ? mutant with { Outcome = MutantOutcome.NotRun }
                    : RunMutant(mutant with { Because = EquivalentMutants.FirstOrDefault(e => e.Matches(mutant))?.Because }, file, coverage);
            });
        return new MutationReport { Mutants = results, Elapsed = Stopwatch.GetElapsedTime(started) };
    }

    private RuleMutant RunMutant(RuleMutant mutant, RuleFile file, RuleCoverageReport coverage)
    {
        Model.CompiledRuleSet rules;
        try
        {
            rules = RuleSetLoader.Load(Folder.With(file));
        }
        catch (RuleSetException ex)
        {
            return mutant with { Outcome = MutantOutcome.Refused, Refusal = ex.Errors.Count > 0 ? ex.Errors[0].ToString() : ex.Message };
        }

        foreach (var testCase in Cases)
        {
            if (!Run(rules, testCase).Passed)
            {
                return mutant with { Outcome = MutantOutcome.Killed, KilledBy = testCase.ToString() };
            }
        }

        return mutant.Because is not null
            ? mutant with { Outcome = MutantOutcome.Equivalent }
            : mutant with { Outcome = MutantOutcome.Survived, Hint = Hint(mutant, rules, coverage) };
    }

    /// <summary>An <c>equivalentMutants</c> entry that names no mutant is a mistake to report, never an entry to skip.</summary>
    private void CheckEquivalents(RuleMutant[] mutants)
    {
        var errors = new List<RuleSetError>();
        foreach (var entry in EquivalentMutants.Where(e => !mutants.Any(e.Matches)))
        {
            var kind = EquivalentMutant.KindName(entry.Kind);
            var names = mutants.Where(m => m.Kind == entry.Kind).Select(m => m.Rule is not null && m.Parameter is null ? m.Rule : m.Parameter!).Distinct().ToArray();
            var nearest = Primitives.Spelling.Nearest(entry.Name, names);
            errors.Add(new RuleSetError
            {
                File = entry.File,
                Path = entry.Path,
                Message = $"names no {kind} mutant: '{entry.Name}' is not among them{(nearest is null ? string.Empty : $" (did you mean '{nearest}'?)")}",
            });
        }

        if (errors.Count > 0)
        {
            throw new RuleSetException(Location, errors);
        }
    }

    /// <summary>What test would catch a surviving mutant, from what the cases saw the rules do.</summary>
    private static string Hint(RuleMutant mutant, Model.CompiledRuleSet rules, RuleCoverageReport coverage)
    {
        var rule = coverage.Rules.FirstOrDefault(r => r.Rule == mutant.Rule);
        var readiness = rules.Rules.FirstOrDefault(r => r.Id == mutant.Rule)?.Verdict is not null;
        switch (mutant.Kind)
        {
            case MutantKind.RuleOff when rule is { Fired.Count: > 0 }:
                return readiness
                    ? $"expect the verdict where it decides: add \"readiness\": {{ \"decidedBy\": \"{mutant.Rule}\" }} to \"{rule.Fired[0]}\""
                    : $"expect the card where it fires: add \"{mutant.Rule}\" to expect.present in \"{rule.Fired[0]}\"";
            case MutantKind.RuleOff:
                return $"no case makes {mutant.Rule} fire: add one whose profile meets its Expression, and expect it";
            case MutantKind.RuleForcedOn when rule is { NotFired.Count: > 0 }:
                return readiness
                    ? $"expect which rule decides where it does not: add \"readiness\": {{ \"decidedBy\": … }} to \"{rule.NotFired[0]}\""
                    : $"expect it to stay quiet where it does: add \"{mutant.Rule}\" to expect.absent in \"{rule.NotFired[0]}\"";
            case MutantKind.RuleForcedOn:
                return $"no case keeps {mutant.Rule} quiet: add one whose profile misses its Expression, with \"{mutant.Rule}\" under expect.absent";
            case MutantKind.EscalationFlipped:
                var escalated = rule?.Escalated is { Count: > 0 } e ? e[0] : null;
                var plain = rule?.NotEscalated is { Count: > 0 } p ? p[0] : null;
                return escalated is null && plain is null
                    ? $"no case makes {mutant.Rule} fire: add one, and expect its indicator"
                    : $"pin its indicator: add {{ \"id\": \"{mutant.Rule}\", \"indicator\": … }} to expect.present in \"{escalated ?? plain}\"{(escalated is null || plain is null ? " and add a case where the escalation goes the other way" : string.Empty)}";
            default:
                var comparisons = coverage.Rules.SelectMany(r => r.Thresholds.Select(t => (r.Rule, t)))
                    .Concat(coverage.SharedThresholds.Select(t => ((string)"shared", t)))
                    .Where(x => x.t.Parameter == mutant.Parameter)
                    .Select(x => $"{x.t.Comparison} in {x.Item1}")
                    .Distinct()
                    .ToArray();
                return comparisons.Length > 0
                    ? $"no case sits on the line: add a case exactly at the value and one a step past it, for {string.Join("; ", comparisons)}"
                    : $"no expectation depends on its exact value: add a case whose expected cards, order, counts, minutes or weeks change with {mutant.Parameter}";
        }
    }
}
