using System.CommandLine;
using System.CommandLine.Help;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

        var host = FindHost(Environment.GetEnvironmentVariable, File.Exists, OperatingSystem.IsWindows(), OperatingSystem.IsMacOS());
        if (host is null)
        {
            error.WriteLine("Reading a rule folder needs the .NET 10 runtime, and no 'dotnet' was found (DOTNET_HOST_PATH, DOTNET_ROOT, PATH, the usual install folders). Install it, or set DOTNET_ROOT to the folder that holds 'dotnet'.");
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
    /// The <c>dotnet</c> host to run the managed build with, found as the tool's own launcher would be, then on PATH:
    /// <c>DOTNET_HOST_PATH</c> (set when the tool runs through <c>dotnet</c>), <c>DOTNET_ROOT</c>, PATH, the install
    /// location file under <c>/etc/dotnet</c>, then the platform's usual folders. Null when there is none.
    /// </summary>
    internal static string? FindHost(Func<string, string?> environment, Func<string, bool> exists, bool windows, bool macOS)
    {
        var name = windows ? "dotnet.exe" : "dotnet";
        if (environment("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && exists(hostPath))
        {
            return hostPath;
        }

        var candidates = new List<string>();
        foreach (var variable in (string[])[RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "DOTNET_ROOT_ARM64" : "DOTNET_ROOT_X64", "DOTNET_ROOT"])
        {
            if (environment(variable) is { Length: > 0 } root)
            {
                candidates.Add(Path.Combine(root, name));
            }
        }

        foreach (var folder in (environment("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            candidates.Add(Path.Combine(folder, name));
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
            foreach (var location in (string[])["/etc/dotnet/install_location", "/etc/dotnet/install_location_" + RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()])
            {
                if (exists(location) && ReadFirstLine(location) is { Length: > 0 } root)
                {
                    candidates.Add(Path.Combine(root, name));
                }
            }

            candidates.AddRange(macOS ? ["/usr/local/share/dotnet/dotnet"] : ["/usr/share/dotnet/dotnet", "/usr/lib/dotnet/dotnet", "/usr/lib64/dotnet/dotnet"]);
        }

        return candidates.FirstOrDefault(exists);
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
