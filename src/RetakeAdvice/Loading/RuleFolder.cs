using System.Security.Cryptography;
using System.Text;

namespace RetakeAdvice.Loading;

/// <summary>One file of a rule folder, read into memory.</summary>
internal sealed record RuleFile(string Path, byte[] Content);

/// <summary>
/// The files of a rule set, from a folder or from the assembly's embedded default. Layout:
/// <c>ruleset.json</c> (the manifest), every other top-level <c>*.json</c> (workflows), <c>tests/*.json</c> (rule tests).
/// </summary>
internal sealed class RuleFolder
{
    public const string ManifestFile = "ruleset.json";
    public const string TestsFolder = "tests";
    public const string EmbeddedLocation = "the embedded default rule set";
    private const string ResourcePrefix = "RetakeAdvice.Rules/";

    private RuleFolder(string location, RuleFile? manifest, IReadOnlyList<RuleFile> workflows, IReadOnlyList<RuleFile> tests)
    {
        Location = location;
        Manifest = manifest;
        Workflows = workflows;
        Tests = tests;
    }

    /// <summary>A folder path, or <see cref="EmbeddedLocation"/>.</summary>
    public string Location { get; }

    public RuleFile? Manifest { get; }

    public IReadOnlyList<RuleFile> Workflows { get; }

    public IReadOnlyList<RuleFile> Tests { get; }

    /// <param name="withTests">
    /// False to leave the rule tests unread: loading the rule set (at every start, to match the precompiled default
    /// by its SHA-256) does not need them.
    /// </param>
    public static RuleFolder Embedded(bool withTests = true)
    {
        var assembly = typeof(RuleFolder).Assembly;
        var files = new List<RuleFile>();
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var path = name[ResourcePrefix.Length..].Replace('\\', '/');
            if (!withTests && path.StartsWith(TestsFolder + "/", StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files.Add(new RuleFile(path, buffer.ToArray()));
        }

        return FromFiles(EmbeddedLocation, files);
    }

    /// <summary>The same folder with one manifest or workflow file's content replaced (a mutant of the rule set).</summary>
    public RuleFolder With(RuleFile replacement)
    {
        var manifest = Manifest?.Path == replacement.Path ? replacement : Manifest;
        var workflows = Workflows.Select(w => w.Path == replacement.Path ? replacement : w).ToArray();
        return new RuleFolder(Location, manifest, workflows, Tests);
    }

    /// <exception cref="RuleSetException">The folder does not exist or cannot be read.</exception>
    public static RuleFolder FromDirectory(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
        {
            throw new RuleSetException(full, [new RuleSetError { File = ".", Message = "the rule folder does not exist" }]);
        }

        var files = new List<RuleFile>();
        try
        {
            foreach (var path in Directory.EnumerateFiles(full, "*.json", SearchOption.TopDirectoryOnly))
            {
                files.Add(new RuleFile(Path.GetFileName(path), File.ReadAllBytes(path)));
            }

            var tests = Path.Combine(full, TestsFolder);
            if (Directory.Exists(tests))
            {
                foreach (var path in Directory.EnumerateFiles(tests, "*.json", SearchOption.TopDirectoryOnly))
                {
                    files.Add(new RuleFile($"{TestsFolder}/{Path.GetFileName(path)}", File.ReadAllBytes(path)));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RuleSetException(full, [new RuleSetError { File = ".", Message = $"the rule folder cannot be read: {ex.Message}" }]);
        }

        return FromFiles(full, files);
    }

    private static RuleFolder FromFiles(string location, List<RuleFile> files)
    {
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        RuleFile? manifest = null;
        var workflows = new List<RuleFile>();
        var tests = new List<RuleFile>();
        foreach (var file in files)
        {
            if (file.Path == ManifestFile)
            {
                manifest = file;
            }
            else if (file.Path.StartsWith(TestsFolder + "/", StringComparison.Ordinal))
            {
                if (file.Path.IndexOf('/', TestsFolder.Length + 1) < 0)
                {
                    tests.Add(file);
                }
            }
            else if (!file.Path.Contains('/', StringComparison.Ordinal))
            {
                workflows.Add(file);
            }
        }

        return new RuleFolder(location, manifest, workflows, tests);
    }

    /// <summary>
    /// The SHA-256 of the rule files (manifest and workflows; tests do not change advice): over one line per
    /// file in ordinal path order, <c>path</c>, a tab, the file's own SHA-256 in hex, a newline.
    /// </summary>
    public string ComputeSha256()
    {
        var lines = new StringBuilder();
        var files = Manifest is null ? Workflows : Workflows.Prepend(Manifest).OrderBy(f => f.Path, StringComparer.Ordinal).ToArray();
        foreach (var file in files)
        {
            lines.Append(file.Path).Append('\t').Append(Convert.ToHexStringLower(SHA256.HashData(file.Content))).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(lines.ToString())));
    }
}
