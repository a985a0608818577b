using System.Text.Json;
using System.Text.Json.Serialization;

namespace RetakeAdvice.Testing;

// A rule test file as written: { "cases": [ { "name", "profile", "expect": { … } } ] }.

internal sealed class RuleTestFileModel
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    public string? Description { get; init; }

    public List<JsonElement>? EquivalentMutants { get; init; }

    public required List<RuleTestCaseModel> Cases { get; init; }
}

internal sealed class RuleTestCaseModel
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    public required JsonElement Profile { get; init; }

    public required RuleTestExpectModel Expect { get; init; }
}

internal sealed class RuleTestExpectModel
{
    public List<JsonElement>? Present { get; init; }

    public List<JsonElement>? Absent { get; init; }

    public List<JsonElement>? Order { get; init; }

    public Dictionary<string, int>? Counts { get; init; }

    /// <summary>A status, or <c>{ "status", "decidedBy" }</c>.</summary>
    public JsonElement Readiness { get; init; }

    public List<JsonElement>? Suppressed { get; init; }

    /// <summary>Undefined when absent; Null when the case expects no estimate.</summary>
    public JsonElement EstimatedStudyWeeks { get; init; }
}
