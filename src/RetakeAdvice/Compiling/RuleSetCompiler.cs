using System.Text;
using RetakeAdvice.Compiling;
using RetakeAdvice.Loading;
using RetakeAdvice.Model;
using RetakeAdvice.Precompiled;

namespace RetakeAdvice;

/// <summary>
/// Compiles a rule folder to C#: loads it with the ordinary loader (so the build refuses exactly what a load
/// refuses: validation, the sandbox, the size limits), keeping the expression tree behind every delegate the loader
/// made; then writes the model's data and each tree as a method of one generated class derived from
/// <see cref="PrecompiledRuleSet"/>. The trees are the ones the parsed path runs, after the parser, parameter
/// substitution, folding, Markdown escaping and the budget's checks: the two paths cannot drift apart.
/// </summary>
public static class RuleSetCompiler
{
    /// <summary>Compiles a rule folder to the C# of a precompiled rule set.</summary>
    /// <param name="directory">The rule folder.</param>
    /// <param name="namespaceName">The generated class's namespace.</param>
    /// <param name="className">The generated class's name.</param>
    /// <returns>The C# source of one file, to add to the host project's compilation.</returns>
    /// <exception cref="RuleSetException">
    /// The folder does not load, or an expression cannot be written as C#; every problem is listed with file, rule
    /// and position.
    /// </exception>
    public static string ToCSharp(string directory, string namespaceName, string className)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(namespaceName);
        ArgumentNullException.ThrowIfNull(className);
        if (!IsIdentifier(namespaceName.Split('.')))
        {
            throw new ArgumentException($"'{namespaceName}' is not a C# namespace: names of letters, digits and _, not starting with a digit, not a C# keyword, joined by dots", nameof(namespaceName));
        }

        if (!IsIdentifier([className]))
        {
            throw new ArgumentException($"'{className}' is not a C# class name: letters, digits and _, not starting with a digit, not a C# keyword", nameof(className));
        }

        return ToCSharp(RuleFolder.FromDirectory(Path.GetFullPath(directory)), namespaceName, className);
    }

    /// <summary>
    /// The class name a folder compiles to when none is given: its name as a C# identifier, then <c>RuleSet</c>
    /// (<c>rules</c> gives <c>RulesRuleSet</c>, <c>my-rules</c> gives <c>MyRulesRuleSet</c>).
    /// </summary>
    /// <param name="directory">The rule folder.</param>
    /// <returns>The class name.</returns>
    public static string ClassNameFor(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        var pascal = new StringBuilder();
        var upper = true;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                upper = true;
                continue;
            }

            pascal.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return (pascal.Length == 0 || char.IsAsciiDigit(pascal[0]) ? "Rules" + pascal : pascal.ToString()) + "RuleSet";
    }

    /// <param name="folder">The rule folder.</param>
    /// <param name="namespaceName">The generated class's namespace.</param>
    /// <param name="className">The generated class's name.</param>
    /// <returns>The C# source of one file.</returns>
    /// <exception cref="RuleSetException">The folder does not load, or an expression cannot be written as C#.</exception>
    internal static string ToCSharp(RuleFolder folder, string namespaceName, string className)
    {
        CompiledRuleSet rules;
        byte[] data;
        IReadOnlyList<(CompiledRule Rule, string Path, Delegate Compiled)> delegates;
        using (DelegateCompiler.Recording())
        {
            rules = RuleSetLoader.Parse(folder);
            (data, delegates) = PrecompiledDataWriter.Write(rules, folder.Manifest!);
        }

        var fields = new List<string>();
        var methods = new StringBuilder();
        var creates = new StringBuilder();
        var written = new Dictionary<string, string>(StringComparer.Ordinal); // a method's text (named M) -> its name
        for (var i = 0; i < delegates.Count; i++)
        {
            var (rule, path, compiled) = delegates[i];
            var lambda = DelegateCompiler.RecordedLambda(compiled) ?? throw new InvalidOperationException($"{rule.Id} at {path} was not compiled from an expression tree");
            string method;
            try
            {
                method = CSharpExpressionWriter.Method("M", lambda, fields);
            }
            catch (PrecompileException ex)
            {
                throw new RuleSetException(folder.Location, [new RuleSetError { File = rule.File, Rule = rule.Id, Path = path, Message = $"cannot be precompiled: {ex.Message}" }]);
            }

            // The same expression in several places (a text and its explain value, a parameter named by many
            // rules) is one method.
            if (!written.TryGetValue(method, out var name))
            {
                name = $"E{written.Count}";
                written.Add(method, name);
                var at = method.IndexOf(" M(", StringComparison.Ordinal); // the signature comes first
                methods.Append('\n').Append(method[..at]).Append(' ').Append(name).Append(method[(at + 2)..]);
            }

            creates.Append("        new ").Append(CSharpNames.Type(lambda.Type)).Append('(').Append(name).Append("),\n");
        }

        var info = rules.Info;
        return $$"""
            // <auto-generated>
            //     Generated by retake-advice compile from the rule set {{Comment(info.Name)}} {{Comment(info.Version)}}
            //     (SHA-256 {{info.Sha256}}). Edit the rule folder and compile again: changes here are lost.
            // </auto-generated>
            #nullable disable
            #pragma warning disable

            namespace {{namespaceName}};

            [global::System.CodeDom.Compiler.GeneratedCode("retake-advice compile", "{{PrecompiledRuleSet.CurrentFormatVersion}}")]
            internal sealed class {{className}} : global::RetakeAdvice.Precompiled.PrecompiledRuleSet
            {
                [global::System.Runtime.CompilerServices.ModuleInitializer]
                internal static void RegisterRuleSet() => Register(new {{className}}());

                public override string Sha256 => "{{info.Sha256}}";

                public override int FormatVersion => {{PrecompiledRuleSet.CurrentFormatVersion}};

                public override global::System.ReadOnlySpan<byte> Data => {{CSharpNames.String(Encoding.UTF8.GetString(data))}}u8;

                public override global::System.Delegate[] CreateDelegates() => new global::System.Delegate[]
                {
            {{creates}}    };
            {{(fields.Count > 0 ? "\n" + string.Join("\n", fields) + "\n" : string.Empty)}}{{methods}}}

            """.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    // Plain C# identifiers: a letter or underscore, then letters, digits and underscores; no keyword.
    private static bool IsIdentifier(string[] names) =>
        names.All(name => name.Length > 0 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_') && !Keywords.Contains(name));

    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while", "global",
    ];

    // A name or version in a comment: one line, no comment end.
    private static string Comment(string text) => CSharpNames.String(text).Replace("*/", "*\\/", StringComparison.Ordinal);
}
