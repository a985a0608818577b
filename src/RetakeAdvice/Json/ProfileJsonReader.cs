using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using RetakeAdvice.Primitives;
using RetakeAdvice.Validation;

namespace RetakeAdvice.Json;

/// <summary>
/// Reads profile JSON. A valid document takes the fast path: one source-generated deserialization. Otherwise
/// the document is walked against the contract's own serializer metadata so that every wrong type, unknown
/// field and repeated key is reported (System.Text.Json stops at the first), and a copy without the wrong
/// fields is read so that the remaining ones can still be checked against the limits.
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
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Fall through to the walk that finds every problem, not just the first. (Text that is not valid
            // Unicode, a lone surrogate or a field name that is not UTF-8, surfaces as InvalidOperationException.)
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

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), DocumentOptions);
        }
        catch (JsonException ex)
        {
            errors.Add("$", $"is not valid JSON: {Describe(ex)}");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                errors.Add("$", $"the profile must be a JSON object (was {JsonText.Kind(root)})");
                return null;
            }

            var options = RetakeAdviceJson.Context.Options;
            var cleaned = CleanObject(root, options.GetTypeInfo(typeof(RetakeProfile)), "$", errors);
            try
            {
                return cleaned.Deserialize(RetakeAdviceJson.Context.RetakeProfile);
            }
            catch (JsonException ex)
            {
                errors.Add(ex.Path ?? "$", Describe(ex));
                return null;
            }
        }
    }

    /// <summary>A copy of the object with only its known, well-typed fields (the first of a repeated key).</summary>
    private static JsonObject CleanObject(JsonElement element, JsonTypeInfo info, string path, ProfileErrors errors)
    {
        var cleaned = new JsonObject();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            string propertyName;
            try
            {
                propertyName = property.Name;
            }
            catch (InvalidOperationException)
            {
                errors.Add(path, "has a field name that is not valid UTF-8");
                continue;
            }

            var childPath = $"{path}.{propertyName}";
            if (!seen.Add(propertyName))
            {
                errors.Add(childPath, "is given more than once");
                continue;
            }

            var known = Find(info, propertyName);
            if (known is null)
            {
                errors.Add(childPath, "is not a known field");
                continue;
            }

            if (TryClean(property.Value, known.PropertyType, info.Options, childPath, errors, out var value))
            {
                cleaned[known.Name] = value;
            }
        }

        return cleaned;
    }

    /// <returns><see langword="false"/> when the value is wrong and must be left out.</returns>
    private static bool TryClean(JsonElement value, Type type, JsonSerializerOptions options, string path, ProfileErrors errors, out JsonNode? cleaned)
    {
        cleaned = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true; // every profile field may be null: unknown
        }

        if (value.ValueKind == JsonValueKind.String && !IsValidText(value))
        {
            errors.Add(path, "is not valid Unicode text (it holds a lone surrogate or bytes that are not UTF-8)");
            return false;
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        string? expected = null;
        if (target == typeof(string))
        {
            expected = value.ValueKind == JsonValueKind.String ? null : "a string";
        }
        else if (target == typeof(bool))
        {
            expected = value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "true or false";
        }
        else if (target == typeof(int))
        {
            expected = value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _) ? null : "a whole number";
        }
        else if (target == typeof(double))
        {
            expected = value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d) ? null : "a number";
        }
        else if (target == typeof(DateOnly))
        {
            expected = value.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? null
                : "a date written yyyy-MM-dd";
        }
        else if (target.IsEnum)
        {
            // Exactly a JSON name, as ContractEnumConverter reads it: "IMG" and " img" are refused here too.
            var names = EnumNames.Of(target);
            expected = value.ValueKind == JsonValueKind.String && names.Contains(value.GetString(), StringComparer.Ordinal)
                ? null
                : EnumNames.Choices(names);
        }
        else
        {
            var info = options.GetTypeInfo(target);
            if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } elementType)
            {
                if (value.ValueKind != JsonValueKind.Array)
                {
                    expected = "a list";
                }
                else if (value.GetArrayLength() is var count && count > ProfileLimits.MaxItems(path))
                {
                    // Counted before any item is read: two million wrong items are one problem, not two million.
                    errors.Add(path, FieldChecks.TooMany(count, ProfileLimits.MaxItems(path)));
                    return false;
                }
                else
                {
                    var array = new JsonArray();
                    var i = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        var itemPath = $"{path}[{i++}]";
                        if (item.ValueKind == JsonValueKind.Null)
                        {
                            errors.Add(itemPath, "must not be null");
                            array.Add(null);
                        }
                        else
                        {
                            // A wrong item stays as null, so the paths of the items after it keep their index.
                            array.Add(TryClean(item, elementType, options, itemPath, errors, out var cleanItem) ? cleanItem : null);
                        }
                    }

                    cleaned = array;
                    return true;
                }
            }
            else if (info.Kind == JsonTypeInfoKind.Object)
            {
                if (value.ValueKind == JsonValueKind.Object)
                {
                    cleaned = CleanObject(value, info, path, errors);
                    return true;
                }

                expected = "an object";
            }
        }

        if (expected is not null)
        {
            errors.Add(path, $"must be {expected} (was {JsonText.Kind(value)})");
            return false;
        }

        cleaned = JsonValue.Create(value);
        return true;
    }

    private static bool IsValidText(JsonElement value)
    {
        try
        {
            _ = value.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
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

    private static string Describe(JsonException ex)
    {
        var message = JsonText.FirstSentence(ex);
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
