using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using RetakeAdvice.Benchmarks.Support;

namespace RetakeAdvice.Benchmarks;

/// <summary>
/// Batch advice in process, warm: the samples in turn as NDJSON, answered into <see cref="Stream.Null"/> by one worker
/// (baseline) and by two. The ratio is what a second core buys once the JIT has settled; allocation per batch shows
/// what each profile costs (the batch itself holds a few lines at a time: see <c>-- batch</c> for peak memory).
/// </summary>
[MemoryDiagnoser]
public class BatchBenchmarks
{
    private RetakeAdvisor _advisor = null!;
    private byte[] _batch = null!;

    [Params(10_000, 100_000)]
    public int Profiles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _advisor = RetakeAdvisor.Create();
        var samples = Directory.EnumerateFiles(RepoFiles.Find("samples"), "*.json").Order(StringComparer.Ordinal)
            .Select(file => JsonNode.Parse(File.ReadAllText(file))!.ToJsonString()).ToArray();
        var text = new StringBuilder();
        for (var i = 0; i < Profiles; i++)
        {
            text.Append(samples[i % samples.Length]).Append('\n');
        }

        _batch = Encoding.UTF8.GetBytes(text.ToString());
    }

    [Benchmark(Baseline = true)]
    public Task<AdviceBatchSummary> OneCore() => Run(1);

    [Benchmark]
    public Task<AdviceBatchSummary> TwoCores() => Run(2);

    private Task<AdviceBatchSummary> Run(int workers) =>
        _advisor.AdviseBatchAsync(new MemoryStream(_batch, writable: false), Stream.Null, new AdviceBatchOptions { MaxDegreeOfParallelism = workers });
}
