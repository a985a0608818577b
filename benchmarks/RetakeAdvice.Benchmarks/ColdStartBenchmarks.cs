using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using RetakeAdvice.Benchmarks.Support;

namespace RetakeAdvice.Benchmarks;

/// <summary>
/// Whole-process cold start: each operation starts a new process and waits for it to exit. Setup publishes the
/// <c>retake-advice</c> CLI and a generated empty console app (<c>return 0;</c>) with the same command
/// (<see cref="PublishArguments"/>: framework-dependent, ReadyToRun, for this machine's runtime identifier) and the
/// same runtime settings (copied from the CLI's project file and checked in the two <c>runtimeconfig.json</c> files),
/// into fresh temporary folders. Nothing is kept between runs: the apps have no on-disk cache, every process starts
/// from scratch; only the operating system's file cache is warm (the warm-up iterations see to that, as a user's
/// second command would). Standard output and error are drained into a null stream.
/// <list type="bullet">
/// <item><c>EmptyApp</c> (baseline): the runtime's own start-up and exit, the floor for any .NET command.</item>
/// <item><c>AdviseHelp</c>: <c>retake-advice --help</c>: the host with the CLI's assemblies and System.CommandLine; no rules.</item>
/// <item><c>AdviseSample</c>: <c>retake-advice advise samples/near-miss.json</c>: also reads the default rule set
/// (precompiled into the package: no expression is parsed), reads the profile, advises and writes the JSON report.</item>
/// <item><c>HandWrittenApp</c>: the physical limit as a process: a generated console app, published the same way,
/// that reads the same profile with <see cref="RetakeAdviceJson.ReadProfile(string)"/>, advises with the hand-written
/// baseline (<c>HandWritten/*.cs</c>, compiled in: no rules to load, no expressions, no argument parser) and writes
/// the report with <see cref="RetakeAdviceJson.WriteReport"/>. Setup checks its output is byte-equal to the CLI's. It is
/// what any process giving this report costs on this runtime: host, JSON in, advice, JSON out.</item>
/// <item><c>InstalledTool</c>: <c>retake-advice advise</c> as users get it: the packages packed into a local feed as a
/// release is (README, Install: every runtime's package, then this runtime's packed Native AOT in its place) and the
/// tool installed with <c>dotnet tool install</c>, which picks this runtime's package.</item>
/// <item><c>InstalledToolRulesFolder</c>: the same with <c>--rules</c> on a copy of the default folder with one byte
/// more, so it is parsed: the native tool hands it to the ReadyToRun build in its package.</item>
/// <item><c>InstalledReadyToRunTool</c> and <c>InstalledReadyToRunToolRulesFolder</c>: the same two from a feed without
/// the native package, so from this runtime's ReadyToRun package (what the runtimes a release does not build natively
/// get).</item>
/// <item><c>InstalledPortableTool</c>: <c>advise</c> from the plain-IL <c>any</c> package, what every user got before
/// the tool was packed per runtime (and what a runtime without its own package still gets).</item>
/// <item><c>EmptyAppAot</c> and <c>HandWrittenAppAot</c>: the empty and hand-written apps published Native AOT
/// (<see cref="AotPublishArguments"/>), the floor and the limit for a process built the way the native package is.</item>
/// </list>
/// The job: <see cref="RunStrategy.Monitoring"/> (one process per iteration, no pilot and no overhead subtraction,
/// which suit operations of tens to hundreds of milliseconds with their own noise), 3 warm-up and 20 measured
/// iterations in one launch. Run the class without <c>--job</c>: a job given on the command line is added to this one.
/// The median is shown beside the mean: on a shared machine one disturbed start moves the mean, not the median.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 20, id: "ProcessStart")]
[MedianColumn]
public class ColdStartBenchmarks
{
    /// <summary>The runtime settings that change how a process starts; the empty app takes the CLI's values.</summary>
    private static readonly string[] RuntimeProperties =
    [
        "InvariantGlobalization", "TieredPGO", "TieredCompilation", "TieredCompilationQuickJit", "TieredCompilationQuickJitForLoops",
        "UseSystemResourceKeys", "ConcurrentGarbageCollection", "ServerGarbageCollector", "AutoreleasePoolSupport",
        "SatelliteResourceLanguages", "PublishReadyToRun",
    ];

