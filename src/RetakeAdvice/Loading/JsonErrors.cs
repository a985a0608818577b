using System.Text.Json;
using System.Text.RegularExpressions;

namespace RetakeAdvice.Loading;

/// <summary>A System.Text.Json error in a rule-set file (manifest, workflow or test file), in a rule author's words, with its position.</summary>
internal static partial class JsonErrors
{
    public static RuleSetError FromJsonException(string file, JsonException ex, Type? model = null)
    {
        var message = TypeNamePattern().Replace(Json.JsonText.FirstSentence(ex), string.Empty);
        if (ConvertedToPattern().Match(message) is { Success: true } converted)
        {
            var expected = model is not null && ex.Path is not null && TypeAt(model, ex.Path) is { } type ? Expected(type) : Expected(converted.Groups[1].Value);
            message = $"has the wrong type: expected {expected}";
        }

        return new RuleSetError
        {
            File = file,
            Path = ex.Path,
            Line = ex.LineNumber + 1 is { } line ? (int)line : null,
            Column = ex.BytePositionInLine + 1 is { } column ? (int)column : null,
            Message = message,
        };
    }

    [GeneratedRegex(@" (?:for|contained in) type '[^']*'")]
    private static partial Regex TypeNamePattern();

    [GeneratedRegex(@"^The JSON value could not be converted to ([^\s]+?)\.?$")]
    private static partial Regex ConvertedToPattern();

    /// <summary>The .NET type a JSON path leads to in a model, by property names (ignoring case), list indexes and dictionary keys.</summary>
    private static string? TypeAt(Type model, string path)
    {
        var type = model;
        foreach (Match segment in PathSegmentPattern().Matches(path))
        {
            if (segment.Groups["index"].Success || segment.Groups["key"].Success)
            {
                type = type.IsGenericType ? type.GetGenericArguments()[^1] : null;
            }
            else
            {
                type = type.GetProperties().FirstOrDefault(p => string.Equals(p.Name, segment.Groups["name"].Value, StringComparison.OrdinalIgnoreCase))?.PropertyType;
            }

            if (type is null)
            {
                return null;
            }
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == model ? null : type.FullName;
    }

    [GeneratedRegex(@"\.(?<name>[A-Za-z_$][\w$]*)|\[(?<index>\d+)\]|\['(?<key>[^']*)'\]")]
    private static partial Regex PathSegmentPattern();

    /// <summary>What a .NET type named in a System.Text.Json message is, in a rule author's words.</summary>
    private static string Expected(string typeName) => typeName switch
    {
        "System.Int32" or "System.Int64" => "a whole number",
        "System.Double" or "System.Decimal" or "System.Single" => "a number",
        "System.String" => "a string",
        "System.Boolean" => "true or false",
        "System.DateOnly" => "a date written yyyy-MM-dd",
        _ when typeName.StartsWith("System.Collections.Generic.List", StringComparison.Ordinal) => "a list",
        _ => "an object",
    };
}
