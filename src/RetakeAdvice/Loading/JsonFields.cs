using System.Text.Json;

namespace RetakeAdvice.Loading;

/// <summary>Reads fields of a rule file's JSON with exact errors: file, rule, JSON path, line and column. Keys ignore case.</summary>
internal sealed class JsonFields(string file, List<RuleSetError> errors, byte[]? content = null)
{
    // Indexed only when an error needs a position: a valid folder never pays for it.
    private JsonPositions? _positions;

    /// <summary>The message for text that System.Text.Json cannot decode.</summary>
    public const string NotUnicode = "holds text that is not valid Unicode (a lone surrogate, or bytes that are not UTF-8)";

    public string File { get; } = file;

    /// <summary>The JSON path of a member: <c>$.a.b</c>, or <c>$.a['two words']</c> for a key that is not a plain name.</summary>
    public static string Member(string path, string key) =>
        key.Length > 0 && (char.IsAsciiLetter(key[0]) || key[0] is '_' or '$') && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$')
            ? $"{path}.{key}"
            : $"{path}['{key}']";

    public void Error(string? rule, string? path, string message, int? offsetInValue = null) =>
        errors.Add(Locate(rule, path, message, offsetInValue));

    /// <summary>A problem at a path of this file, with its line and column, not added to the load's errors.</summary>
    public RuleSetError Locate(string? rule, string? path, string message, int? offsetInValue = null)
    {
        var positions = content is null ? null : _positions ??= JsonPositions.Index(content);
        var position = offsetInValue is { } offset ? positions?.FindInValue(path, offset) ?? positions?.Find(path) : positions?.Find(path);
        return new RuleSetError { File = File, Rule = rule, Path = path, Line = position?.Line, Column = position?.Column, Message = message };
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
                Error(rule, Member(path, property.Name), $"the key '{property.Name}' is given twice");
            }
            else if (!allowed.Contains(property.Name, StringComparer.OrdinalIgnoreCase))
            {
                var nearest = Primitives.Spelling.Nearest(property.Name, allowed);
                Error(rule, Member(path, property.Name), $"'{property.Name}' is not a known key of {what}; {(nearest is null ? string.Empty : $"did you mean '{nearest}'? ")}known keys: {string.Join(", ", allowed)}");
            }
        }
    }

    public string? String(JsonElement obj, string key, string path, string? rule, bool required)
    {
        if (!TryGet(obj, key, out var value))
        {
            if (required)
            {
                Error(rule, Member(path, key), "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            Error(rule, Member(path, key), $"must be a string (was {Kind(value)})");
            return null;
        }

        return value.GetString();
    }

    /// <summary>
    /// An optional web address for a student to follow: absolute, http or https. A <c>javascript:</c> or
    /// <c>file:</c> link in a card would run or open whatever the rule author wrote.
    /// </summary>
    public string? WebAddress(JsonElement obj, string key, string path, string? rule)
    {
        var url = String(obj, key, path, rule, required: false);
        if (url is not null
            && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            Error(rule, Member(path, key), $"must be an http or https address (was \"{url}\")");
            return null;
        }

        return url;
    }

    public int? Int(JsonElement obj, string key, string path, string? rule, bool required, int min, int max)
    {
        if (!TryGet(obj, key, out var value))
        {
            if (required)
            {
                Error(rule, Member(path, key), "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            Error(rule, Member(path, key), min == int.MinValue && max == int.MaxValue ? $"must be a whole number (was {Kind(value)})" : $"must be a whole number from {min} to {max} (was {Kind(value)})");
            return null;
        }

        if (number < min || number > max)
        {
            Error(rule, Member(path, key), $"must be from {min} to {max} (was {number})");
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
            Error(rule, Member(path, key), $"must be true or false (was {Kind(value)})");
            return null;
        }

        return value.GetBoolean();
    }

    public double? Number(JsonElement obj, string key, string path, string? rule, bool required)
    {
        if (!TryGet(obj, key, out var value))
        {
            if (required)
            {
                Error(rule, Member(path, key), "is required");
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            Error(rule, Member(path, key), $"must be a number (was {Kind(value)})");
            return null;
        }

        return number;
    }

    /// <summary>A date written <c>yyyy-MM-dd</c>.</summary>
    public DateOnly? Date(JsonElement obj, string key, string path, string? rule, bool required)
    {
        var text = String(obj, key, path, rule, required);
        if (text is null)
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
        {
            Error(rule, Member(path, key), $"must be a date written yyyy-MM-dd (was \"{text}\")");
            return null;
        }

        return date;
    }

    /// <summary>An object member; reports a missing (when required) or non-object value.</summary>
    public bool Object(JsonElement obj, string key, string path, string? rule, bool required, out JsonElement value)
    {
        if (!TryGet(obj, key, out value))
        {
            if (required)
            {
                Error(rule, Member(path, key), "is required");
            }

            return false;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            Error(rule, Member(path, key), $"must be an object (was {Kind(value)})");
            return false;
        }

        return true;
    }

    /// <summary>The elements of a list member, each with its path; reports a missing (when required) or non-list value.</summary>
    public List<(JsonElement Element, string Path)> List(JsonElement obj, string key, string path, string? rule, bool required)
    {
        var result = new List<(JsonElement, string)>();
        if (!TryGet(obj, key, out var value))
        {
            if (required)
            {
                Error(rule, Member(path, key), "is required");
            }

            return result;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            Error(rule, Member(path, key), $"must be a list (was {Kind(value)})");
            return result;
        }

        var i = 0;
        foreach (var element in value.EnumerateArray())
        {
            result.Add((element, $"{Member(path, key)}[{i++}]"));
        }

        return result;
    }

    /// <summary>Whether a list element is an object; reports it when it is not (<paramref name="what"/>: "a step: { … }").</summary>
    public bool IsObject(JsonElement element, string path, string? rule, string what)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return true;
        }

        Error(rule, path, $"must be {what} (was {Kind(element)})");
        return false;
    }

    /// <summary>A string or a list of strings, as a list.</summary>
    public List<(string Text, string Path)> Strings(JsonElement obj, string key, string path, string? rule)
    {
        var result = new List<(string, string)>();
        if (!TryGet(obj, key, out var value))
        {
            return result;
        }

        var at = Member(path, key);
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
