using System.Text.Json;

namespace RetakeAdvice.Loading;

/// <summary>
/// Where each JSON path of a file starts (1-based line and column), so errors found on the parsed model can
/// point into the file. Paths compare ignoring case (rule files accept PascalCase and camelCase keys); a path
/// that is not in the file (a missing key) takes the position of its nearest existing parent.
/// </summary>
internal sealed class JsonPositions
{
    private readonly Dictionary<string, (int Line, int Column)> _positions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (int Line, int Column)> _values = new(StringComparer.OrdinalIgnoreCase);

    private JsonPositions()
    {
    }

    /// <summary>Indexes a file; a file that does not parse yields an empty index.</summary>
    public static JsonPositions Index(byte[] utf8)
    {
        var index = new JsonPositions();
        var lineStarts = new List<int> { 0 };
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                lineStarts.Add(i + 1);
            }
        }

        try
        {
            index.Walk(utf8, lineStarts);
        }
        catch (JsonException)
        {
            // The loader reports the syntax error itself, with its own position.
        }

        return index;
    }

    /// <summary>
    /// The position of a character inside a string value: the value's opening quote plus one plus the offset
    /// (exact when nothing before it is escaped); null when the path has no string value in the file.
    /// </summary>
    public (int Line, int Column)? FindInValue(string? path, int offset) =>
        path is not null && _values.TryGetValue(Normalize(path), out var start) ? (start.Line, start.Column + 1 + offset) : null;

    public (int Line, int Column)? Find(string? path)
    {
        if (path is null)
        {
            return null;
        }

        var key = Normalize(path);
        while (true)
        {
            if (_positions.TryGetValue(key, out var position))
            {
                return position;
            }

            var cut = Math.Max(key.LastIndexOf('.'), key.LastIndexOf('['));
            if (cut <= 0)
            {
                return _positions.TryGetValue("$", out position) ? position : null;
            }

            key = key[..cut];
        }
    }

    /// <summary>Dictionary keys written <c>['key']</c> become <c>.key</c>, as the walk records them.</summary>
    private static string Normalize(string path) => path.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal);

    private void Walk(byte[] utf8, List<int> lineStarts)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        var containers = new Stack<(bool IsArray, string Path, int NextIndex)>();
        string? pendingPath = null;
        while (reader.Read())
        {
            var position = Position(lineStarts, (int)reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    pendingPath = $"{containers.Peek().Path}.{reader.GetString()}";
                    _positions.TryAdd(pendingPath, position);
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    containers.Pop();
                    continue;
            }

            // A value: where is it?
            string path;
            if (containers.Count == 0)
            {
                path = "$";
            }
            else if (containers.Peek().IsArray)
            {
                var (isArray, parent, next) = containers.Pop();
                containers.Push((isArray, parent, next + 1));
                path = $"{parent}[{next}]";
            }
            else
            {
                path = pendingPath!;
            }

            _positions.TryAdd(path, position);
            if (reader.TokenType == JsonTokenType.String)
            {
                _values.TryAdd(path, position);
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                containers.Push((reader.TokenType == JsonTokenType.StartArray, path, 0));
            }
        }
    }

    private static (int Line, int Column) Position(List<int> lineStarts, int offset)
    {
        var line = lineStarts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return (line + 1, offset - lineStarts[line] + 1);
    }
}