    /// <summary>
    /// The hand-written app's assembly name: the benchmarks' own, the library's friend, so the hand-written cards can
    /// escape the student's text with the library's internal Markdown code, the very same work.
    /// </summary>
    private const string HandWrittenAssembly = "RetakeAdvice.Benchmarks";

    private string _root = null!;
    private string _emptyApp = null!;
    private string _cli = null!;
    private string _handWritten = null!;
    private string _installed = null!;
    private string _installedPortable = null!;
    private string _installedReadyToRun = null!;
    private string _parsedRules = null!;
    private string _emptyAppAot = null!;
    private string _handWrittenAot = null!;
    private string _sample = null!;

    /// <summary>The one publish command line both apps get, after the project path.</summary>
    public static string[] PublishArguments =>
        ["-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false", "-p:PublishReadyToRun=true"];

    /// <summary>
    /// The Native AOT publish, for the rows that compare with the installed tool built the same way. The apps' own
    /// project files turn it on (<c>NativeAot</c>): a global <c>PublishAot</c> would also reach the library's build,
    /// whose parsing path the AOT analyzers flag (the tool's project file says how that path is kept working).
    /// </summary>
    public static string[] AotPublishArguments =>
        ["-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "-p:NativeAot=true"];

    /// <summary>
    /// Set by the benchmark program for a run: the folder every benchmark process of the run shares, so the apps are
    /// published and the tools packed once per run, not once per row (BenchmarkDotNet sets each row up in its own
    /// process). The program deletes it when the run ends.
    /// </summary>
    public const string SharedRootVariable = "RETAKE_COLDSTART_ROOT";

    [GlobalSetup]
    public void Setup()
    {
        var shared = Environment.GetEnvironmentVariable(SharedRootVariable);
        _root = shared is { Length: > 0 } ? shared : Path.Combine(Path.GetTempPath(), "retake-coldstart-" + Guid.NewGuid().ToString("N"));
        var cliProject = RepoFiles.Find(Path.Combine("src", "RetakeAdvice.Cli", "RetakeAdvice.Cli.csproj"));
        _sample = RepoFiles.Find(Path.Combine("samples", "near-miss.json"));
        var executable = OperatingSystem.IsWindows() ? ".exe" : "";
        _emptyApp = Path.Combine(_root, "empty", "EmptyApp" + executable);
        _cli = Path.Combine(_root, "cli", "retake-advice" + executable);
        _handWritten = Path.Combine(_root, "handwritten", HandWrittenAssembly + executable);
        _emptyAppAot = Path.Combine(_root, "empty-aot", "EmptyApp" + executable);
        _handWrittenAot = Path.Combine(_root, "handwritten-aot", HandWrittenAssembly + executable);
        _installed = Path.Combine(_root, "tools", "rid", "retake-advice" + executable);
        _installedPortable = Path.Combine(_root, "tools", "any", "retake-advice" + executable);
        _installedReadyToRun = Path.Combine(_root, "tools", "readytorun", "retake-advice" + executable);
        _parsedRules = Path.Combine(_root, "parsed-rules");
        var ready = Path.Combine(_root, "ready");
        if (!File.Exists(ready))
        {
            var emptyProject = WriteEmptyApp(Path.Combine(_root, "empty-src"), cliProject);
            Publish(emptyProject, Path.GetDirectoryName(_emptyApp)!, "EmptyApp");
            Publish(cliProject, Path.GetDirectoryName(_cli)!, "retake-advice");
            var handWrittenProject = WriteHandWrittenApp(Path.Combine(_root, "handwritten-src"), cliProject);
            Publish(handWrittenProject, Path.GetDirectoryName(_handWritten)!, HandWrittenAssembly);
            Publish(emptyProject, Path.GetDirectoryName(_emptyAppAot)!, "EmptyApp", AotPublishArguments);
            Publish(handWrittenProject, Path.GetDirectoryName(_handWrittenAot)!, HandWrittenAssembly, AotPublishArguments);
            InstallTools(Path.Combine(_root, "feed"), Path.Combine(_root, "tools"));
            CopyParsedRules(_parsedRules);
            File.WriteAllText(ready, "");
        }

        CheckSameRuntimeSettings(_emptyApp, _cli);
        CheckSameRuntimeSettings(_emptyApp, _handWritten);

        // Each must work before it is timed: a failing process would be timed as a fast one.
        Run(_emptyApp);
        Run(_cli, "--help");
        var cliReport = Run(_cli, "advise", _sample);
        var parsedReport = Run(_cli, "advise", _sample, "--rules", _parsedRules);
        if (Run(_installed, "advise", _sample) != cliReport || Run(_installedPortable, "advise", _sample) != cliReport || Run(_installedReadyToRun, "advise", _sample) != cliReport
            || Run(_installed, "advise", _sample, "--rules", _parsedRules) != parsedReport || Run(_installedReadyToRun, "advise", _sample, "--rules", _parsedRules) != parsedReport)
        {
            throw new InvalidOperationException("an installed tool's report differs from the published CLI's");
        }

        Run(_emptyAppAot);
        var handWrittenReport = Run(_handWritten, "advise", _sample);
        if (cliReport != handWrittenReport || Run(_handWrittenAot, "advise", _sample) != cliReport || !cliReport.Contains("\"recommendations\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the hand-written app's report differs from the CLI's: it would not be doing the same work");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Environment.GetEnvironmentVariable(SharedRootVariable) is not { Length: > 0 })
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Benchmark(Baseline = true)]
    public string EmptyApp() => Run(_emptyApp);

    [Benchmark]
    public string AdviseHelp() => Run(_cli, "--help");

    [Benchmark]
    public string AdviseSample() => Run(_cli, "advise", _sample);

    [Benchmark]
    public string HandWrittenApp() => Run(_handWritten, "advise", _sample);

    [Benchmark]
    public string InstalledTool() => Run(_installed, "advise", _sample);

    [Benchmark]
    public string InstalledPortableTool() => Run(_installedPortable, "advise", _sample);

    [Benchmark]
    public string InstalledToolRulesFolder() => Run(_installed, "advise", _sample, "--rules", _parsedRules);

    [Benchmark]
    public string InstalledReadyToRunTool() => Run(_installedReadyToRun, "advise", _sample);

    [Benchmark]
    public string InstalledReadyToRunToolRulesFolder() => Run(_installedReadyToRun, "advise", _sample, "--rules", _parsedRules);

    [Benchmark]
    public string EmptyAppAot() => Run(_emptyAppAot);

    [Benchmark]
    public string HandWrittenAppAot() => Run(_handWrittenAot, "advise", _sample);

    /// <summary>
    /// Packs the library, the hosting package and the tool into a local feed as a release is (versions of their own,
    /// so no cached package stands in), and installs the tool as users do; then the same packages without the native
    /// one, under another version, for the ReadyToRun and portable installs.
    /// </summary>
    private static void InstallTools(string feed, string tools)
    {
        var version = $"0.0.0-coldstart.{DateTime.UtcNow:yyyyMMddHHmmss}";
        var readyToRun = version + "-readytorun";
        Pack(feed, version);
        Dotnet("pack", Project("RetakeAdvice.Cli"), "-c", "Release", "-o", feed, $"-p:Version={version}", "-r", RuntimeInformation.RuntimeIdentifier, "-p:NativeAotTool=true", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        Pack(feed, readyToRun);

        // Installed from outside the repository, as a user would: its nuget.config maps every package to one source.
        Dotnet("tool", "install", "RetakeAdvice.Cli", "--tool-path", Path.Combine(tools, "rid"), "--version", version, "--add-source", feed);
        Dotnet("tool", "install", "RetakeAdvice.Cli", "--tool-path", Path.Combine(tools, "readytorun"), "--version", readyToRun, "--add-source", feed);
        Dotnet("tool", "install", "RetakeAdvice.Cli.any", "--tool-path", Path.Combine(tools, "any"), "--version", readyToRun, "--add-source", feed);
    }

    private static void Pack(string feed, string version)
    {
        foreach (var project in (string[])["RetakeAdvice", "RetakeAdvice.AspNetCore", "RetakeAdvice.Cli"])
        {
            Dotnet("pack", Project(project), "-c", "Release", "-o", feed, $"-p:Version={version}", "-nodeReuse:false", "-p:UseSharedCompilation=false");
        }
    }

    private static string Project(string name) => RepoFiles.Find(Path.Combine("src", name, name + ".csproj"));

    /// <summary>The default rule folder with one byte more: not the precompiled set, so every advise parses it.</summary>
    private static void CopyParsedRules(string folder)
    {
        var rules = Path.GetDirectoryName(RepoFiles.Find(Path.Combine("rules", "ruleset.json")))!;
        foreach (var file in Directory.GetFiles(rules, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(folder, Path.GetRelativePath(rules, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        File.AppendAllText(Path.Combine(folder, "ruleset.json"), " ");
    }

    /// <summary>Runs a dotnet command from outside the repository, with no build servers left running while processes are timed.</summary>
    private static void Dotnet(params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var log = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{log}\n{error.Result}");
        }
    }

    /// <summary>Starts the app, reads its output, waits for it to exit; a non-zero exit throws.</summary>
    /// <returns>What the app wrote to standard output.</returns>
    private static string Run(string app, params string[] arguments)
    {
        var start = new ProcessStartInfo(app)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        CleanEnvironment(start);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(app)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}");
        }

        return output;
    }

    /// <summary>Runtime knobs inherited from the benchmark process (DOTNET_*, COMPlus_*) must not reach the apps.</summary>
    private static void CleanEnvironment(ProcessStartInfo start)
    {
        foreach (var name in start.Environment.Keys.ToArray())
        {
            var isKnob = name.StartsWith("DOTNET_", StringComparison.OrdinalIgnoreCase) || name.StartsWith("COMPlus_", StringComparison.OrdinalIgnoreCase);
            var isLocation = name.StartsWith("DOTNET_ROOT", StringComparison.OrdinalIgnoreCase);
            if (isKnob && !isLocation)
            {
                start.Environment.Remove(name);
            }
        }
    }

    /// <summary>The empty app: <c>return 0;</c>, with the CLI's runtime settings and the repository's package sources.</summary>
    private static string WriteEmptyApp(string directory, string cliProject) =>
        WriteApp(directory, cliProject, "EmptyApp", "return 0;\n");

    /// <summary>
    /// The hand-written app: the benchmark's <c>HandWritten/*.cs</c> compiled in, the library for the contract and
    /// its JSON, the default rule set's name, version and hash as constants (taken here from the library).
    /// </summary>
    private static string WriteHandWrittenApp(string directory, string cliProject)
    {
        var handWritten = Path.GetDirectoryName(RepoFiles.Find(Path.Combine("benchmarks", "RetakeAdvice.Benchmarks", "HandWritten", "HandWrittenAdvisor.cs")))!;
        var library = RepoFiles.Find(Path.Combine("src", "RetakeAdvice", "RetakeAdvice.csproj"));
        using var advisor = RetakeAdvisor.Create();
        var info = advisor.RuleSet;
        var program = $$"""
            using RetakeAdvice;
            using RetakeAdvice.Benchmarks.HandWritten;

            // advise <profile>: the same report as retake-advice advise, from hand-written code.
            var profile = RetakeAdviceJson.ReadProfile(File.ReadAllText(args[1]));
            var ruleSet = new RuleSetInfo { Name = "{{info.Name}}", Version = "{{info.Version}}", Sha256 = "{{info.Sha256}}" };
            var report = new HandWrittenAdvisor(ruleSet).Advise(profile);
            Console.Out.WriteLine(RetakeAdviceJson.WriteReport(report));
            return 0;

            """;
        return WriteApp(
            directory,
            cliProject,
            HandWrittenAssembly,
            program,
            new XElement("ProjectReference", new XAttribute("Include", library)),
            new XElement("Compile", new XAttribute("Include", Path.Combine(handWritten, "*.cs"))));
    }

    private static string WriteApp(string directory, string cliProject, string name, string program, params XElement[] items)
    {
        Directory.CreateDirectory(directory);
        var repository = Path.GetDirectoryName(RepoFiles.Find("Directory.Build.props"))!;
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["OutputType"] = "Exe",
            ["TargetFramework"] = $"net{Environment.Version.Major}.0",
            ["AssemblyName"] = name,
            ["ImplicitUsings"] = items.Length == 0 ? "disable" : "enable",
            ["Nullable"] = "enable",
        };

        // Repository-wide settings first, then the CLI's own, as MSBuild would apply them.
        foreach (var file in new[] { Path.Combine(repository, "Directory.Build.props"), cliProject })
        {
            foreach (var element in XDocument.Load(file).Descendants("PropertyGroup").Where(g => g.Attribute("Condition") is null).Elements())
            {
                if (RuntimeProperties.Contains(element.Name.LocalName))
                {
                    properties[element.Name.LocalName] = element.Value;
                }
            }
        }

        var project = new XElement(
            "Project",
            new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement("PropertyGroup", properties.Select(p => new XElement(p.Key, p.Value))),
            new XElement("PropertyGroup", new XAttribute("Condition", "'$(NativeAot)' == 'true'"), new XElement("PublishAot", "true")),
            new XElement("ItemGroup", items));
        var path = Path.Combine(directory, name + ".csproj");
        project.Save(path);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
        File.Copy(Path.Combine(repository, "nuget.config"), Path.Combine(directory, "nuget.config"));
        return path;
    }

    /// <returns>The published app host.</returns>
    private static string Publish(string project, string output, string appName, string[]? publishArguments = null)
    {
        Dotnet(["publish", project, .. publishArguments ?? PublishArguments, "-o", output, "-nodeReuse:false", "-p:UseSharedCompilation=false"]);
        var app = Path.Combine(output, OperatingSystem.IsWindows() ? appName + ".exe" : appName);
        return File.Exists(app) ? app : throw new InvalidOperationException($"dotnet publish {project} made no {app}");
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Both apps must run with the same runtime settings, or the ratio compares settings, not work.</summary>
    private static void CheckSameRuntimeSettings(string emptyApp, string cli)
    {
        static string Settings(string app)
        {
            // The app host's name without ".exe" (a name may hold dots: RetakeAdvice.Benchmarks).
            var name = app.EndsWith(".exe", StringComparison.OrdinalIgnoreCase) ? app[..^4] : app;
            var config = JsonNode.Parse(File.ReadAllText(name + ".runtimeconfig.json"))!;
            var properties = config["runtimeOptions"]?["configProperties"]?.AsObject() ?? [];
            return string.Join(
                "; ",
                properties
                    .Where(p => !p.Key.StartsWith("System.CommandLine.", StringComparison.Ordinal))
                    .OrderBy(p => p.Key, StringComparer.Ordinal)
                    .Select(p => $"{p.Key}={p.Value?.ToJsonString()}"));
        }

        var (empty, tool) = (Settings(emptyApp), Settings(cli));
        if (empty != tool)
        {
            throw new InvalidOperationException($"the apps' runtime settings differ:\n  empty app: {empty}\n  CLI:       {tool}");
        }
    }
}
