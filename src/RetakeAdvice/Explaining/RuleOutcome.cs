using System.Text.Json.Serialization;

namespace RetakeAdvice;

/// <summary>What became of a rule in one evaluation.</summary>
public enum RuleOutcome
{
    /// <summary>Its gate did not hold (for a per-item rule: or no item was kept).</summary>
    [JsonStringEnumMemberName("not-fired")]
    NotFired,

    /// <summary>It fired: its cards are in the report, or (a readiness rule) it decided the verdict.</summary>
    [JsonStringEnumMemberName("fired")]
    Fired,

    /// <summary>It is switched off with <c>"Enabled": false</c>.</summary>
    [JsonStringEnumMemberName("disabled")]
    Disabled,

    /// <summary>A rule that fired suppressed it (<see cref="RuleExplanation.SuppressedBy"/>): it was not evaluated.</summary>
    [JsonStringEnumMemberName("suppressed")]
    Suppressed,

    /// <summary>A readiness rule after the one that decided: readiness rules stop at the first that holds.</summary>
    [JsonStringEnumMemberName("not-reached")]
    NotReached,

    /// <summary>It threw while evaluating (<see cref="RuleExplanation.Error"/>): a rule-set defect that advice reports as an error.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
