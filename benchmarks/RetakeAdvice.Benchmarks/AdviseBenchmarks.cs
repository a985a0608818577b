using BenchmarkDotNet.Attributes;
using RetakeAdvice.Benchmarks.HandWritten;
using RetakeAdvice.Benchmarks.RulesEngineDirect;
using RetakeAdvice.Benchmarks.Support;
using RetakeAdvice.Loading;

namespace RetakeAdvice.Benchmarks;

/// <summary>
/// One advice call on a full profile (most rules fire) with 10, 1,000 and 10,000 topics: the library against the
/// hand-written C# that produces the same report (the baseline, the physical limit) and against RulesEngine used
/// directly (the anchor a .NET developer would write first). The library twice: <c>Precompiled</c> is its default
/// path (the default rule set as the package ships it, compiled to C#), <c>Parsed</c> the same folder parsed and
/// compiled at load, as any folder without a precompiled set is. Setup checks that the default rules are those the
/// baseline was frozen with, that the precompiled path is the one measured, and that all four give the same JSON.
/// </summary>
[MemoryDiagnoser]
public class AdviseBenchmarks
{
    private RetakeAdvisor _advisor = null!;
    private RetakeAdvisor _parsed = null!;
    private HandWrittenAdvisor _handWritten = null!;
    private RulesEngineDirectAdvisor _rulesEngine = null!;
    private RetakeProfile _profile = null!;

    [Params(10, 1_000, 10_000)]
    public int Topics { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _advisor = RetakeAdvisor.Create();
        FrozenBaseline.EnsureCurrent(_advisor);
        _handWritten = new HandWrittenAdvisor(_advisor.RuleSet);
        _rulesEngine = new RulesEngineDirectAdvisor(_advisor);
        _parsed = RetakeAdvisor.ForRules(RuleSetLoader.Parse(RuleFolder.Embedded()));
        if (_advisor.Rules.Rules[0].Gate.Method.DeclaringType?.Name != "DefaultRules" || _parsed.Rules.Rules[0].Gate.Method.DeclaringType?.Name == "DefaultRules")
        {
            throw new InvalidOperationException("the default advisor is not the precompiled one, or the parsed one is: the columns would be mislabelled");
        }

        _profile = BenchmarkProfiles.Full(Topics);

        var expected = RetakeAdviceJson.WriteReport(_advisor.Advise(_profile));
        if (RetakeAdviceJson.WriteReport(_handWritten.Advise(_profile)) != expected
            || RetakeAdviceJson.WriteReport(_parsed.Advise(_profile)) != expected
            || RetakeAdviceJson.WriteReport(_rulesEngine.AdviseAsync(_profile).GetAwaiter().GetResult()) != expected)
        {
            throw new InvalidOperationException("the four ways do not give the same report: the benchmark would compare different work");
        }
    }

    [Benchmark(Baseline = true)]
    public AdviceReport HandWritten() => _handWritten.Advise(_profile);

    [Benchmark]
    public AdviceReport Precompiled() => _advisor.Advise(_profile);

    [Benchmark]
    public AdviceReport Parsed() => _parsed.Advise(_profile);

    [Benchmark]
    public Task<AdviceReport> RulesEngineDirect() => _rulesEngine.AdviseAsync(_profile);
}
