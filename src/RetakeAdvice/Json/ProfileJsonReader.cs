using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using RetakeAdvice.Validation;

namespace RetakeAdvice.Json;

/// <summary>
/// Reads profile JSON. A valid document takes the fast path: one source-generated deserialization. Otherwise
/// the document is walked against the contract's own serializer metadata so that every wrong type and unknown
/// field is reported (System.Text.Json stops at the first), and the fields that are wrong are dropped so the
/// remaining ones can still be checked against the limits.
/// </summary>
internal static class ProfileJsonReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = RetakeAdviceJson.MaxDepth };

    public static RetakeProfile? Read(ReadOnlySpan<byte> utf8Json, out ProfileErrors errors)
    {
        errors = new ProfileErrors();
        try
        {
            var profile = JsonSerializer.Deserialize(utf8Json, RetakeAdviceJson.Context.RetakeProfile);
            if (profile is not null)
            {
                return profile;
            }
        }
        catch (JsonException)
        {
            // Fall through to the walk that finds every problem, not just the first.
        }

        return ReadSlow(utf8Json, errors);
    }

    private static RetakeProfile? ReadSlow(ReadOnlySpan<byte> utf8Json, ProfileErrors errors)
    {
        if (IsBlank(utf8Json))
        {
            errors.Add("$", "the profile is empty; expected a JSON object");
            return null;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8Json, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            errors.Add("$", $"is not valid JSON: {Describe(ex)}");
            return null;
        }

        if (root is not JsonObject)
        {
            errors.Add("$", $"the profile must be a JSON object (was {KindOf(root)})");
            return null;
        }

        var options = RetakeAdviceJson.Context.Options;
        CheckObject((JsonObject)root, options.GetTypeInfo(typeof(RetakeProfile)), "$", errors);
        try
        {
            return root.Deserialize(RetakeAdviceJson.Context.RetakeProfile);
        }
        catch (JsonException ex)
        {
            errors.Add(ex.Path ?? "$", Describe(ex));
            return null;
        }
    }

    private static void CheckObject(JsonObject node, JsonTypeInfo info, string path, ProfileErrors errors)
    {
        foreach (var (name, value) in node.ToArray())
        {
            var property = Find(info, name);
            var childPath = $"{path}.{name}";
            if (property is null)
            {
                errors.Add(childPath, "is not a known field");
                node.Remove(name);
                continue;
            }

            if (!CheckValue(value, property.PropertyType, info.Options, childPath, errors))
            {
                node[name] = null;
            }
        }
    }

    /// <returns><see langword="false"/> when the value must be dropped.</returns>
    private static bool CheckValue(JsonNode? value, Type type, JsonSerializerOptions options, string path, ProfileErrors errors)
    {
        if (value is null)
        {
            return true; // every profile field may be null: unknown
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        var kind = value.GetValueKind();
        string? expected = null;
        if (target == typeof(string))
        {
            expected = kind == JsonValueKind.String ? null : "a string";
        }
        else if (target == typeof(bool))
        {
            expected = kind is JsonValueKind.True or JsonValueKind.False ? null : "true or false";
        }
        else if (target == typeof(int))
        {
            expected = kind == JsonValueKind.Number && value.AsValue().TryGetValue<int>(out _) ? null : "a whole number";
        }
        else if (target == typeof(double))
        {
            expected = kind == JsonValueKind.Number && value.AsValue().TryGetValue<double>(out var d) && double.IsFinite(d) ? null : "a number";
        }
        else if (target == typeof(DateOnly))
        {
            expected = kind == JsonValueKind.String
                && DateOnly.TryParseExact(value.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? null
                : "a date written yyyy-MM-dd";
        }
        else
        {
            var info = options.GetTypeInfo(target);
            if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } elementType)
            {
                if (value is not JsonArray array)
                {
                    expected = "a list";
                }
                else
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        var itemPath = $"{path}[{i}]";
                        if (array[i] is null)
                        {
                            errors.Add(itemPath, "must not be null");
                        }
                        else if (!CheckValue(array[i], elementType, options, itemPath, errors))
                        {
                            array[i] = null;
                        }
                    }
                }
            }
            else if (info.Kind == JsonTypeInfoKind.Object)
            {
                if (value is JsonObject obj)
                {
                    CheckObject(obj, info, path, errors);
                }
                else
                {
                    expected = "an object";
                }
            }
        }

        if (expected is null)
        {
            return true;
        }

        errors.Add(path, $"must be {expected} (was {KindOf(value)})");
        return false;
    }

    private static JsonPropertyInfo? Find(JsonTypeInfo info, string name)
    {
        foreach (var property in info.Properties)
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property;
            }
        }

        return null;
    }

    private static string KindOf(JsonNode? node) => node is null ? "null" : node.GetValueKind() switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the string {Quote(node.GetValue<string>())}",
        JsonValueKind.Number => $"the number {node.ToJsonString()}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    private static string Quote(string text) => text.Length <= 40 ? $"\"{text}\"" : $"\"{text[..40]}…\"";

    private static string Describe(JsonException ex)
    {
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        if (cut > 0)
        {
            message = message[..cut].TrimEnd('.', ' ');
        }

        return ex.LineNumber is { } line
            ? $"{message} (line {line + 1}, column {(ex.BytePositionInLine ?? 0) + 1})"
            : message;
    }

    private static bool IsBlank(ReadOnlySpan<byte> utf8Json)
    {
        foreach (var b in utf8Json)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }
}
