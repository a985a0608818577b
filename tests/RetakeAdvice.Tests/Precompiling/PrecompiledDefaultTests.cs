using Microsoft.Extensions.Logging;
using RetakeAdvice.Loading;
using RetakeAdvice.Precompiled;

namespace RetakeAdvice.Tests.Precompiling;

/// <summary>
/// The package ships the default rule set precompiled (<c>src/RetakeAdvice/Precompiled/DefaultRules.g.cs</c>): it
/// must be exactly what <c>compile</c> makes of <c>rules/</c> today, the default advisor must use it, and a folder
/// is served precompiled only when its SHA-256 is the one compiled in.
/// </summary>
public sealed class PrecompiledDefaultTests
{
    internal const string GeneratedFile = "src/RetakeAdvice/Precompiled/DefaultRules.g.cs";

    internal const string Regenerate =
        "dotnet run --project src/RetakeAdvice.Cli -- compile rules --out src/RetakeAdvice/Precompiled/DefaultRules.g.cs --namespace RetakeAdvice.Precompiled --class DefaultRules";

    [Fact]
    public void GeneratedDefault_IsWhatTheShippedRulesCompileTo()
    {
        var expected = RuleSetCompiler.ToCSharp(RepoPaths.Rules, "RetakeAdvice.Precompiled", "DefaultRules");
        var actual = File.ReadAllText(Path.Combine(RepoPaths.Root, GeneratedFile));

        Assert.True(expected == actual, $"{GeneratedFile} is not what rules/ compiles to now; from the repository's root, run: {Regenerate}");
    }

    [Fact]
    public void DefaultAdvisor_RunsThePrecompiledRules()
    {
        var rules = RetakeAdvisor.Create().Rules;

        // Fails with the other test of this class when rules/ changed and the file was not generated again.
        Assert.True(rules.Precompiled, $"the default rule set was parsed: {GeneratedFile} is not compiled from rules/ as it is now; from the repository's root, run: {Regenerate}");
        Assert.Equal(RuleFolder.Embedded().ComputeSha256(), rules.Info.Sha256);
        Assert.Equal("DefaultRules", rules.Rules[0].Gate.Method.DeclaringType!.Name);
    }

    [Fact]
    public void EmbeddedFolderWithoutTests_HasTheSameSha256_AndNoTests()
    {
        var whole = RuleFolder.Embedded();
        var rules = RuleFolder.Embedded(withTests: false);

        Assert.NotEmpty(whole.Tests);
        Assert.Empty(rules.Tests);
        Assert.Equal(whole.Workflows.Select(f => f.Path), rules.Workflows.Select(f => f.Path));
        Assert.Equal(whole.ComputeSha256(), rules.ComputeSha256());
    }

    [Fact]
    public void ShippedFolder_IsServedPrecompiled_AndAnEditedCopyIsParsed()
    {
        using var copy = TempRuleFolder.CopyOfShippedRules();
        var same = RetakeAdvisor.Create(RuleSource.FromDirectory(copy.Path));
        copy.Write("wellbeing.json", copy.Read("wellbeing.json") + " ");
        var edited = RetakeAdvisor.Create(RuleSource.FromDirectory(copy.Path));

        Assert.True(same.Status.Precompiled, $"the shipped folder was parsed; from the repository's root, run: {Regenerate}");
        Assert.NotEqual(same.RuleSet.Sha256, edited.RuleSet.Sha256);
        Assert.False(edited.Status.Precompiled);
        Assert.All(edited.Rules.Rules, rule => Assert.NotEqual("DefaultRules", rule.Gate.Method.DeclaringType?.Name));
    }

    [Fact]
    public void PrecompiledSetOfAnotherFormat_IsNotUsed_TheFolderIsParsed_AndTheLogSaysWhy()
    {
        using var copy = TempRuleFolder.CopyOfShippedRules();
        copy.Write("wellbeing.json", copy.Read("wellbeing.json") + "\n");
        var sha = RuleFolder.FromDirectory(copy.Path).ComputeSha256();
        PrecompiledRuleSet.Register(new Fake(sha, PrecompiledRuleSet.CurrentFormatVersion + 1, "{}"u8.ToArray()));

        var log = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        var advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(copy.Path), loggerFactory: loggers);

        Assert.Equal(sha, advisor.RuleSet.Sha256);
        Assert.False(advisor.Status.Precompiled);
        Assert.Contains(log.Lines, l => l.Contains("Warning", StringComparison.Ordinal) && l.Contains(typeof(Fake).FullName!, StringComparison.Ordinal) && l.Contains("same version of RetakeAdvice.Build", StringComparison.Ordinal));
        Assert.NotEmpty(advisor.Advise(RetakeAdviceJson.ReadProfile(File.ReadAllText(Profiles.SamplePath("near-miss.json")))).Recommendations);
    }

    [Fact]
    public void DamagedPrecompiledSet_IsARuleSetError_NamingTheClass()
    {
        using var copy = TempRuleFolder.CopyOfShippedRules();
        copy.Write("wellbeing.json", copy.Read("wellbeing.json") + "\n\n");
        var sha = RuleFolder.FromDirectory(copy.Path).ComputeSha256();
        PrecompiledRuleSet.Register(new Fake(sha, PrecompiledRuleSet.CurrentFormatVersion, "{\"sha256\": 1}"u8.ToArray()));

        var error = Assert.Throws<RuleSetException>(() => RetakeAdvisor.Create(RuleSource.FromDirectory(copy.Path)));

        Assert.Contains(typeof(Fake).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("compile the rule folder again", error.Message, StringComparison.Ordinal);
    }

    private sealed class Fake(string sha256, int format, byte[] data) : PrecompiledRuleSet
    {
        public override string Sha256 => sha256;

        public override int FormatVersion => format;

        public override ReadOnlySpan<byte> Data => data;

        public override Delegate[] CreateDelegates() => [];
    }
}
