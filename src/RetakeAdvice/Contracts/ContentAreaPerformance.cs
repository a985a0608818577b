using System.Text.Json.Serialization;

namespace RetakeAdvice;

/// <summary>How a failing score report rates a content area, against examinees with a low pass.</summary>
[JsonConverter(typeof(ContractEnumConverter<ContentAreaPerformance>))]
public enum ContentAreaPerformance
{
    /// <summary>Lower than a low pass: where remediation starts.</summary>
    [JsonStringEnumMemberName("lower")]
    Lower,

    /// <summary>About the same as a low pass.</summary>
    [JsonStringEnumMemberName("same")]
    Same,

    /// <summary>Higher than a low pass.</summary>
    [JsonStringEnumMemberName("higher")]
    Higher,
}
