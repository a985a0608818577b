using System.Text;
using BenchmarkDotNet.Attributes;

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
        _advisor = RetakeAdvisor.CreateDefault();
        _json = Encoding.UTF8.GetBytes(File.ReadAllText(FindSample()));
        _profile = RetakeAdviceJson.ReadProfile(_json);
    }

    [Benchmark(Baseline = true)]
    public RetakeProfile ReadProfile() => RetakeAdviceJson.ReadProfile(_json);

    [Benchmark]
    public AdviceReport Advise() => _advisor.Advise(_profile);

    [Benchmark]
    public string ReadAdviseWrite() => RetakeAdviceJson.WriteReport(_advisor.Advise(RetakeAdviceJson.ReadProfile(_json)));

    private static string FindSample()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "near-miss.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/near-miss.json not found above " + AppContext.BaseDirectory);
    }
}
