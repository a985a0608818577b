using System.Text.Json;

namespace RetakeAdvice.Loading;

/// <summary>Reads fields of a rule file's JSON with exact errors: file, rule, JSON path, line and column. Keys ignore case.</summary>
internal sealed class JsonFields(string file, List<RuleSetError> errors, byte[]? content = null)
{
    // Indexed only when an error needs a position: a valid folder never pays for it.
    private JsonPositions? _positions;

    public string File { get; } = file;

    public void Error(string? rule, string? path, string message, int? offsetInValue = null)
    {
        var positions = content is null ? null : _positions ??= JsonPositions.Index(content);
        var position = offsetInValue is { } offset ? positions?.FindInValue(path, offset) ?? positions?.Find(path) : positions?.Find(path);
        errors.Add(new RuleSetError(File, rule, path, position?.Line, position?.Column, message));
    }

    public static bool TryGet(JsonElement obj, string key, out JsonElement value)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, key, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return value.ValueKind != JsonValueKind.Null;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Reports keys outside <paramref name="allowed"/>, and keys given twice: nothing is silently ignored.</summary>
    public void CheckKeys(JsonElement obj, string path, string? rule, IReadOnlyCollection<string> allowed, string what)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in obj.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                Error(rule, $"{path}.{property.Name}", $"the key '{property.Name}' is given twice");
            }
            else if (!allowed.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                Error(rule, $"{path}.{property.Name}", $"'{property.Name}' is not a known key of {what}; known keys: {string.Join(", ", allowed)}");
            }
        }
    }

    public string? String(JsonElement obj, string key, string path, string? rule, bool required)
    {
        if (!TryGet(obj, key, out var value))
        {
            if (required)
            {
                Error(rule, $"{path}.{key}", "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Error(rule, $"{path}.{key}", $"must be a string (was {Kind(value)})");
            return null;
        }

        return value.GetString();
    }

    public int? Int(JsonElement obj, string key, string path, string? rule, bool required, int min, int max)
    {
        if (!TryGet(obj, key, out var value))
        {
            if (required)
            {
                Error(rule, $"{path}.{key}", "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Error(rule, $"{path}.{key}", $"must be a whole number from {min} to {max} (was {Kind(value)})");
            return null;
        }

        if (number < min || number > max)
        {
            Error(rule, $"{path}.{key}", $"must be from {min} to {max} (was {number})");
            return null;
        }

        return number;
    }

    public bool? Bool(JsonElement obj, string key, string path, string? rule)
    {
        if (!TryGet(obj, key, out var value))
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Error(rule, $"{path}.{key}", $"must be true or false (was {Kind(value)})");
            return null;
        }

        return value.GetBoolean();
    }

    /// <summary>A string or a list of strings, as a list.</summary>
    public List<(string Text, string Path)> Strings(JsonElement obj, string key, string path, string? rule)
    {
        var result = new List<(string, string)>();
        if (!TryGet(obj, key, out var value))
        {
            return result;
        }

        var at = $"{path}.{key}";
        if (value.ValueKind == JsonValueKind.String)
        {
            result.Add((value.GetString()!, at));
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var element in value.EnumerateArray())
            {
                if (element.ValueKind == JsonValueKind.String)
                {
                    result.Add((element.GetString()!, $"{at}[{i}]"));
                }
                else
                {
                    Error(rule, $"{at}[{i}]", $"must be a string (was {Kind(element)})");
                }

                i++;
            }
        }
        else
        {
            Error(rule, at, $"must be a string or a list of strings (was {Kind(value)})");
        }

        return result;
    }

    public static string Kind(JsonElement value) => Json.JsonText.Kind(value);
}
