using System.Text.Json;
using System.Text.Json.Serialization;
using RetakeAdvice.Testing;

namespace RetakeAdvice.Loading;

/// <summary>Strict reading of rule-set files: Web casing (PascalCase and camelCase both work), unknown keys refused.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    AllowDuplicateProperties = false,
    MaxDepth = 64)]
[JsonSerializable(typeof(ManifestModel))]
[JsonSerializable(typeof(RuleTestFileModel))]
internal sealed partial class RuleSetJsonContext : JsonSerializerContext;
