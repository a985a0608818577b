using System.Text;

namespace RetakeAdvice.Cli;

/// <summary>
/// <c>compile DIR [--out FILE.cs] [--namespace NS] [--class NAME]</c>: the rule folder as the C# of a precompiled rule
/// set, for a host project to compile in (nothing is parsed when it loads); every problem with file, rule and position
/// (exit 3), as <c>validate</c> reports it.
/// </summary>
internal static class CompileCommand
{
    public const string DefaultNamespace = "RetakeAdviceRules";

    public static async Task<int> RunAsync(string directory, string? outFile, string namespaceName, string? className, TextWriter output, TextWriter error)
    {
        string code;
        try
        {
            code = RuleSetCompiler.ToCSharp(directory, namespaceName, className ?? RuleSetCompiler.ClassNameFor(directory));
        }
        catch (RuleSetException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.BadRules;
        }
        catch (ArgumentException ex) when (ex.ParamName is "namespaceName" or "className")
        {
            var option = ex.ParamName == "className" ? "--class" : "--namespace";
            await error.WriteLineAsync($"{option}: {ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal)}.").ConfigureAwait(false);
            await error.WriteLineAsync("Run 'retake-advice compile --help' for usage.").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        if (outFile is null)
        {
            await output.WriteAsync(code).ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        if (Directory.Exists(outFile))
        {
            await error.WriteLineAsync($"--out {outFile}: is a folder; give the path of the C# file to write, for example {Path.Combine(outFile, "Rules.g.cs")}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        try
        {
            var full = Path.GetFullPath(outFile);
            if (Path.GetDirectoryName(full) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            // Written only when it changed, so a build that runs compile every time does not rebuild for nothing.
            if (!File.Exists(full) || await File.ReadAllTextAsync(full).ConfigureAwait(false) != code)
            {
                await File.WriteAllTextAsync(full, code, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            await error.WriteLineAsync($"--out {outFile}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.BadInput;
        }

        await output.WriteLineAsync($"compiled {directory} to {outFile}").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
