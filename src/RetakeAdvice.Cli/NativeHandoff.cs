using System.CommandLine;
using System.CommandLine.Help;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace RetakeAdvice.Cli;

/// <summary>
/// The tool's Native AOT build runs the embedded rule set, which is precompiled, and hands every command that must parse
/// a rule folder to the managed (ReadyToRun) build of the same tool shipped beside it in <c>managed/</c>.
/// </summary>
/// <remarks>
/// A native process cannot compile expressions: a parsed folder would be interpreted, and the interpreter needs generic
/// code the executable only has where the default rules use it (<c>OrderByDescending(t =&gt; t.Incorrect)</c> failed
/// there and nowhere else). Handing the command over keeps one behaviour for a folder, whichever build runs: the managed
/// build is the tool every other runtime installs. On Unix the process becomes <c>dotnet exec managed/retake-advice.dll
/// ARGS</c> (execv: the same process id, standard streams, signals and exit code); on Windows it runs as a child with
/// the same streams, and its exit code is returned. Nothing is read or written before the hand-over.
/// </remarks>
internal static partial class NativeHandoff
{
    /// <summary>The folder, beside the native executable, that holds the managed build.</summary>
    public const string ManagedFolder = "managed";

    private const string ManagedAssembly = "retake-advice.dll";

    /// <summary>True when this process cannot compile expressions, so a command that parses a folder must be handed over.</summary>
    public static bool IsNative => !RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>
    /// True when the parsed command line must read a rule folder that is not the embedded set: <c>advise</c>,
    /// <c>explain</c> and <c>serve</c> with <c>--rules</c>, <c>validate</c> with a folder, and <c>test</c> (mutants are
    /// parsed), <c>diff</c> and <c>compile</c> always. Help never is.
    /// </summary>
    public static bool ParsesAFolder(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.Action is HelpAction)
        {
            return false;
        }

