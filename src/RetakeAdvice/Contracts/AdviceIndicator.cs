using System.Text.Json.Serialization;

namespace RetakeAdvice;

/// <summary>How urgent a recommendation is (CDS Hooks' card indicator).</summary>
public enum AdviceIndicator
{
    /// <summary>Worth knowing.</summary>
    [JsonStringEnumMemberName("info")]
    Info,

    /// <summary>Act on it soon.</summary>
    [JsonStringEnumMemberName("warning")]
    Warning,

    /// <summary>Act on it now.</summary>
    [JsonStringEnumMemberName("critical")]
    Critical,
}
