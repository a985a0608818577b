using RetakeAdvice.Primitives;

namespace RetakeAdvice.Model;

/// <summary>
/// The manifest's tables, checked and indexed: what the facts are derived with (standards, attempt limit, failure
/// bands, practice-exam verdict lines, aliases, weights, specialties, crisis lines) and the steps cards may cite.
/// Immutable; shared by all calls. It holds data only: every value comes from <c>ruleset.json</c>.
/// </summary>
internal sealed class Manifest
{
    private readonly (DateOnly From, int Score)[] _standards;
    private readonly Dictionary<int, AdviceSource> _steps;
    private readonly Dictionary<string, (string Canonical, bool IsCore)> _resources;
    private readonly Dictionary<string, double> _weights;
    private readonly HashSet<string> _competitive;

    public Manifest(ManifestTables tables)
    {
        Name = tables.Name;
        Version = tables.Version;
        _steps = tables.Steps.ToDictionary(s => s.Step, s => s.Source);
        _standards = tables.PassingStandards.OrderBy(s => s.From).ToArray();
        AttemptLimit = tables.AttemptLimit;
        FailureBands = tables.FailureBands;
        VerdictMeasures = tables.VerdictMeasures;
        CoreResources = tables.CoreResources.Select(Normalize).ToArray();
        var core = new HashSet<string>(CoreResources, StringComparer.OrdinalIgnoreCase);
        var canonicalNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in CoreResources)
        {
            canonicalNames[name] = name;
        }

        foreach (var (canonical, spellings) in tables.Aliases)
        {
            canonicalNames[Normalize(canonical)] = Normalize(canonical);
            foreach (var spelling in spellings)
            {
                canonicalNames[Normalize(spelling)] = Normalize(canonical);
            }
        }

        _resources = canonicalNames.ToDictionary(n => n.Key, n => (n.Value, core.Contains(n.Value)), StringComparer.OrdinalIgnoreCase);

        DefaultWeight = tables.DefaultWeight;
        _weights = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (discipline, weight) in tables.Weights)
        {
            _weights[Normalize(discipline)] = weight;
        }

        foreach (var (discipline, spellings) in tables.DisciplineAliases)
        {
            var weight = _weights[Normalize(discipline)];
            foreach (var spelling in spellings)
            {
                _weights.TryAdd(Normalize(spelling), weight);
            }
        }

        _competitive = new HashSet<string>(tables.CompetitiveSpecialties.Select(Normalize), StringComparer.OrdinalIgnoreCase);
        CrisisLines = tables.CrisisLines;
        SupportLines = tables.SupportLines;
        EvaluationBudget = tables.EvaluationBudget;
    }

    public string Name { get; }

    public string Version { get; }

    public int AttemptLimit { get; }

    /// <summary>The bands in the manifest's order: the first that holds a failure is its band.</summary>
    public IReadOnlyList<FailureBandDefinition> FailureBands { get; }

    /// <summary>The measures a practice exam is judged by, in precedence order.</summary>
    public IReadOnlyList<VerdictMeasure> VerdictMeasures { get; }

    public IReadOnlyList<string> CoreResources { get; }

    public double DefaultWeight { get; }

    public IReadOnlyList<CrisisLine> CrisisLines { get; }

    public IReadOnlyList<CrisisLine> SupportLines { get; }

    /// <summary>The steps one advice call may take (see <c>Fuel</c>): past it, the call fails naming the rule.</summary>
    public long EvaluationBudget { get; }

    /// <summary>The source a card of a step cites by default; null when the manifest does not list the step.</summary>
    public AdviceSource? SourceOf(int step) => _steps.GetValueOrDefault(step);

    /// <summary>The steps the manifest lists, ascending.</summary>
    public IEnumerable<int> Steps => _steps.Keys.Order();

    /// <summary>The standard in force on a date; dates before the first entry take the first standard.</summary>
    public int StandardOn(DateOnly date)
    {
        var standard = _standards[0].Score;
        foreach (var (from, score) in _standards)
        {
            if (date < from)
            {
                break;
            }

            standard = score;
        }

        return standard;
    }

    /// <summary>
    /// The first band, in the manifest's order, whose bounds all hold; null when none holds. A bound on the distance
    /// below passing does not hold when the distance is unknown (unknown fires nothing); a band with no such bound
    /// does not need it.
    /// </summary>
    public FailureBandDefinition? BandOf(double? pointsBelowPassing, int failedAttempts)
    {
        foreach (var band in FailureBands)
        {
            var points = band.PointsBelowPassing.IsAny || (pointsBelowPassing is { } p && band.PointsBelowPassing.Contains(p));
            if (points && band.FailedAttempts.Contains(failedAttempts))
            {
                return band;
            }
        }

        return null;
    }

    /// <summary>A band by name; null when there is no such band.</summary>
    public FailureBandDefinition? Band(string? name)
    {
        foreach (var band in FailureBands)
        {
            if (band.Name == name)
            {
                return band;
            }
        }

        return null;
    }

    /// <summary>
    /// A resource's name as written (trimmed), its canonical name and whether that is a core resource, by one
    /// lookup: every core resource is its own canonical name, so a name the aliases do not know is not core.
    /// </summary>
    public (string Name, string Canonical, bool IsCore) Resource(string resource)
    {
        var name = Normalize(resource);
        return _resources.TryGetValue(name, out var known) ? (name, known.Canonical, known.IsCore) : (name, name, false);
    }

    public double WeightOf(string? discipline) =>
        discipline is not null && _weights.TryGetValue(Normalize(discipline), out var weight) ? weight : DefaultWeight;

    public bool IsCompetitive(string specialty) => _competitive.Contains(Normalize(specialty));

    /// <summary>Names compare ignoring case and surrounding spaces.</summary>
    public static string Normalize(string name) => name.Trim();
}

