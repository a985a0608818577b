using System.Text.Json.Serialization;

namespace RetakeAdvice;

/// <summary>What kind of guidance a mentor gives.</summary>
[JsonConverter(typeof(ContractEnumConverter<MentorRole>))]
public enum MentorRole
{
    /// <summary>A fellow student.</summary>
    [JsonStringEnumMemberName("peer")]
    Peer,

    /// <summary>A resident physician.</summary>
    [JsonStringEnumMemberName("resident")]
    Resident,

    /// <summary>A faculty member who guides the study.</summary>
    [JsonStringEnumMemberName("faculty")]
    Faculty,

    /// <summary>A learning specialist (academic support) who guides the study.</summary>
    [JsonStringEnumMemberName("learning-specialist")]
    LearningSpecialist,
}
