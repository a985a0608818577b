using System.Security.Cryptography;
using System.Text;
using RetakeAdvice.Testing;

namespace RetakeAdvice.Benchmarks.Support;

/// <summary>
/// The default rule set as the hand-written baseline was written against it, frozen in
/// <c>HandWritten/Frozen/</c>: a copy of the rule folder and the samples, and <c>reports.tsv</c>, the SHA-256 of the
/// library's report on each frozen profile (the samples and the rule tests' profiles). The equivalence tests hold
/// the baseline to the library on this copy, so editing <c>rules/</c> never fails <c>dotnet test</c>; the
/// benchmarks refuse to run when the default rules no longer give the frozen reports (the ratios would compare
/// different work). After changing the rules, change <c>HandWritten/</c> to match and run
/// <c>dotnet run -c Release --project benchmarks/RetakeAdvice.Benchmarks -- freeze</c>.
/// </summary>
public static class FrozenBaseline
{
    public const string Command = "freeze";

    private const string Folder = "benchmarks/RetakeAdvice.Benchmarks/HandWritten/Frozen";

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
                + $"first {mismatches[0]}): the baseline would do other work than the rules. Update benchmarks/RetakeAdvice.Benchmarks/HandWritten "
                + $"to the rules, then run: dotnet run -c Release --project benchmarks/RetakeAdvice.Benchmarks -- {Command}");
        }
    }

    /// <summary>Copies <c>rules/</c> and <c>samples/</c> into the frozen folder and writes the library's reports on them.</summary>
    public static void Freeze(TextWriter output)
    {
        var root = Path.GetDirectoryName(RepoFiles.Find("RetakeAdvice.sln"))!;
        var frozen = Path.Combine(root, Folder);
        if (System.IO.Directory.Exists(frozen))
        {
            System.IO.Directory.Delete(frozen, recursive: true);
        }

        Copy(Path.Combine(root, "rules"), Path.Combine(frozen, "rules"), "*.json");
        Copy(Path.Combine(root, "rules", "tests"), Path.Combine(frozen, "rules", "tests"), "*.json");
        Copy(Path.Combine(root, "samples"), Path.Combine(frozen, "samples"), "*.json");
        using var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(Path.Combine(frozen, "rules")));
        var lines = ProfilesIn(frozen).Select(p => $"{p.Name}\t{Hash(advisor.Advise(p.Profile))}");
        File.WriteAllLines(Path.Combine(frozen, "reports.tsv"), lines);
        output.WriteLine($"froze the rules, the samples and {ProfilesIn(frozen).Count} reports in {frozen}");
    }

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
