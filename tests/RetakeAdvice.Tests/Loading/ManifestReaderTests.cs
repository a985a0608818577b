using System.Text;
using System.Text.Json.Nodes;
using RetakeAdvice.Loading;

namespace RetakeAdvice.Tests.Loading;

/// <summary>
/// The manifest reader on the shipped manifest and on every mutation of every value in it (removed, null, another
/// type, another spelling of its key, an unknown key beside it, a repeated key): it reads the manifest or reports
/// problems, each naming the file and a JSON path with its line and column; it never throws.
/// </summary>
public sealed class ManifestReaderTests
{
    private static readonly byte[] Shipped = File.ReadAllBytes(Path.Combine(RepoPaths.Rules, RuleFolder.ManifestFile));

    [Theory]
    [InlineData("[]", "$", "the manifest must hold a JSON object (was a list)")]
    [InlineData("null", "$", "the manifest must hold a JSON object (was null)")]
    [InlineData("{}", "$.name", "is required")]
    public void Read_NotAManifest_ReportsWhereAndWhy(string text, string path, string message)
    {
        var errors = new List<RuleSetError>();

        ManifestReader.Read(new RuleFile(RuleFolder.ManifestFile, Encoding.UTF8.GetBytes(text)), errors);

        Assert.Contains(errors, e => e.File == RuleFolder.ManifestFile && e.Path == path && e.Message == message);
    }

    [Fact]
    public void Read_TheShippedManifest_ReadsEveryTable()
    {
        var errors = new List<RuleSetError>();

        var result = ManifestReader.Read(new RuleFile(RuleFolder.ManifestFile, Shipped), errors);

        Assert.Empty(errors);
        var tables = Assert.IsType<ManifestReader.Result>(result).Tables;
        var json = JsonNode.Parse(Shipped)!;
        Assert.Equal(json["steps"]!.AsArray().Count, tables.Steps.Count);
        Assert.Equal(json["failureBands"]!.AsArray().Select(b => (string)b!["name"]!), tables.FailureBands.Select(b => b.Name));
        Assert.Equal(json["practiceExamVerdict"]!.AsArray().Count, tables.VerdictMeasures.Count);
        Assert.Equal(json["passingStandards"]!.AsArray().Count, tables.PassingStandards.Count);
        Assert.Equal(json["resources"]!["aliases"]!.AsObject().Count, tables.Aliases.Count);
        Assert.Equal(json["crisisLines"]!.AsArray().Count, tables.CrisisLines.Count);
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
    public void Read_AMutatedManifest_ReadsItOrSaysWhereItIsWrong(string mutation)
    {
        var bytes = Mutate(mutation);
        var errors = new List<RuleSetError>();

        var result = ManifestReader.Read(new RuleFile(RuleFolder.ManifestFile, bytes), errors);

        Assert.True(result is not null || errors.Count > 0, "no result and no error");
        Assert.All(errors, e =>
        {
            Assert.Equal(RuleFolder.ManifestFile, e.File);
            Assert.StartsWith("$", e.Path);
            Assert.NotNull(e.Line);
        });
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
}
