using System.Text.Json.Serialization;

namespace RetakeAdvice;

/// <summary>The readiness verdict.</summary>
public enum ReadinessStatus
{
    /// <summary>Not enough is known to say.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    /// <summary>The latest practice exam since the failure passed.</summary>
    [JsonStringEnumMemberName("ready")]
    Ready,

    /// <summary>No attempts are left, or the practice exams since the failure do not show a pass.</summary>
    [JsonStringEnumMemberName("not-ready")]
    NotReady,
}
