using System.Text.Json.Serialization;

namespace RetakeAdvice;

/// <summary>Where the student stands on test accommodations (for a documented disability).</summary>
[JsonConverter(typeof(ContractEnumConverter<AccommodationsStatus>))]
public enum AccommodationsStatus
{
    /// <summary>The student does not need or want accommodations.</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>The student is thinking of asking for accommodations.</summary>
    [JsonStringEnumMemberName("considering")]
    Considering,

    /// <summary>The student has asked for accommodations; no decision yet.</summary>
    [JsonStringEnumMemberName("requested")]
    Requested,

    /// <summary>Accommodations have been granted.</summary>
    [JsonStringEnumMemberName("approved")]
    Approved,
}
