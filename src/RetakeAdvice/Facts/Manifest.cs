namespace RetakeAdvice.Facts;

/// <summary>The manifest's tables, checked and indexed for the facts. Immutable; shared by all calls.</summary>
internal sealed class Manifest
{
    private readonly (DateOnly From, int Score)[] _standards;
    private readonly Dictionary<string, string> _canonical;
    private readonly HashSet<string> _core;
    private readonly Dictionary<string, double> _weights;
    private readonly HashSet<string> _competitive;

    public Manifest(
        string name,
        string version,
        string sourceLabel,
        string? sourceUrl,
        IEnumerable<(DateOnly From, int Score)> standards,
        int attemptLimit,
        double nearMaxPoints,
        double lowMinPoints,
        IReadOnlyDictionary<string, StudyWeeks?> weeksByBand,
        PracticeVerdictLines verdictLines,
        IReadOnlyList<string> coreResources,
        IReadOnlyDictionary<string, IReadOnlyList<string>> aliases,
        double defaultWeight,
        IReadOnlyDictionary<string, double> weights,
        IEnumerable<string> competitiveSpecialties,
        IReadOnlyList<CrisisLine> crisisLines)
    {
        Name = name;
        Version = version;
        SourceLabel = sourceLabel;
        SourceUrl = sourceUrl;
        _standards = standards.OrderBy(s => s.From).ToArray();
        AttemptLimit = attemptLimit;
        NearMaxPoints = nearMaxPoints;
        LowMinPoints = lowMinPoints;
        WeeksByBand = weeksByBand;
        VerdictLines = verdictLines;
        CoreResources = coreResources.Select(Normalize).ToArray();
        _core = new HashSet<string>(CoreResources, StringComparer.OrdinalIgnoreCase);
        _canonical = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var core in CoreResources)
        {
            _canonical[core] = core;
        }

        foreach (var (canonical, spellings) in aliases)
        {
            _canonical[Normalize(canonical)] = Normalize(canonical);
            foreach (var spelling in spellings)
            {
                _canonical[Normalize(spelling)] = Normalize(canonical);
            }
        }

        DefaultWeight = defaultWeight;
        _weights = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (discipline, weight) in weights)
        {
            _weights[Normalize(discipline)] = weight;
        }

        _competitive = new HashSet<string>(competitiveSpecialties.Select(Normalize), StringComparer.OrdinalIgnoreCase);
        CrisisLines = crisisLines;
    }

    public string Name { get; }

    public string Version { get; }

    public string SourceLabel { get; }

    public string? SourceUrl { get; }

    public int AttemptLimit { get; }

    public double NearMaxPoints { get; }

    public double LowMinPoints { get; }

    public IReadOnlyDictionary<string, StudyWeeks?> WeeksByBand { get; }

    public PracticeVerdictLines VerdictLines { get; }

    public IReadOnlyList<string> CoreResources { get; }

    public double DefaultWeight { get; }

    public IReadOnlyList<CrisisLine> CrisisLines { get; }

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

    public string Canonical(string resource)
    {
        var name = Normalize(resource);
        return _canonical.TryGetValue(name, out var canonical) ? canonical : name;
    }

    public bool IsCore(string canonical) => _core.Contains(canonical);

    public double WeightOf(string? discipline) =>
        discipline is not null && _weights.TryGetValue(Normalize(discipline), out var weight) ? weight : DefaultWeight;

    public bool IsCompetitive(string specialty) => _competitive.Contains(Normalize(specialty));

    public string? BandOf(double? points) => points switch
    {
        null => null,
        var p when p <= NearMaxPoints => FactNames.Near,
        var p when p >= LowMinPoints => FactNames.Low,
        _ => FactNames.Moderate,
    };

    /// <summary>Names compare ignoring case and surrounding spaces.</summary>
    public static string Normalize(string name) => name.Trim();
}

/// <summary>The practice-exam verdict lines and margins.</summary>
internal sealed record PracticeVerdictLines(
    double PassProbability,
    double CloseProbability,
    double PassPercentCorrect,
    double ClosePercentCorrectMargin,
    int CloseScoreMargin);
