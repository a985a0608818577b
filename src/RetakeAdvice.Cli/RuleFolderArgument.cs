using System.CommandLine.Parsing;

namespace RetakeAdvice.Cli;

/// <summary>
/// A rule folder named on the command line: one that does not exist is a bad argument (exit 2) for every command,
/// before anything runs; a folder that exists but does not load is bad rules (exit 3).
/// </summary>
internal static class RuleFolderArgument
{
    public static void Check(SymbolResult result, string? folder, string label, string? command = null)
    {
        if (folder is null)
        {
            return;
        }

        if (command is not null && folder.StartsWith('-') && !Directory.Exists(folder))
        {
            result.AddError($"'{folder}' is not an option of {command}.");
        }
        else if (File.Exists(folder))
        {
            result.AddError($"{label}{folder}: is a file; give the rule folder (ruleset.json plus workflow files).");
        }
        else if (!Directory.Exists(folder))
        {
            result.AddError($"{label}{folder}: the rule folder does not exist.");
        }
    }
}