        return parsed.CommandResult.Command.Name switch
        {
            "advise" or "explain" or "serve" => Given(parsed, "--rules"),
            "validate" => Given(parsed, "dir"),
            "test" or "diff" or "compile" => true,
            _ => false,
        };
    }

    /// <summary>
    /// Runs <paramref name="args"/> in the managed build. Returns only when it could not be started (with the reason on
    /// <paramref name="error"/>), or on Windows with the child's exit code.
    /// </summary>
    public static int Run(string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(error);
        var assembly = Path.Combine(AppContext.BaseDirectory, ManagedFolder, ManagedAssembly);
        if (!File.Exists(assembly))
        {
            error.WriteLine($"This build of retake-advice runs only the embedded rule set: the managed build that reads rule folders is missing ({assembly}). Reinstall the tool, or use 'dotnet tool install RetakeAdvice.Cli'.");
            return ExitCodes.BadInput;
        }

        var frameworks = Frameworks(Path.ChangeExtension(assembly, ".runtimeconfig.json"));
        var candidates = Candidates(Environment.GetEnvironmentVariable, File.Exists, OperatingSystem.IsWindows(), OperatingSystem.IsMacOS());
        var host = candidates.FirstOrDefault(candidate => CanRun(candidate, frameworks));
        if (host is null)
        {
            var needs = string.Join(" and ", frameworks.Select(f => $"{f.Name} {f.Version} or a later {f.Version.Major}.x"));
            var found = candidates.Where(File.Exists).Distinct(StringComparer.Ordinal).ToList();
            error.WriteLine($"Reading a rule folder needs the .NET {(frameworks.Count > 0 ? frameworks[0].Version.Major : Environment.Version.Major)} runtime ({needs}), and no 'dotnet' here has it"
                + (found.Count > 0 ? $" (tried: {string.Join(", ", found)})" : " (none found: DOTNET_ROOT, /etc/dotnet, the usual install folders, PATH)")
                + ". Install it, or set DOTNET_ROOT to the folder of a 'dotnet' that has it.");
            return ExitCodes.BadInput;
        }

        string[] argv = [host, "exec", assembly, .. args];
        if (OperatingSystem.IsWindows())
        {
            var start = new ProcessStartInfo(host) { UseShellExecute = false };
            foreach (var arg in argv.AsSpan(1))
            {
                start.ArgumentList.Add(arg);
            }

            // Ctrl+C reaches the child too (the same console): this process waits for it and returns its exit code.
            Console.CancelKeyPress += (_, e) => e.Cancel = true;
            using var child = Process.Start(start)!;
            child.WaitForExit();
            return child.ExitCode;
        }

        Console.Out.Flush();
        Console.Error.Flush();
        var errno = Exec(host, argv);
        error.WriteLine($"Could not start the managed build ({host} exec {assembly}): {Marshal.GetPInvokeErrorMessage(errno)}.");
        return ExitCodes.BadInput;
    }

    /// <summary>
    /// Where to look for the <c>dotnet</c> host that runs the managed build, in order: <c>DOTNET_HOST_PATH</c> (set when
    /// the tool runs through <c>dotnet</c>), then as a framework-dependent app's launcher looks (<c>DOTNET_ROOT_X64</c> or
    /// <c>_ARM64</c>, <c>DOTNET_ROOT</c>, the install location files under <c>/etc/dotnet</c>, the platform's usual
    /// folders), then PATH. The first that has the frameworks the managed build needs is taken (<see cref="CanRun"/>),
    /// so an older SDK or a dangling link earlier on PATH is passed over.
    /// </summary>
    internal static List<string> Candidates(Func<string, string?> environment, Func<string, bool> exists, bool windows, bool macOS)
    {
        var name = windows ? "dotnet.exe" : "dotnet";
        var candidates = new List<string>();
        if (environment("DOTNET_HOST_PATH") is { Length: > 0 } hostPath)
        {
            candidates.Add(hostPath);
        }

        foreach (var variable in (string[])[RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "DOTNET_ROOT_ARM64" : "DOTNET_ROOT_X64", "DOTNET_ROOT"])
        {
            if (environment(variable) is { Length: > 0 } root)
            {
                candidates.Add(Path.Combine(root, name));
            }
        }

        if (windows)
        {
            if (environment("ProgramFiles") is { Length: > 0 } programFiles)
            {
                candidates.Add(Path.Combine(programFiles, "dotnet", name));
            }
        }
        else
        {
            foreach (var location in (string[])["/etc/dotnet/install_location_" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant(), "/etc/dotnet/install_location"])
            {
                if (exists(location) && ReadFirstLine(location) is { Length: > 0 } root)
                {
                    candidates.Add(Path.Combine(root, name));
                }
            }

            candidates.AddRange(macOS ? ["/usr/local/share/dotnet/dotnet"] : ["/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet", "/usr/lib64/dotnet/dotnet"]);
        }

        foreach (var folder in (environment("PATH") ?? string.Empty).Split(windows ? ';' : ':', StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(Path.Combine(folder, name));
        }

        return candidates;
    }

    /// <summary>
    /// True when <paramref name="host"/> is a file (a link is followed to its target: a dangling one is not) whose
    /// install has every framework the managed build needs: the same major version, at least the version asked for
    /// (the roll-forward a framework-dependent app gets by default).
    /// </summary>
    internal static bool CanRun(string host, IReadOnlyList<(string Name, Version Version)> frameworks)
    {
        string real;
        try
        {
            var file = new FileInfo(host);
            var target = file.LinkTarget is null ? file : file.ResolveLinkTarget(returnFinalTarget: true);
            if (target is not { Exists: true })
            {
                return false;
            }

            real = target.FullName;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        var root = Path.GetDirectoryName(real)!;
        return frameworks.All(framework =>
        {
            var folder = Path.Combine(root, "shared", framework.Name);
            return Directory.Exists(folder) && Directory.EnumerateDirectories(folder).Any(installed =>
                Version.TryParse(Path.GetFileName(installed).Split('-', '+')[0], out var version)
                && version.Major == framework.Version.Major
                && version >= framework.Version);
        });
    }

    /// <summary>The frameworks a <c>runtimeconfig.json</c> names, with their versions; none when it cannot be read.</summary>
    internal static List<(string Name, Version Version)> Frameworks(string runtimeConfig)
    {
        var frameworks = new List<(string, Version)>();
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(runtimeConfig));
            var options = document.RootElement.GetProperty("runtimeOptions");
            var list = options.TryGetProperty("frameworks", out var many) ? many.EnumerateArray().ToList()
                : options.TryGetProperty("framework", out var one) ? [one] : [];
            foreach (var framework in list)
            {
                if (framework.GetProperty("name").GetString() is { } name && Version.TryParse(framework.GetProperty("version").GetString(), out var version))
                {
                    frameworks.Add((name, version));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // Unreadable: any host that exists is tried, and the host itself says what is missing.
        }

        return frameworks;
    }

    private static string? ReadFirstLine(string path)
    {
        try
        {
            return File.ReadLines(path).FirstOrDefault()?.Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool Given(ParseResult parsed, string name) => parsed.GetResult(name) switch
    {
        System.CommandLine.Parsing.OptionResult option => !option.Implicit,
        System.CommandLine.Parsing.ArgumentResult argument => argument.Tokens.Count > 0,
        _ => false,
    };

    // execv with the arguments as a null-terminated array of UTF-8 strings; returns the error number when it fails.
    private static int Exec(string path, string[] argv)
    {
        var pointers = new IntPtr[argv.Length + 1];
        try
        {
            for (var i = 0; i < argv.Length; i++)
            {
                pointers[i] = Marshal.StringToCoTaskMemUTF8(argv[i]);
            }

            _ = Execv(path, pointers);
            return Marshal.GetLastPInvokeError();
        }
        finally
        {
            foreach (var pointer in pointers)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "execv", SetLastError = true)]
    private static partial int Execv([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr[] argv);
}
