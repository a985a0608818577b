using System.Text.Json;
using System.Text.Json.Serialization;

namespace RetakeAdvice.Json;

/// <summary>
/// The source-generated serializer metadata for the public contract. Internal on purpose: a public context
/// would leak its generated members into the API; hosts use <see cref="RetakeAdviceJson.Options"/>.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    WriteIndented = true,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    AllowDuplicateProperties = false,
    MaxDepth = RetakeAdviceJson.MaxDepth)]
[JsonSerializable(typeof(RetakeProfile))]
[JsonSerializable(typeof(AdviceReport))]
[JsonSerializable(typeof(AdviceExplanation))]
internal sealed partial class RetakeAdviceJsonContext : JsonSerializerContext;
