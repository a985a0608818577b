using System.Text.Json;
using System.Text.RegularExpressions;

namespace RetakeAdvice.Loading;

/// <summary>A System.Text.Json error in a rule-set file (manifest, workflow or test file), in a rule author's words, with its position.</summary>
internal static partial class JsonErrors
{
    /// <param name="file">The file, as the folder names it.</param>
    /// <param name="ex">The error.</param>
    /// <param name="model">The type the file was read into, for "expected a ..." in the author's words.</param>
    /// <param name="content">The file's UTF-8 bytes: a missing comma is then reported where it goes.</param>
    public static RuleSetError FromJsonException(string file, JsonException ex, Type? model = null, byte[]? content = null)
    {
        if (content is not null && ex.LineNumber is { } errorLine && ex.BytePositionInLine is { } errorColumn
            && MissingSeparatorPattern().IsMatch(ex.Message) && EndOfPreviousValue(content, (int)errorLine, (int)errorColumn) is { } end)
        {
            // System.Text.Json stops at the next value's first character; the comma goes after the previous one. A text
            // followed at once by more (`"a "quoted" word"`) is almost always a quote inside it that ends it early.
            if (end.Quote && end.Adjacent)
            {
                return new RuleSetError
                {
                    File = file,
                    Path = ex.Path,
                    Line = end.Line + 1,
                    Column = end.Column + 1,
                    Message = "this '\"' ends the text, and more follows at once: write \\\" for a quote inside a text (or, if the text ends here, put a ',' after it)",
                };
            }

            return new RuleSetError
            {
                File = file,
                Path = ex.Path,
                Line = end.Line + 1,
                Column = end.Column + 2,
                Message = $"a ',' is missing after this value (the next one starts at line {errorLine + 1}, column {errorColumn + 1})",
            };
        }

        var message = TypeNamePattern().Replace(Json.JsonText.FirstSentence(ex), string.Empty);
        if (UnmappedPattern().Match(ex.Message) is { Success: true } unmapped)
        {
            // "The JSON property 'presnt' could not be mapped to any .NET member": the author's words, with the keys there are.
            var known = model is not null && ex.Path is not null && TypeOf(model, ParentPath(ex.Path)) is { } owner ? Keys(owner) : null;
            var nearest = known is null ? null : Primitives.Spelling.Nearest(unmapped.Groups[1].Value, known);
            message = $"'{unmapped.Groups[1].Value}' is not a known key here{(nearest is null ? string.Empty : $"; did you mean '{nearest}'?")}{(known is null ? string.Empty : $" Known keys: {string.Join(", ", known)}")}";
        }
        else if (DuplicatePattern().Match(ex.Message) is { Success: true } duplicate)
        {
            message = $"the key '{duplicate.Groups[1].Value}' is given twice: keep one";
        }
        else if (ConvertedToPattern().Match(message) is { Success: true } converted)
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

    /// <summary><c>$.cases[0].expect.presnt</c> → <c>$.cases[0].expect</c>.</summary>
    private static string ParentPath(string path)
    {
        var dot = path.LastIndexOf('.');
        return dot <= 1 ? "$" : path[..dot];
    }

    /// <summary>The JSON keys of a model type, as a file writes them (camelCase, or the name a JsonPropertyName gives).</summary>
    private static string[]? Keys(Type type) =>
        type.IsPrimitive || type == typeof(string) || type.IsEnum
            ? null
            : [.. type.GetProperties().Select(p =>
                p.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonPropertyNameAttribute), false) is [System.Text.Json.Serialization.JsonPropertyNameAttribute named, ..]
                    ? named.Name
                    : JsonNamingPolicy.CamelCase.ConvertName(p.Name))];

    /// <summary>
    /// The last character that is not white space before a position (0-based line and byte column), 0-based; whether
    /// it is a quote, and whether the position follows it at once.
    /// </summary>
    private static (int Line, int Column, bool Quote, bool Adjacent)? EndOfPreviousValue(byte[] content, int line, int column)
    {
        // To the error's offset: lines end at \n; columns count bytes, as System.Text.Json does.
        var offset = 0;
        for (var l = 0; l < line && offset < content.Length; l++)
        {
            var next = Array.IndexOf(content, (byte)'\n', offset);
            if (next < 0)
            {
                return null;
            }

            offset = next + 1;
        }

        offset += column;
        for (var i = Math.Min(offset, content.Length) - 1; i >= 0; i--)
        {
            if (content[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                continue;
            }

            var lineStart = Array.LastIndexOf(content, (byte)'\n', i) + 1;
            var lineNumber = 0;
            for (var j = 0; j < lineStart; j++)
            {
                if (content[j] == (byte)'\n')
                {
                    lineNumber++;
                }
            }

            return (lineNumber, System.Text.Encoding.UTF8.GetCharCount(content, lineStart, i - lineStart), content[i] == (byte)'"', i + 1 == offset);
        }

        return null;
    }

    [GeneratedRegex(@"is invalid after a value\. Expected either ','")]
    private static partial Regex MissingSeparatorPattern();

    [GeneratedRegex(@" (?:for|contained in) type '[^']*'")]
    private static partial Regex TypeNamePattern();

    [GeneratedRegex(@"^The JSON value could not be converted to ([^\s]+?)\.?$")]
    private static partial Regex ConvertedToPattern();

    /// <summary>The .NET type a JSON path leads to in a model, by property names (ignoring case), list indexes and dictionary keys.</summary>
    private static string? TypeAt(Type model, string path) =>
        TypeOf(model, path) is { } type && type != model ? type.FullName : null;

    /// <summary>The .NET type a JSON path leads to in a model (the model itself at <c>$</c>).</summary>
    private static Type? TypeOf(Type model, string path)
    {
        Type? type = model;
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

        return Nullable.GetUnderlyingType(type) ?? type;
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

    [GeneratedRegex("The JSON property '([^']*)' could not be mapped to any \\.NET member")]
    private static partial Regex UnmappedPattern();

    [GeneratedRegex("Duplicate property '([^']*)' encountered")]
    private static partial Regex DuplicatePattern();
}
