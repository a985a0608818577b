using System.Text;
using BenchmarkDotNet.Attributes;
using RetakeAdvice.Benchmarks.Support;

namespace RetakeAdvice.Benchmarks;

/// <summary>
/// The pipeline's stages on the sample profile, against reading the profile alone as the baseline: how much
/// advising adds to the JSON work every host does anyway.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private RetakeAdvisor _advisor = null!;
    private byte[] _json = null!;
    private RetakeProfile _profile = null!;

    [GlobalSetup]
    public void Setup()
    {
        _advisor = RetakeAdvisor.Create();
        _json = Encoding.UTF8.GetBytes(File.ReadAllText(RepoFiles.Find(Path.Combine("samples", "near-miss.json"))));
        _profile = RetakeAdviceJson.ReadProfile(_json);
    }

    [Benchmark(Baseline = true)]
    public RetakeProfile ReadProfile() => RetakeAdviceJson.ReadProfile(_json);

    [Benchmark]
    public AdviceReport Advise() => _advisor.Advise(_profile);

    [Benchmark]
    public string ReadAdviseWrite() => RetakeAdviceJson.WriteReport(_advisor.Advise(RetakeAdviceJson.ReadProfile(_json)));
}