/// <summary>The manifest's values as read, before indexing.</summary>
internal sealed record ManifestTables
{
    public required string Name { get; init; }

    public required string Version { get; init; }

    public required IReadOnlyList<(int Step, AdviceSource Source)> Steps { get; init; }

    public required IReadOnlyList<(DateOnly From, int Score)> PassingStandards { get; init; }

    public required int AttemptLimit { get; init; }

    public required IReadOnlyList<FailureBandDefinition> FailureBands { get; init; }

    public required IReadOnlyList<VerdictMeasure> VerdictMeasures { get; init; }

    public required IReadOnlyList<string> CoreResources { get; init; }

    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Aliases { get; init; }

    public required double DefaultWeight { get; init; }

    public required IReadOnlyDictionary<string, double> Weights { get; init; }

    /// <summary>Other spellings of a weighted discipline: <c>{ discipline: [spellings] }</c>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> DisciplineAliases { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public required IReadOnlyList<string> CompetitiveSpecialties { get; init; }

    public required IReadOnlyList<CrisisLine> CrisisLines { get; init; }

    public IReadOnlyList<CrisisLine> SupportLines { get; init; } = [];

    public long EvaluationBudget { get; init; } = Fuel.DefaultBudget;
}

/// <summary>Bounds on a number; a bound that is null does not apply.</summary>
internal sealed record Bounds(double? Above, double? AtLeast, double? Below, double? AtMost)
{
    public static Bounds Any { get; } = new(null, null, null, null);

    /// <summary>No bound is given: every value holds.</summary>
    public bool IsAny => Above is null && AtLeast is null && Below is null && AtMost is null;

    public bool Contains(double value) =>
        (Above is null || value > Above) && (AtLeast is null || value >= AtLeast) && (Below is null || value < Below) && (AtMost is null || value <= AtMost);

    /// <summary>Every value these bounds hold, the other bounds hold too.</summary>
    public bool Covers(Bounds other)
    {
        var (low, lowOpen) = Lower(this);
        var (high, highOpen) = Upper(this);
        var (otherLow, otherLowOpen) = Lower(other);
        var (otherHigh, otherHighOpen) = Upper(other);
        var fromBelow = low < otherLow || (low == otherLow && (!lowOpen || otherLowOpen));
        var fromAbove = high > otherHigh || (high == otherHigh && (!highOpen || otherHighOpen));
        return fromBelow && fromAbove;

        static (double Value, bool Open) Lower(Bounds b) => (b.Above, b.AtLeast) switch
        {
            ({ } above, { } atLeast) => above >= atLeast ? (above, true) : (atLeast, false),
            ({ } above, null) => (above, true),
            (null, { } atLeast) => (atLeast, false),
            _ => (double.NegativeInfinity, false),
        };

        static (double Value, bool Open) Upper(Bounds b) => (b.Below, b.AtMost) switch
        {
            ({ } below, { } atMost) => below <= atMost ? (below, true) : (atMost, false),
            ({ } below, null) => (below, true),
            (null, { } atMost) => (atMost, false),
            _ => (double.PositiveInfinity, false),
        };
    }
}

/// <summary>A failure band: its name (the fact <c>FailureBand</c>), its bounds, and the study weeks it suggests (null: no estimate).</summary>
internal sealed record FailureBandDefinition(string Name, Bounds PointsBelowPassing, Bounds FailedAttempts, StudyWeeks? StudyWeeks);

/// <summary>
/// One measure a practice exam is judged by, with its lines: at least <see cref="PassAtLeast"/> passes, at least
/// <see cref="CloseAtLeast"/> is close. For a three-digit score the lines count points above the standard in
/// force on the exam's date.
/// </summary>
internal sealed record VerdictMeasure(PracticeMeasure Measure, double PassAtLeast, double CloseAtLeast);

/// <summary>The measures a practice exam can report (the profile's fields).</summary>
internal enum PracticeMeasure
{
    PassProbability,
    PercentCorrect,
    Score,
}
