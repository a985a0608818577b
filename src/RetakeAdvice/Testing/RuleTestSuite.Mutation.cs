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
        if (CheckEquivalents([.. made.Select(m => m.Mutant)]) is { Count: > 0 } wrong)
        {
            throw new RuleSetException(Location, wrong);
        }
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
            // Without a line and column: they would point into the mutant's copy, not the author's file.
            return mutant with { Outcome = MutantOutcome.Refused, Refusal = ex.Errors.Count > 0 ? (ex.Errors[0] with { Line = null, Column = null }).ToString() : ex.Message };
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

    /// <summary>
    /// The <c>equivalentMutants</c> entries that name no mutant of the suite's rule folder (a misspelt parameter or
    /// rule, a rule without an escalation): each a problem with its test file, line and path, and the nearest name.
    /// <c>retake-advice validate</c> reports them; <see cref="Mutate"/> refuses to run with them.
    /// </summary>
    /// <returns>The problems; empty when every entry names a mutant.</returns>
    public IReadOnlyList<RuleSetError> CheckEquivalentMutants() => CheckEquivalents([.. MutantGenerator.Make(Folder).Select(m => m.Mutant)]);

    private List<RuleSetError> CheckEquivalents(RuleMutant[] mutants)
    {
        var errors = new List<RuleSetError>();
        foreach (var entry in EquivalentMutants.Where(e => !mutants.Any(e.Matches)))
        {
            var kind = EquivalentMutant.KindName(entry.Kind);
            var names = mutants.Where(m => m.Kind == entry.Kind).Select(m => m.Rule is not null && m.Parameter is null ? m.Rule : m.Parameter!).Distinct().ToArray();
            var nearest = Primitives.Spelling.Nearest(entry.Name, names);
            var content = Folder.Tests.FirstOrDefault(t => t.Path == entry.File)?.Content;
            new JsonFields(entry.File, errors, content).Error(
                null, entry.Path, $"names no {kind} mutant: '{entry.Name}' is not among them{(nearest is null ? string.Empty : $" (did you mean '{nearest}'?)")}");
        }

        return errors;
    }

    /// <summary>What test would catch a surviving mutant, from what the cases saw the rules do.</summary>
    private static string Hint(RuleMutant mutant, Model.CompiledRuleSet rules, RuleCoverageReport coverage)
    {
        var compiled = rules.Rules.FirstOrDefault(r => r.Id == mutant.Rule);
        var rule = coverage.Rules.FirstOrDefault(r => r.Rule == mutant.Rule);
        var readiness = compiled?.Verdict is not null;
        var own = compiled is null ? string.Empty : $"{RuleFolder.TestsFolder}/{compiled.File}: ";

        // A case from the rule's own test file says more than one that happens to touch it.
        string? Pick(IReadOnlyList<string>? cases) =>
            cases is null || cases.Count == 0 ? null : cases.FirstOrDefault(c => c.StartsWith(own, StringComparison.Ordinal)) ?? cases[0];

        switch (mutant.Kind)
        {
            case MutantKind.RuleOff when Pick(rule?.Fired) is { } fired:
                return readiness
                    ? $"expect the verdict where it decides: add \"readiness\": {{ \"decidedBy\": \"{mutant.Rule}\" }} to \"{fired}\""
                    : $"expect the card where it fires: add \"{mutant.Rule}\" to expect.present in \"{fired}\"";
            case MutantKind.RuleOff:
                return $"no case makes {mutant.Rule} fire: add one whose profile meets its Expression, and expect it";
            case MutantKind.RuleForcedOn when Pick(rule?.NotFired) is { } quiet:
                return readiness
                    ? $"expect which rule decides where it does not: add \"readiness\": {{ \"decidedBy\": … }} to \"{quiet}\""
                    : $"expect it to stay quiet where it does: add \"{mutant.Rule}\" to expect.absent in \"{quiet}\"";
            case MutantKind.RuleForcedOn:
                return $"no case keeps {mutant.Rule} quiet: add one whose profile misses its Expression, with \"{mutant.Rule}\" under expect.absent";
            case MutantKind.EscalationFlipped:
                var escalated = Pick(rule?.Escalated);
                var plain = Pick(rule?.NotEscalated);
                return escalated is null && plain is null
                    ? $"no case makes {mutant.Rule} fire: add one, and expect its indicator"
                    : $"pin its indicator: add {{ \"id\": \"{mutant.Rule}\", \"indicator\": … }} to expect.present in \"{escalated ?? plain}\"{(escalated is null || plain is null ? " and add a case where the escalation goes the other way" : string.Empty)}";
            default:
                return ParameterHint(mutant, coverage);
        }
    }

    /// <summary>
    /// For a nudged parameter: the value of each compared operand that the change moves across the line, and which way.
    /// For <c>x &gt;= P</c> raised to P + 1 that is x = P (it holds today, not with the mutant); lowered to P − 1,
    /// x = P − 1 (it does not hold today, and would).
    /// </summary>
    private static string ParameterHint(RuleMutant mutant, RuleCoverageReport coverage)
    {
        var sites = coverage.Rules.SelectMany(r => r.Thresholds).Concat(coverage.SharedThresholds).Where(t => t.Parameter == mutant.Parameter).ToArray();
        if (mutant.Values is not { } values || sites.Length == 0)
        {
            return $"no rule compares against it directly: add a case whose expected cards, order, counts, minutes, weeks or readiness change when {mutant.Parameter} moves from {Number(mutant.Values?.From)} to {Number(mutant.Values?.To)}";
        }

        var (from, to) = values;
        var lines = sites
            .Select(site =>
            {
                var value = Crossing(site.Operator, from, to);
                var today = Holds(site.Operator, value, from);
                return $"a case where {site.Operand} is {Number(value)} ({site.Comparison} {(today ? "holds" : "does not hold")} there today and {(today ? "would not" : "would")} with {Number(to)}), expecting what {site.Rule ?? "the rules"} give{(site.Rule is null ? string.Empty : "s")} it today";
            })
            .Distinct()
            .Take(3);
        return "add " + string.Join("; or ", lines) + " (retake-advice explain shows it)";
    }

    /// <summary>The value of the operand at which the comparison against <paramref name="from"/> and <paramref name="to"/> differs.</summary>
    private static decimal Crossing(System.Linq.Expressions.ExpressionType type, decimal from, decimal to) => type switch
    {
        System.Linq.Expressions.ExpressionType.GreaterThanOrEqual or System.Linq.Expressions.ExpressionType.LessThan => Math.Min(from, to),
        System.Linq.Expressions.ExpressionType.GreaterThan or System.Linq.Expressions.ExpressionType.LessThanOrEqual => Math.Max(from, to),
        _ => from, // == and !=: at the value as written
    };

    private static bool Holds(System.Linq.Expressions.ExpressionType type, decimal value, decimal threshold) => type switch
    {
        System.Linq.Expressions.ExpressionType.GreaterThanOrEqual => value >= threshold,
        System.Linq.Expressions.ExpressionType.GreaterThan => value > threshold,
        System.Linq.Expressions.ExpressionType.LessThanOrEqual => value <= threshold,
        System.Linq.Expressions.ExpressionType.LessThan => value < threshold,
        System.Linq.Expressions.ExpressionType.Equal => value == threshold,
        _ => value != threshold,
    };

    private static string Number(decimal? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}
