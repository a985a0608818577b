using System.Text.Json.Serialization;

namespace RetakeAdvice;

/// <summary>Who the student is, as far as the licensing route and the school go.</summary>
[JsonConverter(typeof(ContractEnumConverter<StudentType>))]
public enum StudentType
{
    /// <summary>A student of a US (or Canadian) MD-granting school.</summary>
    [JsonStringEnumMemberName("us-md")]
    UsMd,

    /// <summary>A student of a US osteopathic (DO) school, whose licensing route is COMLEX-USA.</summary>
    [JsonStringEnumMemberName("us-do")]
    UsDo,

    /// <summary>An international medical student or graduate, registered for the USMLE through ECFMG.</summary>
    [JsonStringEnumMemberName("img")]
    Img,
}
