using BenchmarkDotNet.Attributes;
using RetakeAdvice.Benchmarks.Support;

namespace RetakeAdvice.Benchmarks;

/// <summary>
/// The library must not recognise its default rules to take a shortcut: the same advisor on a copy of the rules
/// with every id renamed ("x." prefix), every numeric GlobalParams value changed (+1) and another manifest name
/// must run at the same speed (ratio about 1) as on the embedded default rules.
/// </summary>
[MemoryDiagnoser]
public class RenamedRulesBenchmarks
{
    private RetakeAdvisor _default = null!;
    private RetakeAdvisor _renamed = null!;
    private RetakeProfile _profile = null!;
    private string _folder = null!;

    [Params(10, 10_000)]
    public int Topics { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "retake-renamed-rules-" + Guid.NewGuid().ToString("N"));
        var ids = RenamedRuleFolder.Write(RepoFiles.Find("rules"), _folder);
        _default = RetakeAdvisor.Create();
        _renamed = RetakeAdvisor.Create(RuleSource.FromDirectory(_folder));
        _profile = BenchmarkProfiles.Full(Topics);

        var report = _renamed.Advise(_profile);
        if (ids.Count != 24 || report.RuleSet.Sha256 == _default.RuleSet.Sha256 || report.Recommendations.Any(r => !r.Id.StartsWith("x.", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("the renamed copy is not what this benchmark needs");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    [Benchmark(Baseline = true)]
    public AdviceReport DefaultRules() => _default.Advise(_profile);

    [Benchmark]
    public AdviceReport RenamedRules() => _renamed.Advise(_profile);
}
