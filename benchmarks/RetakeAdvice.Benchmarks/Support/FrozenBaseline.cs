using System.Security.Cryptography;
using System.Text;
using RetakeAdvice.Testing;

namespace RetakeAdvice.Benchmarks.Support;

/// <summary>
/// The default rule set as the hand-written baseline was written against it, frozen in
/// <c>HandWritten/Frozen/</c>: a copy of the rule folder and the samples (the <c>*.json</c> files of
/// <see cref="CopiedFolders"/>), and <c>reports.tsv</c>, the SHA-256 of the library's report on each frozen profile
/// (the samples and the rule tests' profiles). The equivalence tests hold the baseline to the library on this copy;
/// a test fails as soon as <c>rules/</c> or <c>samples/</c> differ from it (see <see cref="Differences()"/>), and
/// the benchmarks refuse to run when the default rules no longer give the frozen reports (the ratios would compare
/// different work). After changing the rules, change <c>HandWritten/</c> to match and run
/// <c>dotnet run -c Release --project benchmarks/RetakeAdvice.Benchmarks -- freeze</c>.
/// </summary>
public static class FrozenBaseline
{
    public const string Command = "freeze";

    /// <summary>What to do when the rules and the frozen copy part: the same words for the tests and the benchmarks.</summary>
    public const string UpdateAdvice =
        "Update benchmarks/RetakeAdvice.Benchmarks/HandWritten to the rules, then run: dotnet run -c Release --project benchmarks/RetakeAdvice.Benchmarks -- " + Command;

    private const string Folder = "benchmarks/RetakeAdvice.Benchmarks/HandWritten/Frozen";

    private const string CopiedFiles = "*.json";

    /// <summary>
    /// The repository's folders whose <c>*.json</c> files (top level only) the freeze copies, each to the same path
    /// inside the frozen folder: the rule folder as the library reads it (the manifest, the workflows, the rule tests)
    /// and the samples. <c>rules/schemas</c> is not among them: the library does not read it.
    /// </summary>
    public static IReadOnlyList<string> CopiedFolders { get; } = ["rules", "rules/tests", "samples"];

    public static string Directory => RepoFiles.Find(Folder);

    public static string RulesDirectory => Path.Combine(Directory, "rules");

    /// <summary>The frozen profiles, by name: every frozen sample, then every frozen rule test case that reads.</summary>
    public static IReadOnlyList<(string Name, RetakeProfile Profile)> Profiles() => ProfilesIn(Directory);

    /// <summary>The frozen reports' hashes, by profile name.</summary>
    public static IReadOnlyDictionary<string, string> Reports() =>
        File.ReadAllLines(Path.Combine(Directory, "reports.tsv"))
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);

    /// <summary>A report's hash; the rule set's SHA-256 is left out, so that only what the advice says counts.</summary>
    public static string Hash(AdviceReport report)
    {
        var json = RetakeAdviceJson.WriteReport(report with { RuleSet = report.RuleSet with { Sha256 = string.Empty } });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>The frozen profiles on which an advisor does not give the frozen report.</summary>
    public static IReadOnlyList<string> Mismatches(RetakeAdvisor advisor)
    {
        ArgumentNullException.ThrowIfNull(advisor);
        var reports = Reports();
        return Profiles()
            .Where(p => !reports.TryGetValue(p.Name, out var hash) || Hash(advisor.Advise(p.Profile)) != hash)
            .Select(p => p.Name)
            .ToArray();
    }

    /// <exception cref="InvalidOperationException">The advisor's rules are not those the baseline was written against.</exception>
    public static void EnsureCurrent(RetakeAdvisor advisor)
    {
        var mismatches = Mismatches(advisor);
        if (mismatches.Count > 0)
        {
            throw new InvalidOperationException(
                $"The default rules no longer give the reports the hand-written baseline was frozen with ({mismatches.Count} profiles differ, "
                + $"first {mismatches[0]}): the baseline would do other work than the rules. {UpdateAdvice}");
        }
    }

    /// <summary>
    /// The files of <see cref="CopiedFolders"/> in which the repository and the frozen copy differ, as paths from the
    /// repository's root with what differs: changed, not frozen (new since the freeze), or frozen but gone. Empty when
    /// the frozen copy is current.
    /// </summary>
    public static IReadOnlyList<string> Differences() => Differences(RepoRoot, Path.Combine(RepoRoot, Folder));

    /// <summary>The differences between the copied folders of a repository root and a frozen folder (see <see cref="Differences()"/>).</summary>
    public static IReadOnlyList<string> Differences(string root, string frozen)
    {
        var differences = new List<string>();
        foreach (var folder in CopiedFolders)
        {
            var current = Path.Combine(root, folder);
            var copy = Path.Combine(frozen, folder);
            var names = new SortedSet<string>(StringComparer.Ordinal);
            names.UnionWith(FileNames(current));
            names.UnionWith(FileNames(copy));
            foreach (var name in names)
            {
                var (file, frozenFile) = (Path.Combine(current, name), Path.Combine(copy, name));
                var difference = !File.Exists(frozenFile) ? "not frozen"
                    : !File.Exists(file) ? "frozen but gone"
                    : !File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(frozenFile)) ? "changed"
                    : null;
                if (difference is not null)
                {
                    differences.Add($"{folder}/{name} ({difference})");
                }
            }
        }

        return differences;

        static IEnumerable<string> FileNames(string directory) => System.IO.Directory.Exists(directory)
            ? System.IO.Directory.EnumerateFiles(directory, CopiedFiles).Select(path => Path.GetFileName(path))
            : [];
    }

    /// <summary>Copies the <see cref="CopiedFolders"/> into the frozen folder and writes the library's reports on them.</summary>
    public static void Freeze(TextWriter output)
    {
        var frozen = Path.Combine(RepoRoot, Folder);
        if (System.IO.Directory.Exists(frozen))
        {
            System.IO.Directory.Delete(frozen, recursive: true);
        }

        foreach (var folder in CopiedFolders)
        {
            Copy(Path.Combine(RepoRoot, folder), Path.Combine(frozen, folder), CopiedFiles);
        }

        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(Path.Combine(frozen, "rules")));
        var lines = ProfilesIn(frozen).Select(p => $"{p.Name}\t{Hash(advisor.Advise(p.Profile))}");
        File.WriteAllLines(Path.Combine(frozen, "reports.tsv"), lines);
        output.WriteLine($"froze the rules, the samples and {ProfilesIn(frozen).Count} reports in {frozen}");
    }

    private static string RepoRoot => Path.GetDirectoryName(RepoFiles.Find("RetakeAdvice.sln"))!;

    private static List<(string Name, RetakeProfile Profile)> ProfilesIn(string directory)
    {
        var profiles = new List<(string, RetakeProfile)>();
        foreach (var sample in System.IO.Directory.EnumerateFiles(Path.Combine(directory, "samples"), "*.json").Order(StringComparer.Ordinal))
        {
            profiles.Add(("samples/" + Path.GetFileName(sample), RetakeAdviceJson.ReadProfile(File.ReadAllText(sample))));
        }

        foreach (var testCase in RuleTestSuite.Load(Path.Combine(directory, "rules")).Cases.Where(c => c.Profile is not null))
        {
            profiles.Add((testCase.ToString(), testCase.Profile!));
        }

        return profiles;
    }

    private static void Copy(string from, string to, string pattern)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (var file in System.IO.Directory.EnumerateFiles(from, pattern))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
