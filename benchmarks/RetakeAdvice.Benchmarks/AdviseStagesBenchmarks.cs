using RetakeAdvice.Evaluation;
using BenchmarkDotNet.Attributes;
using RetakeAdvice.Benchmarks.Support;

namespace RetakeAdvice.Benchmarks;

/// <summary>
/// Where the library's time goes on the <see cref="AdviseBenchmarks"/> profile: validation and facts alone
/// (<c>Prepare</c>, which the RulesEngine anchor reuses too) against the whole call (baseline).
/// </summary>
[MemoryDiagnoser]
public class AdviseStagesBenchmarks
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    private RetakeAdvisor _advisor = null!;
    private RetakeProfile _profile = null!;

    [Params(10, 1_000, 10_000)]
    public int Topics { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _advisor = RetakeAdvisor.Create();
        _profile = BenchmarkProfiles.Full(Topics);
    }

    [Benchmark(Baseline = true)]
    public AdviceReport Advise() => _advisor.Advise(_profile);

    [Benchmark]
    public AdviceFacts ValidateAndFacts() => AdvicePipeline.Prepare(_advisor.Rules, _profile, Today);
}
