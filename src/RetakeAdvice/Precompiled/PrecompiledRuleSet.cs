using System.Collections.Concurrent;
using System.ComponentModel;
using RetakeAdvice.Loading;
using RetakeAdvice.Model;

namespace RetakeAdvice.Precompiled;

/// <summary>
/// A rule set compiled to C# at build time by <c>retake-advice compile</c> (or the <c>RetakeAdviceRules</c> MSBuild
/// item): its expressions are methods, so loading it parses no expression. The generated class derives from this
/// one and registers itself when its assembly loads; <see cref="RuleSource.FromDirectory(string, bool, TimeSpan?)"/>
/// then uses it for a folder whose SHA-256 is <see cref="Sha256"/>, and parses any other folder as before.
/// Not for use in application code: only generated code derives from it.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class PrecompiledRuleSet
{
    /// <summary>The version of the generated code's shape this library reads.</summary>
    /// <remarks>2: the data says how many parameters a call keeps (<c>kept</c>), and the code keeps them.</remarks>
    internal const int CurrentFormatVersion = 2;

    private static readonly ConcurrentDictionary<string, PrecompiledRuleSet> RegisteredSets = new(StringComparer.Ordinal);

    private CompiledRuleSet? _model;

    /// <summary>The SHA-256 of the rule folder it was compiled from, as <see cref="RuleSetInfo.Sha256"/> gives it.</summary>
    public abstract string Sha256 { get; }

    /// <summary>The version of the generated code's shape; a library reads only its own.</summary>
    public abstract int FormatVersion { get; }

    /// <summary>Everything that is not code: ids, texts, card parts, order, the manifest.</summary>
    public abstract ReadOnlySpan<byte> Data { get; }

    /// <summary>The compiled expressions, numbered as <see cref="Data"/> refers to them.</summary>
    /// <returns>A new array of the generated methods as delegates.</returns>
    public abstract Delegate[] CreateDelegates();

    /// <summary>Makes a precompiled rule set known to <see cref="RuleSource.FromDirectory(string, bool, TimeSpan?)"/>; generated code calls it.</summary>
    /// <param name="ruleSet">The generated rule set.</param>
    public static void Register(PrecompiledRuleSet ruleSet)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        RegisteredSets.TryAdd(ruleSet.Sha256, ruleSet);
    }

    /// <summary>The registered rule set compiled from a folder with this SHA-256, if any.</summary>
    internal static PrecompiledRuleSet? Find(string sha256) => RegisteredSets.GetValueOrDefault(sha256);

    /// <summary>The model, read once from the data and the delegates; the same instance on every call.</summary>
    /// <exception cref="InvalidDataException">The generated code is of another format version, or damaged.</exception>
    internal CompiledRuleSet Model()
    {
        if (Volatile.Read(ref _model) is { } model)
        {
            return model;
        }

        if (FormatVersion != CurrentFormatVersion)
        {
            throw new InvalidDataException($"the precompiled rule set {Sha256} was generated for format {FormatVersion}, and this version of RetakeAdvice reads format {CurrentFormatVersion}: compile the rule folder again");
        }

        var read = PrecompiledDataReader.Read(Data, CreateDelegates());
        return Interlocked.CompareExchange(ref _model, read, null) ?? read;
    }
}
