using System.Text;
using RetakeAdvice;

// RetakeAdvice.Build DIR OUT NAMESPACE [CLASS]: what the RetakeAdviceRules item runs for each folder before the
// host compiles. Problems are written in MSBuild's canonical error format (file(line,column): error RETAKE001: ...),
// so dotnet build and IDEs list them with their place in the rule file.
if (args.Length is < 3 or > 4)
{
    Console.Error.WriteLine("RetakeAdvice.Build: error RETAKE000: usage: RetakeAdvice.Build DIR OUT.cs NAMESPACE [CLASS]");
    return 2;
}

var (directory, outFile, namespaceName) = (Path.GetFullPath(args[0]), Path.GetFullPath(args[1]), args[2]);
var className = args.Length == 4 && args[3].Length > 0 ? args[3] : RuleSetCompiler.ClassNameFor(directory);
string code;
try
{
    code = RuleSetCompiler.ToCSharp(directory, namespaceName, className);
}
catch (RuleSetException ex)
{
    foreach (var error in ex.Errors)
    {
        var place = error.Line is { } line ? $"({line},{error.Column ?? 1})" : string.Empty;
        var rule = error.Rule is null ? string.Empty : $"rule '{error.Rule}'{(error.Path is null ? string.Empty : $" at {error.Path}")}: ";
        Console.WriteLine($"{Path.Combine(directory, error.File)}{place}: error RETAKE001: {rule}{error.Message}");
    }

    return 1;
}
catch (ArgumentException ex) when (ex.ParamName is "namespaceName" or "className")
{
    var metadata = ex.ParamName == "className" ? "ClassName" : "Namespace";
    Console.WriteLine($"{directory}: error RETAKE002: RetakeAdviceRules {metadata}: {ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal)}");
    return 1;
}

Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
if (!File.Exists(outFile) || File.ReadAllText(outFile) != code)
{
    File.WriteAllText(outFile, code, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
}

return 0;
