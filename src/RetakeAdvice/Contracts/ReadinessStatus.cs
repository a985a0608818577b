using System.Text.Json.Serialization;

namespace RetakeAdvice;

/// <summary>The readiness verdict.</summary>
public enum ReadinessStatus
{
    /// <summary>Not enough is known to say, or no readiness rule held.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,

    /// <summary>The readiness rule that decided judges the student ready to sit the retake.</summary>
    [JsonStringEnumMemberName("ready")]
    Ready,

    /// <summary>The readiness rule that decided judges the student not ready.</summary>
    [JsonStringEnumMemberName("not-ready")]
    NotReady,
}
