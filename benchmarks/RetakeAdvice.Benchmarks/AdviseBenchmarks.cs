using BenchmarkDotNet.Attributes;
using RetakeAdvice.Benchmarks.HandWritten;
using RetakeAdvice.Benchmarks.RulesEngineDirect;
using RetakeAdvice.Benchmarks.Support;

namespace RetakeAdvice.Benchmarks;

/// <summary>
/// One advice call on a full profile (most rules fire) with 10, 1,000 and 10,000 topics: the library against the
/// hand-written C# that produces the same report (the baseline, the physical limit) and against RulesEngine used
/// directly (the anchor a .NET developer would write first). Setup checks that the default rules are those the
/// baseline was frozen with, and that all three give the same JSON.
/// </summary>
[MemoryDiagnoser]
public class AdviseBenchmarks
{
    private RetakeAdvisor _advisor = null!;
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
        _profile = BenchmarkProfiles.Full(Topics);

        var expected = RetakeAdviceJson.WriteReport(_advisor.Advise(_profile));
        if (RetakeAdviceJson.WriteReport(_handWritten.Advise(_profile)) != expected
            || RetakeAdviceJson.WriteReport(_rulesEngine.AdviseAsync(_profile).GetAwaiter().GetResult()) != expected)
        {
            throw new InvalidOperationException("the three ways do not give the same report: the benchmark would compare different work");
        }
    }

    [Benchmark(Baseline = true)]
    public AdviceReport HandWritten() => _handWritten.Advise(_profile);

    [Benchmark]
    public AdviceReport Advisor() => _advisor.Advise(_profile);

    [Benchmark]
    public Task<AdviceReport> RulesEngineDirect() => _rulesEngine.AdviseAsync(_profile);
}
