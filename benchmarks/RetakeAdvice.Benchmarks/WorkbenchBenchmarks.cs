using BenchmarkDotNet.Attributes;
using RetakeAdvice.Evaluation;
using RetakeAdvice.Loading;
using RetakeAdvice.Model;
using RetakeAdvice.Testing;

namespace RetakeAdvice.Benchmarks;

/// <summary>
/// What the rule author's workbench costs, against running the shipped JSON tests once (what <c>retake-advice test</c>
/// does) as the baseline: coverage (the rules loaded again with each threshold comparison probed, every case run
/// traced), one mutant (load the edited copy, run every case), and advice on a probed rule set against a plain one
/// (advice never loads probes; this shows what coverage pays per case).
/// </summary>
[MemoryDiagnoser]
public class WorkbenchBenchmarks
{
    private RuleTestSuite _suite = null!;
    private RetakeAdvisor _advisor = null!;
    private CompiledRuleSet _plain = null!;
    private CompiledRuleSet _probed = null!;
    private RetakeProfile _profile = null!;
    private DateOnly _today;

    [GlobalSetup]
    public void Setup()
    {
        var rules = Support.RepoFiles.Find("rules");
        _suite = RuleTestSuite.Load(rules);
        _advisor = RetakeAdvisor.Create(RuleSource.FromDirectory(rules));
        _plain = RuleSetLoader.Load(RuleFolder.FromDirectory(rules));
        _probed = RuleSetLoader.Parse(RuleFolder.FromDirectory(rules), new ThresholdProbes());
        _profile = RetakeAdviceJson.ReadProfile(File.ReadAllText(Support.RepoFiles.Find(Path.Combine("samples", "near-miss.json"))));
        _today = _profile.AsOf!.Value;
    }

    [Benchmark(Baseline = true)]
    public int RunTests() => _suite.RunAll(_advisor).Count(r => r.Passed);

    [Benchmark]
    public int Coverage() => _suite.Coverage().SidesCovered;

    /// <summary>One mutant as <c>--mutate</c> runs it: the folder loaded again (here unchanged), every case run.</summary>
    [Benchmark]
    public int OneMutant()
    {
        var rules = RuleSetLoader.Load(RuleFolder.FromDirectory(Support.RepoFiles.Find("rules")));
        return _suite.Cases.Count(c => RuleTestSuite.Run(rules, c).Passed);
    }

    [Benchmark]
    public AdviceReport AdvisePlain() => AdvicePipeline.Run(_plain, _profile, _today, null, CancellationToken.None);

    [Benchmark]
    public AdviceReport AdviseProbed() => AdvicePipeline.Run(_probed, _profile, _today, null, CancellationToken.None);
}
