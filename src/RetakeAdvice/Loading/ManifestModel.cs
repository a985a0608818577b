using System.Text.Json.Serialization;

namespace RetakeAdvice.Loading;

// The manifest as written in ruleset.json. Strictly read: unknown keys and wrong types are errors.

internal sealed class ManifestModel
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public required string Name { get; init; }

    public required string Version { get; init; }

    public required SourceModel Source { get; init; }

    public required List<StandardModel> PassingStandards { get; init; }

    public required int AttemptLimit { get; init; }

    public required FailureBandsModel FailureBands { get; init; }

    public required StudyWeeksModel StudyWeeks { get; init; }

    public required VerdictModel PracticeExamVerdict { get; init; }

    public required ResourcesModel Resources { get; init; }

    public required DisciplineWeightsModel DisciplineWeights { get; init; }

    public required List<string> CompetitiveSpecialties { get; init; }

    public required List<CrisisLineModel> CrisisLines { get; init; }

    public required ReadinessTextsModel Readiness { get; init; }
}

internal sealed class SourceModel
{
    public required string Label { get; init; }

    public string? Url { get; init; }
}

internal sealed class StandardModel
{
    public required DateOnly From { get; init; }

    public required int Score { get; init; }
}

internal sealed class FailureBandsModel
{
    public required double NearMaxPoints { get; init; }

    public required double LowMinPoints { get; init; }
}

internal sealed class StudyWeeksModel
{
    public WeeksModel? Near { get; init; }

    public WeeksModel? Moderate { get; init; }

    public WeeksModel? Low { get; init; }
}

internal sealed class WeeksModel
{
    public required int Min { get; init; }

    public required int Max { get; init; }
}

internal sealed class VerdictModel
{
    public required double PassProbability { get; init; }

    public required double CloseProbability { get; init; }

    public required double PassPercentCorrect { get; init; }

    public required double ClosePercentCorrectMargin { get; init; }

    public required int CloseScoreMargin { get; init; }
}

internal sealed class ResourcesModel
{
    public required List<string> Core { get; init; }

    public required Dictionary<string, List<string>> Aliases { get; init; }
}

internal sealed class DisciplineWeightsModel
{
    public required double Default { get; init; }

    public required Dictionary<string, double> Weights { get; init; }
}

internal sealed class CrisisLineModel
{
    public required string Name { get; init; }

    public required string Contact { get; init; }

    public string? How { get; init; }
}

internal sealed class ReadinessTextsModel
{
    public required string NoAttemptsLeft { get; init; }

    public required string LatestNotPassing { get; init; }

    public required string NoneSinceFailure { get; init; }

    public required string LatestPassed { get; init; }

    public required string Unknown { get; init; }
}
