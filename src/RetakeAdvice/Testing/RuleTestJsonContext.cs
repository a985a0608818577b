using System.Text.Json;
using System.Text.Json.Serialization;

namespace RetakeAdvice.Testing;

/// <summary>Strict reading of rule test files: Web casing (PascalCase and camelCase both work), unknown keys refused.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    AllowDuplicateProperties = false,
    MaxDepth = 64)]
[JsonSerializable(typeof(RuleTestFileModel))]
internal sealed partial class RuleTestJsonContext : JsonSerializerContext;
