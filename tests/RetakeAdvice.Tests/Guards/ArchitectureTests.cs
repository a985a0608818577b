using System.Text.RegularExpressions;

namespace RetakeAdvice.Tests.Guards;

/// <summary>
/// The library's folders are its stages, and they depend one way: loading -&gt; compiled model &lt;- evaluation -&gt;
/// ranking. No earlier stage names a type of a later one, and no file grows into a god file. The check reads the
/// source: which folder declares each type, and which of those types each file names (comments and strings aside).
/// </summary>
public sealed partial class ArchitectureTests
{
    private const int MaxLines = 450;

    private static readonly string Library = Path.Combine(RepoPaths.Root, "src", "RetakeAdvice");

    /// <summary>Each folder, and the folders whose types it must never name.</summary>
    private static readonly Dictionary<string, string[]> Forbidden = new(StringComparer.Ordinal)
    {
        ["Primitives"] = ["Contracts", "Facts", "Model", "Loading", "Evaluation", "Ranking", "Explaining", "Testing", "Hosting", "Json", "Validation"],
        ["Contracts"] = ["Model", "Loading", "Evaluation", "Ranking", "Testing", "Hosting", "Json", "Validation"],
        ["Facts"] = ["Model", "Loading", "Evaluation", "Ranking", "Testing", "Hosting", "Json", "Validation"],
        ["Validation"] = ["Model", "Loading", "Evaluation", "Ranking", "Testing", "Hosting", "Json"],
        ["Json"] = ["Model", "Loading", "Evaluation", "Ranking", "Testing", "Hosting"],
        ["Model"] = ["Loading", "Evaluation", "Ranking", "Explaining", "Testing", "Hosting", "Json", "Validation", "Compiling"],
        ["Loading"] = ["Evaluation", "Ranking", "Explaining", "Testing", "Hosting", "Compiling"],
        ["Compiling"] = ["Evaluation", "Ranking", "Explaining", "Testing", "Hosting"],
        ["Precompiled"] = ["Evaluation", "Ranking", "Explaining", "Testing", "Hosting", "Compiling"],
        ["Ranking"] = ["Loading", "Evaluation", "Explaining", "Testing", "Hosting"],
        ["Evaluation"] = ["Loading", "Testing", "Hosting"],
        ["Explaining"] = ["Model", "Loading", "Evaluation", "Ranking", "Testing", "Hosting"],
    };

    [Fact]
    public void Folders_NameNoTypeOfALaterStage()
    {
        var files = SourceFiles().Select(f => (Path: f, Folder: FolderOf(f), Code: Code(File.ReadAllText(f)))).ToList();
        var declaredIn = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, folder, code) in files)
        {
            foreach (Match declaration in Declaration().Matches(code))
            {
                declaredIn.TryAdd(declaration.Groups["name"].Value, folder);
            }
        }

        var findings = new List<string>();
        foreach (var (path, folder, code) in files)
        {
            if (!Forbidden.TryGetValue(folder, out var forbidden))
            {
                continue;
            }

            foreach (var name in Identifier().Matches(code).Select(m => m.Value).Distinct(StringComparer.Ordinal))
            {
                if (declaredIn.TryGetValue(name, out var other) && forbidden.Contains(other))
                {
                    findings.Add($"{Path.GetRelativePath(Library, path)} ({folder}) names {name} ({other})");
                }
            }
        }

        Assert.True(findings.Count == 0, string.Join("\n", findings));
        Assert.Equal(Forbidden.Keys.Order(StringComparer.Ordinal), files.Select(f => f.Folder).Where(Forbidden.ContainsKey).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Scan_PlantedDependency_IsFound()
    {
        var code = Code("""
            // AdvicePipeline in a comment is fine, and so is "AdvicePipeline" in a string
            var report = AdvicePipeline.Run(rules, profile, today, null, token);
            """);

        Assert.Equal(["AdvicePipeline"], Identifier().Matches(code).Select(m => m.Value).Where(n => n == "AdvicePipeline"));
    }

    [Fact]
    public void SourceFiles_AreNoGodFiles()
    {
        var large = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(IsSource)
            .Select(f => (File: Path.GetRelativePath(RepoPaths.Root, f), Lines: File.ReadAllLines(f).Length))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.File}: {f.Lines} lines");

        Assert.Empty(large);
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Library, "*.cs", SearchOption.AllDirectories).Where(IsSource);

    // Generated files (*.g.cs) are written by a tool from data and read by none: their size is the data's.
    private static bool IsSource(string file) =>
        !file.EndsWith(".g.cs", StringComparison.Ordinal)
        && !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    private static string FolderOf(string file)
    {
        var relative = Path.GetRelativePath(Library, file);
        var slash = relative.IndexOf(Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return slash < 0 ? "." : relative[..slash];
    }

    /// <summary>The code without comments and string literals.</summary>
    private static string Code(string source) => CommentOrString().Replace(source, m => m.Value.StartsWith('/') ? " " : "\"\"");

    [GeneratedRegex(@"""(?:[^""\\\n]|\\.)*""|//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CommentOrString();

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum|delegate\s+[\w<>?,\s]+?)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"\b[A-Z]\w*")]
    private static partial Regex Identifier();
}
