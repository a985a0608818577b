namespace RetakeAdvice.Testing;

/// <summary>What a mutant changes in the rule set.</summary>
public enum MutantKind
{
    /// <summary>A rule switched off (<c>"Enabled": false</c>).</summary>
    RuleOff,

    /// <summary>A rule's gate replaced by <c>true</c>.</summary>
    RuleForcedOn,

    /// <summary>A numeric parameter or threshold raised by its smallest step (1, or 0.1 for a value written 0.7).</summary>
    ParameterRaised,

    /// <summary>A numeric parameter or threshold lowered by its smallest step.</summary>
    ParameterLowered,

    /// <summary>An escalation's <c>when</c> negated.</summary>
    EscalationFlipped,
}

/// <summary>What became of a mutant.</summary>
public enum MutantOutcome
{
    /// <summary>A test case failed on it: the tests pin what it changes.</summary>
    Killed,

    /// <summary>Every test case passed on it: no test notices the change.</summary>
    Survived,

    /// <summary>The rule set did not load with the change (its own checks refuse it), so no test needs to catch it.</summary>
    Refused,

    /// <summary>The time budget ran out before it ran.</summary>
    NotRun,

    /// <summary>No case failed on it, and a test file's <c>equivalentMutants</c> says why none can (<see cref="RuleMutant.Because"/>).</summary>
    Equivalent,
}

/// <summary>One mutant of a rule set, and whether the rule tests caught it.</summary>
public sealed record RuleMutant
{
    /// <summary>What it changes.</summary>
    public required MutantKind Kind { get; init; }

    /// <summary>The change in words: <c>wellbeing.counseling switched off</c>, <c>counselingDistress 7 → 8</c>.</summary>
    public required string Description { get; init; }

    /// <summary>The rule file changed.</summary>
    public required string File { get; init; }

    /// <summary>The JSON path of the changed value.</summary>
    public required string Path { get; init; }

    /// <summary>The rule it changes; null for a parameter shared by a file or the whole set.</summary>
    public string? Rule { get; init; }

    /// <summary>The parameter or threshold it nudges; null for a rule mutant.</summary>
    public string? Parameter { get; init; }

    /// <summary>What became of it.</summary>
    public MutantOutcome Outcome { get; init; }

    /// <summary>The first case ("file: name") that failed on it, when one did.</summary>
    public string? KilledBy { get; init; }

    /// <summary>Why the rule set did not load with the change, when it did not.</summary>
    public string? Refusal { get; init; }

    /// <summary>For a survivor: the test that would catch it.</summary>
    public string? Hint { get; init; }

    /// <summary>For a parameter mutant: the value as written, and as mutated.</summary>
    internal (decimal From, decimal To)? Values { get; init; }

    /// <summary>Why a test file says it changes nothing a student sees, when one does (then a kill means the entry can go).</summary>
    public string? Because { get; init; }
}

/// <summary>The outcome of mutation testing: every mutant, and how long it took.</summary>
public sealed record MutationReport
{
    /// <summary>Every mutant, in the order they were made: per file, rules then parameters.</summary>
    public required IReadOnlyList<RuleMutant> Mutants { get; init; }

    /// <summary>The wall-clock time of the run.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>The mutants no test caught.</summary>
    public IEnumerable<RuleMutant> Survivors => Mutants.Where(m => m.Outcome == MutantOutcome.Survived);

    /// <summary>Every mutant ran (the time budget did not run out).</summary>
    public bool Complete => Mutants.All(m => m.Outcome != MutantOutcome.NotRun);

    /// <summary>Every mutant ran and none survived (a mutant declared equivalent is not a survivor).</summary>
    public bool AllCaught => Mutants.All(m => m.Outcome is MutantOutcome.Killed or MutantOutcome.Refused or MutantOutcome.Equivalent);
}

/// <summary>How mutation testing runs.</summary>
public sealed record MutationOptions
{
    /// <summary>Mutants run at once. Default: the processor count.</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Mutants not started within it are reported as not run. Default: none.</summary>
    public TimeSpan? TimeBudget { get; init; }
}
