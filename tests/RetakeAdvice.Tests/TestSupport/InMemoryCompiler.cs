using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RetakeAdvice.Tests.TestSupport;

/// <summary>
/// Compiles generated C# as a host project would (another assembly: only public members are reachable) and loads
/// it into a collectible context, so a test can run what <c>retake-advice compile</c> wrote.
/// </summary>
internal static class InMemoryCompiler
{
    private static readonly Lazy<MetadataReference[]> References = new(() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.Ordinal))
            .Append(typeof(RetakeAdvisor).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(p => MetadataReference.CreateFromFile(p))]);

    /// <summary>The compiled assembly, or the compiler's errors as an exception that lists them.</summary>
    public static Assembly Compile(string source, string assemblyName = "GeneratedRules", bool checkedArithmetic = false)
    {
        var compilation = CSharpCompilation.Create(
            $"{assemblyName}{Guid.NewGuid():N}",
            [CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest))],
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, checkOverflow: checkedArithmetic));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (!emitted.Success)
        {
            var errors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).Select(d => d.ToString());
            throw new InvalidOperationException("the generated code does not compile:\n" + string.Join("\n", errors));
        }

        image.Position = 0;
        return new AssemblyLoadContext(assemblyName, isCollectible: true).LoadFromStream(image);
    }
}
