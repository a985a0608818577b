using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RetakeAdvice.Loading;

namespace RetakeAdvice.Tests.Loading;

/// <summary>
/// The manifest's fast reader must read exactly what the serializer reads, and give up on everything else (the
/// serializer then reads the file and reports the problem). Differential: the shipped manifest, and every
/// mutation of every value in it (removed, null, another type, another spelling of its key, an unknown key
/// beside it, a repeated key).
/// </summary>
public sealed class ManifestFastReaderTests
{
    private static readonly byte[] Shipped = File.ReadAllBytes(Path.Combine(RepoPaths.Rules, RuleFolder.ManifestFile));

    [Theory]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("\"x\"")]
    [InlineData("{}")]
    [InlineData("{ \"name\": \"a\" } trailing")]
    [InlineData("{ /* a comment */ }")]
    public void TryRead_NotAManifestObject_GivesUp(string text)
    {
        Assert.Null(ManifestFastReader.TryRead(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void TryRead_TheShippedManifest_ReadsItAsTheSerializerDoes()
    {
        var fast = ManifestFastReader.TryRead(Shipped);

        Assert.NotNull(fast);
        Assert.Equal(Serialized(JsonSerializer.Deserialize(Shipped, RuleSetJsonContext.Default.ManifestModel)), Serialized(fast));
    }

    public static TheoryData<string> Mutations()
    {
        var data = new TheoryData<string>();
        var root = JsonNode.Parse(Shipped)!;
        foreach (var (path, _) in Walk(root, "$").Skip(1))
        {
            // Respelling, an unknown key beside it and repeating it apply to object members only.
            var inObject = !path.EndsWith(']');
            foreach (var kind in (string[])["remove", "null", "string", "fraction", "true", "object", "array", "big", "upper", "unknown", "repeat"])
            {
                if (inObject || kind is not ("upper" or "unknown" or "repeat"))
                {
                    data.Add($"{kind} {path}");
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Mutations))]
    public void TryRead_AMutatedManifest_ReadsWhatTheSerializerReadsOrGivesUp(string mutation)
    {
        var bytes = Mutate(mutation);
        ManifestModel? expected;
        try
        {
            expected = JsonSerializer.Deserialize(bytes, RuleSetJsonContext.Default.ManifestModel);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            expected = null;
        }

        var fast = ManifestFastReader.TryRead(bytes);

        if (fast is not null)
        {
            Assert.NotNull(expected);
            Assert.Equal(Serialized(expected), Serialized(fast));
        }
    }

    private static byte[] Mutate(string mutation)
    {
        var (kind, path) = (mutation[..mutation.IndexOf(' ', StringComparison.Ordinal)], mutation[(mutation.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var root = JsonNode.Parse(Shipped)!;
        var node = Walk(root, "$").Single(n => n.Path == path).Node;
        var parent = node?.Parent ?? Walk(root, "$").Single(n => n.Path == path[..path.LastIndexOfAny(['.', '['])]).Node;
        if (kind is "repeat")
        {
            // A key given twice cannot be built with JsonNode: splice it into the text of the parent object.
            var key = path[(path.LastIndexOf('.') + 1)..];
            var text = root.ToJsonString();
            var needle = $"\"{key}\":";
            var at = text.IndexOf(needle, StringComparison.Ordinal);
            return Encoding.UTF8.GetBytes(text.Insert(at, $"{needle}{node?.ToJsonString() ?? "null"},"));
        }

        JsonNode? replacement = kind switch
        {
            "null" => null,
            "string" => JsonValue.Create("x"),
            "fraction" => JsonValue.Create(1.5),
            "true" => JsonValue.Create(true),
            "object" => new JsonObject(),
            "array" => new JsonArray(),
            "big" => JsonValue.Create(1e300),
            _ => node?.DeepClone(),
        };
        switch (parent)
        {
            case JsonObject obj:
                var key = obj.First(p => ReferenceEquals(p.Value, node)).Key;
                var index = obj.IndexOf(key);
                obj.Remove(key);
                if (kind is "remove")
                {
                    break;
                }

                obj.Insert(index, kind is "upper" ? char.ToUpperInvariant(key[0]) + key[1..] : key, replacement);
                if (kind is "unknown")
                {
                    obj.Add("surplus" + key, 1);
                }

                break;
            case JsonArray array:
                var at = array.IndexOf(node);
                array.RemoveAt(at);
                if (kind is not "remove")
                {
                    array.Insert(at, replacement);
                }

                break;
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    /// <summary>Every value of the document with its JSON path, the root first.</summary>
    private static IEnumerable<(string Path, JsonNode? Node)> Walk(JsonNode? node, string path)
    {
        yield return (path, node);
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    foreach (var child in Walk(value, $"{path}.{key}"))
                    {
                        yield return child;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var child in Walk(array[i], $"{path}[{i}]"))
                    {
                        yield return child;
                    }
                }

                break;
        }
    }

    private static string Serialized(ManifestModel? model) => JsonSerializer.Serialize(model!, RuleSetJsonContext.Default.ManifestModel);
}
